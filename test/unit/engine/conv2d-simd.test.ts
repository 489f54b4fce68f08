// The WebAssembly SIMD conv path and the plain-JS kernels agree, and the JS path alone still passes every conv2d golden.
import * as assert from 'node:assert/strict';
import { conv2d, optim, tensor } from '../../../src/core/engine/index';
import { pathCounts, resetPathCounts, setSimdEnabled } from '../../../src/core/engine/backend';
import { simdKernels } from '../../../src/core/engine/wasm/conv-simd';
import { assertClose, assertTrainingMatches, readGolden, toTensor } from './golden-helpers';
import { runTutorialTraining } from './tutorial-training';
import { rng } from '../../support/rng';

describe('conv2d: WebAssembly SIMD path vs plain JS', () => {
  afterEach(() => setSimdEnabled(true));

  it('SIMD kernels compile in Node', () => {
    assert.ok(simdKernels(), 'WebAssembly SIMD should be available in Node 20');
  });

  const rand = rng(7);
  for (let i = 0; i < 40; i++) {
    const groups = [1, 1, 2, 3][Math.floor(rand() * 4)];
    const cg = 1 + Math.floor(rand() * 3),
      og = 1 + Math.floor(rand() * 9);
    const n = 1 + Math.floor(rand() * 2),
      h = 3 + Math.floor(rand() * 12),
      w = 3 + Math.floor(rand() * 21);
    const kH = 1 + Math.floor(rand() * 3),
      kW = 1 + Math.floor(rand() * 3);
    const opts = {
      stride: [1 + Math.floor(rand() * 2), 1] as [number, number],
      padding: [Math.floor(rand() * 2), Math.floor(rand() * 3)] as [number, number],
      dilation: [1 + Math.floor(rand() * 2), 1 + Math.floor(rand() * 2)] as [number, number],
      groups,
    };
    if (h + 2 * opts.padding[0] < opts.dilation[0] * (kH - 1) + 1 || w + 2 * opts.padding[1] < opts.dilation[1] * (kW - 1) + 1) continue;
    it(`random case ${i}: N${n} C${cg * groups} ${h}×${w} O${og * groups} k${kH}×${kW} ${JSON.stringify(opts)}`, () => {
      const x = Float32Array.from({ length: n * cg * groups * h * w }, () => rand() * 2 - 1);
      const wt = Float32Array.from({ length: og * groups * cg * kH * kW }, () => rand() * 2 - 1);
      const b = Float32Array.from({ length: og * groups }, () => rand());
      const gy = Float32Array.from({ length: 16384 }, () => rand() * 2 - 1);
      const run = () => {
        const xt = tensor(x, [n, cg * groups, h, w], { requiresGrad: true }),
          wtt = tensor(wt, [og * groups, cg, kH, kW], { requiresGrad: true });
        const y = conv2d(xt, wtt, tensor(b, [og * groups]), opts);
        y.backward(tensor(gy.subarray(0, y.numel), [...y.shape]));
        return { y, gx: xt.grad!.data, gw: wtt.grad!.data };
      };
      setSimdEnabled(true);
      resetPathCounts();
      const simd = run();
      // Every conv here has a stride-1 width, which the SIMD tiles take: proof the fast path ran, not a silent fallback.
      assert.equal(pathCounts().js.conv2dForward, 0, 'no forward fell back to JS');
      assert.ok(pathCounts().simd.conv2dForward >= 1, 'forward ran in SIMD');
      assert.equal(pathCounts().simd.conv2dBackwardWeight, 1, 'weight gradient ran in SIMD');
      setSimdEnabled(false);
      resetPathCounts();
      const js = run();
      assert.equal(pathCounts().simd.conv2dForward + pathCounts().simd.conv2dBackwardWeight, 0, 'JS run used no SIMD');
      assert.deepEqual([...simd.y.shape], [...js.y.shape]);
      const same = (a: Float32Array, bb: Float32Array, what: string) =>
        a.forEach((v, j) => assert.ok(Math.abs(v - bb[j]) <= 1e-5 * Math.max(1, Math.abs(v)), `${what}[${j}] js ${v} simd ${bb[j]}`));
      same(js.y.data, simd.y.data, 'output');
      same(js.gx, simd.gx, 'grad_input');
      same(js.gw, simd.gw, 'grad_weight');
    });
  }

  const cases = readGolden('conv2d.json').cases;
  for (const c of cases) {
    it(`plain JS kernels: ${c.name}`, () => {
      setSimdEnabled(false);
      resetPathCounts();
      const x = toTensor(c.input, true),
        w = toTensor(c.weight, true),
        b = c.bias ? toTensor(c.bias, true) : null;
      const a = c.args;
      const y = conv2d(x, w, b, {
        stride: a.stride,
        padding: a.padding,
        dilation: a.dilation,
        groups: a.groups,
        paddingMode: a.padding_mode,
      });
      assertClose(y, c.output, 'output');
      y.backward(toTensor(c.grad_output));
      assertClose(x.grad, c.grad_input, 'grad_input');
      assertClose(w.grad, c.grad_weight, 'grad_weight');
      if (c.grad_bias) assertClose(b!.grad, c.grad_bias, 'grad_bias');
      assert.equal(pathCounts().simd.conv2dForward, 0, 'the plain-JS run used no SIMD');
      assert.ok(pathCounts().js.conv2dForward >= 1);
    });
  }

  const adamCases = readGolden('layers.json').cases.filter((c) => c.op === 'adam');
  for (const c of adamCases) {
    for (const simd of [true, false]) {
      it(`Adam ${simd ? 'SIMD' : 'plain JS'}: ${c.name}`, () => {
        setSimdEnabled(simd);
        resetPathCounts();
        const p = toTensor(c.initial, true);
        const opt = new optim.Adam([p], { lr: c.lr, betas: c.betas, eps: c.eps });
        c.grads.forEach((g: { shape: number[]; data: number[] }, i: number) => {
          p.grad = toTensor(g);
          opt.step();
          c.params_after_each_step[i].data.forEach((v: number, j: number) =>
            assert.ok(Math.abs(p.data[j] - v) <= 1e-6, `step ${i + 1}[${j}]`),
          );
        });
        assert.equal(pathCounts()[simd ? 'simd' : 'js'].adam, c.grads.length, `every step ran ${simd ? 'SIMD' : 'plain JS'}`);
        assert.equal(pathCounts()[simd ? 'js' : 'simd'].adam, 0);
      });
    }
  }

  const train = readGolden('train_seed_cnn.json').cases[0];
  it('plain JS: the tutorial training run matches PyTorch (500 losses within 1e-6, final logits and state)', function () {
    this.timeout(60000);
    setSimdEnabled(false);
    assertTrainingMatches(
      runTutorialTraining(train as Parameters<typeof runTutorialTraining>[0]),
      train as Parameters<typeof assertTrainingMatches>[1],
    );
  });

  it('the golden files hold cases (a missing or empty file fails here, not silently)', () => {
    assert.ok(cases.length > 0, 'conv2d.json has no cases');
    assert.ok(adamCases.length > 0, 'layers.json has no Adam cases');
  });
});
