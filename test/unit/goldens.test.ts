// Every PyTorch reference case in the golden folder ($TENSOR_LENS_GOLDENS or test/fixtures/goldens) as its own named test.
import * as assert from 'node:assert/strict';
import { TorchError, conv2d, crossEntropy, linear, maxPool2d, nn, optim, relu, tensor, zeros } from '../../src/core/engine/index';
import type { Tensor } from '../../src/core/engine/index';
import { assertReductionCase, runConv, runLinear } from './engine/golden-bounds';
import {
  type JsonTensor,
  assertClose,
  assertTrainingMatches,
  goldensDir,
  loadGoldenFiles,
  seedGoldenDirs,
  toTensor,
} from './engine/golden-helpers';
import { runTutorialTraining } from './engine/tutorial-training';

type Case = Record<string, any>;

const convOpts = (a: Case) => ({
  stride: a.stride,
  padding: a.padding,
  dilation: a.dilation,
  groups: a.groups,
  paddingMode: a.padding_mode,
});

/** Python prints sets like {'same', 'valid'} in per-process hash order, so PyTorch's own text varies: compare those as sets. */
const normalizeSets = (msg: string) => msg.replace(/\{('[^{}]*')\}/g, (_, items: string) => `{${items.split(', ').sort().join(', ')}}`);

function expectError(fn: () => unknown, expected: { type: string; message: string } | null): void {
  if (expected === null) {
    fn();
    return;
  }
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof TorchError, `expected a TorchError, got ${String(err)}`);
    assert.equal(err.type, expected.type);
    assert.equal(normalizeSets(err.message), normalizeSets(expected.message));
    return true;
  });
}

/** Output and gradients are float32 sums of products: each element within 2·γ_K·Σ|terms| (golden-bounds.ts says why). */
function runConvCase(c: Case): void {
  const x = toTensor(c.input, true);
  const y = conv2d(x, toTensor(c.weight), c.bias ? toTensor(c.bias) : null, convOpts(c.args));
  assert.deepEqual([...y.shape], c.output.shape, 'output shape');
  assert.deepEqual([...x.shape], c.grad_input.shape, 'grad_input shape');
  assertReductionCase(c, (f) => runConv(c, convOpts(c.args), f));
}

function runErrorCase(c: Case): void {
  const a = c.args;
  const mk = (shape: number[] | null) => (shape ? zeros(shape) : null);
  expectError(() => conv2d(zeros(c.input_shape), zeros(c.weight_shape), mk(c.bias_shape), convOpts(a)), c.functional_error);
  expectError(() => {
    const ws: number[] = c.weight_shape;
    const groups = typeof a.groups === 'number' ? a.groups : 1;
    const kernel: [number, number] = [ws[2] ?? 1, ws[3] ?? ws[2] ?? 1];
    const m = new nn.Conv2d((ws[1] ?? 1) * groups, ws[0] ?? 1, kernel, {
      ...convOpts(a),
      bias: c.bias_shape !== null && c.bias_shape !== undefined,
    });
    m.weight = zeros(ws, { requiresGrad: true });
    m.bias = mk(c.bias_shape);
    return m.forward(zeros(c.input_shape));
  }, c.module_error);
}

function runLayerCase(c: Case): void {
  if (c.op === 'adam') return runAdamCase(c);
  const x = toTensor(c.input, true);
  let y: Tensor;
  if (c.op === 'linear') {
    // a sum of products like conv2d: each element within 2·γ_K·Σ|terms|
    y = linear(x, toTensor(c.weight), c.bias ? toTensor(c.bias) : null);
    assert.deepEqual([...y.shape], c.output.shape, 'output shape');
    assertReductionCase(c, (f) => runLinear(c, f));
    return;
  } else if (c.op === 'relu') {
    y = relu(x);
  } else if (c.op === 'max_pool2d') {
    const a = c.args;
    y = maxPool2d(x, {
      kernelSize: a.kernel_size,
      stride: a.stride ?? null,
      padding: a.padding ?? 0,
      dilation: a.dilation ?? 1,
      ceilMode: a.ceil_mode ?? false,
    });
  } else if (c.op === 'cross_entropy') {
    y = crossEntropy(x, toTensor(c.target));
    assert.deepEqual([...y.shape], []);
    assertClose(y, { shape: [], data: [c.output] }, 'loss');
    y.backward();
    assertClose(x.grad, c.grad_input, 'grad_input');
    return;
  } else {
    assert.fail(`unknown op ${c.op}`);
  }
  // relu and max-pooling select values (exact); max_pool2d's gradient adds up to k² overlapping window gradients,
  // within torch.testing's float32 tolerance
  assertClose(y, c.output, 'output');
  y.backward(toTensor(c.grad_output));
  assertClose(x.grad, c.grad_input, 'grad_input');
}

