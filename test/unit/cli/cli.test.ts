// The command line as a user runs it: the bundled dist/cli.js on the goldens-explore cases (its .npz against PyTorch's,
// key by key) and `shapes` on models.py (exit 1 with PyTorch's message for the failing variants, 0 for the others).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { EXPLORE_CASES, MODELS_PY_PATH, casePath, readNpzArrays } from '../explore/golden-cases';
import { MODEL_CASES, constructorArgs } from '../shapes/golden-models';

const ROOT = path.resolve(__dirname, '..', '..', '..');
let dir: string;
let cli: string;

/** Runs the CLI bundle; stdout, stderr and the exit code. */
function run(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('command line (dist/cli.js)', function () {
  this.timeout(120_000);

  before(async () => {
    // The same bundle `npm run build` writes to dist/cli.js, built from this checkout into a scratch folder.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tl-cli-'));
    cli = path.join(dir, 'cli.js');
    const config = fs.readFileSync(path.join(ROOT, 'esbuild.mjs'), 'utf8');
    assert.match(config, /entryPoints: \['src\/cli\/main\.ts'\],\s+outfile: `\$\{outdir\}\/cli\.js`/, 'esbuild.mjs builds dist/cli.js');
    await esbuild.build({
      entryPoints: [path.join(ROOT, 'src/cli/main.ts')],
      outfile: cli,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      logLevel: 'silent',
    });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('package.json names it as the tensor-lens binary', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    assert.equal(pkg.bin['tensor-lens'], './dist/cli.js');
  });

  for (const c of EXPLORE_CASES) {
    it(`explore ${c.name}: the .npz holds every leaf module's output and the result as PyTorch's`, async () => {
      const npz = path.join(dir, `${c.name}.npz`);
      const json = path.join(dir, `${c.name}.json`);
      const r = run(
        'explore',
        MODELS_PY_PATH,
        '--model',
        c.model,
        '--weights',
        casePath(c.weights),
        '--input',
        casePath(c.input),
        '--npz',
        npz,
        '--json',
        json,
      );
      assert.equal(r.code, 0, r.stderr);
      const got = await readNpzArrays(new Uint8Array(fs.readFileSync(npz)));
      const want = await readNpzArrays(new Uint8Array(fs.readFileSync(casePath(c.expected))));
      assert.deepEqual([...got.keys()], [...want.keys()], 'the same keys in the same order');
      for (const [key, w] of want) {
        const g = got.get(key)!;
        assert.deepEqual(g.shape, w.shape, `${key}: shape`);
        // The tolerance of the core's golden test (explore-goldens.test.ts): float32 summation order, 1e-5 of the scale.
        let max = 0;
        for (const v of w.data) max = Math.max(max, Math.abs(v));
        w.data.forEach((v, i) => assert.ok(Math.abs(g.data[i] - v) <= 1e-5 * (1 + max), `${key}[${i}]: ${g.data[i]} vs PyTorch ${v}`));
      }
      const summary = JSON.parse(fs.readFileSync(json, 'utf8'));
      const leaves = summary.steps.filter((s: { key?: string }) => s.key);
      assert.deepEqual(
        leaves.map((s: { name: string; type: string; shape: number[] }) => [s.name, s.type, s.shape]),
        c.layers.map((l) => [l.module, l.type, l.shape]),
      );
      for (const s of summary.steps) assert.ok(s.min <= s.mean && s.mean <= s.max, `${s.name}: min ≤ mean ≤ max`);
    });
  }

  for (const c of MODEL_CASES) {
    const model = `${c.model}(${constructorArgs(c)})`;
    it(`shapes ${model} on ${c.input_shape.join('x')}: ${c.error ? `exit 1, ${c.error.message}` : `exit 0, [${c.output_shape!.join(', ')}]`}`, () => {
      const r = run('shapes', MODELS_PY_PATH, '--model', model, '--input', c.input_shape.join('x'));
      if (c.error) {
        assert.equal(r.code, 1, r.stdout + r.stderr);
        assert.match(r.stdout, new RegExp(`^${esc(MODELS_PY_PATH)}:\\d+: ${c.model}: ${c.error.type}: ${esc(c.error.message)}$`, 'm'));
      } else {
        assert.equal(r.code, 0, r.stdout + r.stderr);
        assert.match(r.stdout, new RegExp(`: ${c.model}: \\[${c.input_shape.join(', ')}\\] → ${esc(`[${c.output_shape!.join(', ')}]`)}`));
      }
    });
  }

  it('shapes on the whole file exits 0 and says what it could not check', () => {
    const r = run('shapes', MODELS_PY_PATH);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /BasicBlock: not checked: needs constructor arguments/);
  });

  it('--help documents both commands; bad input is one line on stderr with exit code 2', () => {
    const help = run('--help');
    assert.equal(help.code, 0);
    assert.match(help.stdout, /tensor-lens explore MODEL\.py --model CLASS/);
    assert.match(help.stdout, /tensor-lens shapes MODEL\.py/);
    for (const args of [
      ['explore', MODELS_PY_PATH],
      ['explore', MODELS_PY_PATH, '--model', 'NoSuchNet', '--input', '1x1x28x28'],
      ['explore', 'missing.py', '--model', 'LeNet5'],
      ['shapes', MODELS_PY_PATH, '--input', 'big'],
      ['shapes', MODELS_PY_PATH, '--frobnicate'],
      ['frobnicate'],
    ]) {
      const r = run(...args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, /^tensor-lens: /);
    }
  });

  it('explore reports weights that do not fit as load_state_dict does, exit 1', () => {
    const r = run('explore', MODELS_PY_PATH, '--model', 'LeNet5', '--weights', casePath('tiny_unet_up_state.pt'), '--input', '1x1x28x28');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /RuntimeError: Error\(s\) in loading state_dict for LeNet5:\n\tMissing key\(s\) in state_dict: "conv1\.weight"/);
  });
});

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
