// The WebAssembly SIMD linear kernels agree with the plain-JS ones: forward, input gradient, fresh and accumulated weight gradient.
import * as assert from 'node:assert/strict';
import { linear, tensor } from '../../../src/core/engine/index';
import { pathCounts, resetPathCounts, setSimdEnabled } from '../../../src/core/engine/backend';
import { rng } from '../../support/rng';

describe('linear: WebAssembly SIMD path vs plain JS', () => {
  afterEach(() => setSimdEnabled(true));

  const rand = rng(11);
  const shapes: [number, number, number][] = [
    [1, 360, 10],
    [1, 4, 1],
    [3, 8, 5],
    [2, 12, 4],
    [1, 7, 3],
    [4, 64, 9],
    [1, 1024, 17],
    // Batches of 4+ rows go through the 4-row tiles (with odd features, rows and 4-float column tails left to the row kernels).
    [9, 36, 7],
    [8, 40, 12],
    [64, 132, 130],
  ];
  for (const [n, inF, outF] of shapes) {
    it(`N${n} ${inF} → ${outF}, two backward passes (fresh then accumulated grads)`, () => {
      const x = Float32Array.from({ length: n * inF }, () => rand() * 2 - 1);
      const w = Float32Array.from({ length: outF * inF }, () => rand() * 2 - 1);
      const b = Float32Array.from({ length: outF }, () => rand() - 0.5);
      const gy = Float32Array.from({ length: n * outF }, () => rand() * 2 - 1);
      const run = () => {
        const xt = tensor(x.slice(), [n, inF], { requiresGrad: true });
        const wt = tensor(w.slice(), [outF, inF], { requiresGrad: true }),
          bt = tensor(b.slice(), [outF], { requiresGrad: true });
        const y = linear(xt, wt, bt);
        y.backward(tensor(gy, [n, outF]));
        linear(xt, wt, bt).backward(tensor(gy, [n, outF]));
        return { y: y.data, gx: xt.grad!.data, gw: wt.grad!.data, gb: bt.grad!.data };
      };
      setSimdEnabled(true);
      resetPathCounts();
      const simd = run();
      // in_features % 4 == 0 takes the SIMD kernels (two forwards, two backwards each): prove they ran.
      const fast = pathCounts().simd;
      const expected = inF % 4 === 0 ? 2 : 0;
      assert.deepEqual([fast.linearForward, fast.linearBackwardInput, fast.linearBackwardWeight], [expected, expected, expected]);
      setSimdEnabled(false);
      resetPathCounts();
      const js = run();
      assert.deepEqual([pathCounts().js.linearForward, pathCounts().simd.linearForward], [2, 0]);
      const same = (a: Float32Array, bb: Float32Array, what: string) => {
        assert.equal(a.length, bb.length);
        a.forEach((v, j) => assert.ok(Math.abs(v - bb[j]) <= 1e-5 * Math.max(1, Math.abs(v)), `${what}[${j}] js ${v} simd ${bb[j]}`));
      };
      same(js.y, simd.y, 'output');
      same(js.gx, simd.gx, 'grad_input');
      same(js.gw, simd.gw, 'grad_weight');
      same(js.gb, simd.gb, 'grad_bias');
    });
  }

  it('the 4-row tiles give bit for bit what the row kernels give (64 × 1028 → 130, each row and each feature alone)', () => {
    const [n, inF, outF] = [64, 1028, 130];
    const x = Float32Array.from({ length: n * inF }, () => rand() * 2 - 1);
    const w = Float32Array.from({ length: outF * inF }, () => rand() * 2 - 1);
    const b = Float32Array.from({ length: outF }, () => rand() - 0.5);
    const gy = Float32Array.from({ length: n * outF }, () => rand() * 2 - 1);
    const xt = tensor(x, [n, inF], { requiresGrad: true }),
      wt = tensor(w, [outF, inF], { requiresGrad: true });
    const y = linear(xt, wt, tensor(b, [outF]));
    y.backward(tensor(gy, [n, outF]));
    for (let r = 0; r < n; r++) {
      // One row: the row kernels (no 4-row group), with its own gradient.
      const xr = tensor(x.slice(r * inF, (r + 1) * inF), [1, inF], { requiresGrad: true });
      const yr = linear(xr, tensor(w, [outF, inF]), tensor(b, [outF]));
      yr.backward(tensor(gy.slice(r * outF, (r + 1) * outF), [1, outF]));
      assert.deepEqual(yr.data, y.data.subarray(r * outF, (r + 1) * outF), `output row ${r}`);
      assert.deepEqual(xr.grad!.data, xt.grad!.data.subarray(r * inF, (r + 1) * inF), `grad_input row ${r}`);
    }
    for (const o of [0, 5, 127, 129]) {
      // One output feature: the weight gradient's row kernel over the batch, in the same order.
      const wo = tensor(w.slice(o * inF, (o + 1) * inF), [1, inF], { requiresGrad: true });
      linear(tensor(x, [n, inF]), wo).backward(
        tensor(
          Float32Array.from({ length: n }, (_, r) => gy[r * outF + o]),
          [n, 1],
        ),
      );
      assert.deepEqual(wo.grad!.data, wt.grad!.data.subarray(o * inF, (o + 1) * inF), `grad_weight row ${o}`);
    }
  });
});