function runAdamCase(c: Case): void {
  const p = toTensor(c.initial, true);
  const opt = new optim.Adam([p], { lr: c.lr, betas: c.betas, eps: c.eps, weightDecay: c.weight_decay ?? 0 });
  c.grads.forEach((g: JsonTensor, i: number) => {
    opt.zeroGrad();
    p.grad = toTensor(g);
    opt.step();
    const expected: JsonTensor = c.params_after_each_step[i];
    for (let j = 0; j < expected.data.length; j++) {
      const diff = Math.abs(p.data[j] - expected.data[j]);
      assert.ok(diff <= 1e-6, `step ${i + 1} param[${j}]: got ${p.data[j]}, expected ${expected.data[j]} (|diff| ${diff})`);
    }
  });
}

function runSeedExample(c: Case): void {
  const h = c.image.length,
    w = c.image[0].length,
    k = c.kernel.length;
  const conv = new nn.Conv2d(1, 1, k, c.stride, c.padding);
  conv.weight = tensor(c.kernel).view(1, 1, k, c.kernel[0].length);
  conv.bias = tensor([0.0]);
  const y = conv.forward(tensor(c.image).view(1, 1, h, w));
  assert.deepEqual([...y.shape], c.output.shape);
  assert.deepEqual([...y.data], c.output.data.map(Math.fround));
}

function runTrainCase(c: Case): void {
  assert.equal(c.losses.length, 500, 'the golden holds 500 losses');
  assertTrainingMatches(
    runTutorialTraining(c as Parameters<typeof runTutorialTraining>[0]),
    c as Parameters<typeof assertTrainingMatches>[1],
  );
}

function kindOf(c: Case): ((c: Case) => void) | null {
  if ('functional_error' in c || 'module_error' in c) return runErrorCase;
  if ('losses' in c && 'initial_state' in c) return runTrainCase;
  if ('op' in c) return runLayerCase;
  if ('image' in c && 'kernel' in c) return runSeedExample;
  if ('weight' in c && 'input' in c && 'output' in c) return runConvCase;
  return null;
}

function describeFolder(dir: string, files: ReturnType<typeof loadGoldenFiles>): void {
  for (const { file, json } of files) {
    describe(file, () => {
      (json.cases ?? []).forEach((raw, i) => {
        const c = raw as Case;
        const name = typeof c.name === 'string' ? c.name : `case ${i}`;
        const run = kindOf(c);
        const timeout = run === runTrainCase ? 60000 : 20000;
        it(name, function () {
          this.timeout(timeout);
          assert.ok(run, `unrecognised case format in ${file} of ${dir}`);
          run(c);
        });
      });
    });
  }
}

describe(`PyTorch goldens (${goldensDir()})`, () => {
  const files = loadGoldenFiles();
  it('finds the five golden files, each with cases', () => {
    const names = files.map((f) => f.file);
    for (const f of ['conv2d.json', 'errors.json', 'layers.json', 'seed_examples.json', 'train_seed_cnn.json']) {
      assert.ok(names.includes(f), `${f} missing from ${goldensDir()}`);
    }
    for (const { file, json } of files) assert.ok((json.cases ?? []).length > 0, `${file} has no cases`);
  });
  describeFolder(goldensDir(), files);
});

// The same recipe for other seeds (test/fixtures/goldens-seeds/generate.py): the bounds must hold for the generator,
// not for one draw of it.
describe('PyTorch goldens, other seeds of the same recipe', () => {
  const dirs = seedGoldenDirs();
  it('has at least five extra seeds, each with conv2d, layers and training cases', () => {
    assert.ok(dirs.length >= 5, `only ${dirs.length} seed folders`);
    for (const dir of dirs) {
      assert.deepEqual(
        loadGoldenFiles(dir).map((f) => f.file),
        ['conv2d.json', 'layers.json', 'train_seed_cnn.json'],
      );
    }
  });
  for (const dir of dirs) describe(dir.split(/[\\/]/).pop()!, () => describeFolder(dir, loadGoldenFiles(dir)));
});
