// Every path of the backend (plain JS, WebAssembly SIMD, relaxed SIMD where the runtime has it) against the PyTorch goldens,
// with the per-kernel path counts proving which path ran; the relaxed path once more in a child Node with the V8 flag.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type BackendName, backendName, pathCounts, resetPathCounts, useBackend } from '../../../src/core/engine/backend';
import { conv2d } from '../../../src/core/engine/index';
import { simdFlavour } from '../../../src/core/engine/wasm/conv-simd';
import { assertClose, goldensDir, toTensor } from './golden-helpers';
import { runTutorialTraining } from './tutorial-training';

const convCases = JSON.parse(fs.readFileSync(path.join(goldensDir(), 'conv2d.json'), 'utf8')).cases as Record<string, any>[];
const train = JSON.parse(fs.readFileSync(path.join(goldensDir(), 'train_seed_cnn.json'), 'utf8')).cases[0];
const RELAXED_CHILD = 'TENSOR_LENS_RELAXED_CHILD';
const fast = (name: BackendName) => name !== 'js';

describe('backend: each path against the goldens, and proof of which path ran', () => {
  after(() => useBackend('auto'));

  it('has conv2d golden cases to run', () => assert.ok(convCases.length >= 10, `${convCases.length} cases`));

  if (process.env[RELAXED_CHILD]) {
    it('picks relaxed SIMD when the runtime validates f32x4.relaxed_madd (child Node with the flag)', () => {
      useBackend('auto');
      assert.equal(backendName(), 'wasm-relaxed-simd');
    });
  } else {
    it('picks the best path Node 20 has without flags: WebAssembly SIMD', () => {
      useBackend('auto');
      assert.equal(simdFlavour(), 'wasm-simd');
      assert.equal(backendName(), 'wasm-simd');
    });
  }

  // Relaxed SIMD exists only behind a flag in Node 20: the child-process test at the end runs its block there.
  const names: BackendName[] = simdFlavour() === 'wasm-relaxed-simd' ? ['js', 'wasm-simd', 'wasm-relaxed-simd'] : ['js', 'wasm-simd'];
  for (const name of names) {
    describe(`path ${name}`, () => {
      beforeEach(() => {
        useBackend(name);
        assert.equal(backendName(), name);
        resetPathCounts();
      });

      for (const c of convCases) {
        it(`conv2d golden ${c.name}`, () => {
          const x = toTensor(c.input, true),
            w = toTensor(c.weight, true),
            b = c.bias ? toTensor(c.bias, true) : null;
          const a = c.args;
          const opts = { stride: a.stride, padding: a.padding, dilation: a.dilation, groups: a.groups, paddingMode: a.padding_mode };
          const y = conv2d(x, w, b, opts);
          assertClose(y, c.output, 'output');
          y.backward(toTensor(c.grad_output));
          assertClose(x.grad, c.grad_input, 'grad_input');
          assertClose(w.grad, c.grad_weight, 'grad_weight');
          if (c.grad_bias) assertClose(b!.grad, c.grad_bias, 'grad_bias');
          const counts = pathCounts();
          const other = fast(name) ? counts.js : counts.simd;
          const mine = fast(name) ? counts.simd : counts.js;
          // The SIMD tiles take every stride-1-wide conv; strided widths are the reference's, and must say so.
          const simdable = (Array.isArray(a.stride) ? a.stride[1] : (a.stride ?? 1)) === 1;
          if (!fast(name) || simdable) {
            assert.equal(other.conv2dForward + other.conv2dBackwardWeight, 0, `no call left the ${name} path`);
            assert.ok(mine.conv2dForward >= 1 && mine.conv2dBackwardWeight === 1, `forward and weight gradient ran on ${name}`);
          }
        });
      }

      it('the tutorial training run matches PyTorch (500 steps: conv, linear, Adam)', function () {
        this.timeout(60000);
        const result = runTutorialTraining(train);
        assert.equal(result.losses.length, train.losses.length);
        result.losses.forEach((l, i) => assert.ok(Math.abs(l - train.losses[i]) <= 1e-5, `loss ${i + 1}: ${l} vs ${train.losses[i]}`));
        assert.deepEqual(result.predictions, train.final_predictions);
        const mine = fast(name) ? pathCounts().simd : pathCounts().js;
        for (const k of [
          'conv2dForward',
          'conv2dBackwardWeight',
          'linearForward',
          'linearBackwardInput',
          'linearBackwardWeight',
        ] as const) {
          assert.ok(mine[k] >= train.losses.length, `${k} ran ${mine[k]} times on ${name}`);
        }
        assert.equal(mine.adam, train.losses.length, `Adam ran on ${name}`);
      });
    });
  }

  if (!process.env[RELAXED_CHILD]) {
    it('under --experimental-wasm-relaxed-simd, a child Node runs these tests on the relaxed path and passes', function () {
      this.timeout(180000);
      const root = path.resolve(__dirname, '..', '..', '..');
      const mocha = path.join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
      const child = spawnSync(
        process.execPath,
        // mocha re-spawns Node for the config's node-option, so the V8 flag goes through --node-option too.
        [
          mocha,
          '--config',
          '.mocharc.json',
          '--node-option',
          'experimental-wasm-relaxed-simd',
          '--reporter',
          'dot',
          '--forbid-only',
          '--forbid-pending',
          __filename,
        ],
        { cwd: root, env: { ...process.env, [RELAXED_CHILD]: '1' }, encoding: 'utf8' },
      );
      const out = `${child.stdout}\n${child.stderr}`;
      assert.equal(child.status, 0, out);
      const passing = /(\d+) passing/.exec(out);
      assert.ok(passing && Number(passing[1]) >= 3 * convCases.length, out);
      assert.ok(!/pending/.test(out), `nothing skipped in the child: ${out}`);
    });
  }
});
