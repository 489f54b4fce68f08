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
});
