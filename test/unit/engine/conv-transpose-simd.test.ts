// conv_transpose2d on conv2d's kernels: the SIMD path (strided ones over stacked phases) agrees with the plain-JS one
// (a scatter for strides), forward and every gradient, and really runs SIMD.
import * as assert from 'node:assert/strict';
import { convTranspose2d, tensor } from '../../../src/core/engine/index';
import { pathCounts, resetPathCounts, setSimdEnabled } from '../../../src/core/engine/backend';
import type { ConvTranspose2dOptions } from '../../../src/core/engine/geometry-transposed';

const rand = (n: number, seed: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.61 + seed) * 0.5);

interface Case {
  name: string;
  x: number[];
  w: number[];
  opts: ConvTranspose2dOptions;
}
const CASES: Case[] = [
  { name: "W9's decoder step, small: 2×8×7² → 2×4×14², k4 s2 p1", x: [2, 8, 7, 7], w: [8, 4, 4, 4], opts: { stride: 2, padding: 1 } },
  {
    name: 'k3 s2 p1, output padding 1, groups 2',
    x: [1, 4, 5, 6],
    w: [4, 3, 3, 3],
    opts: { stride: 2, padding: 1, outputPadding: 1, groups: 2 },
  },
  { name: 'k2 s3 (taps fewer than phases), p0', x: [1, 3, 4, 4], w: [3, 2, 2, 2], opts: { stride: 3 } },
  { name: 'k3 stride (2, 1), padding (1, 0)', x: [2, 2, 5, 5], w: [2, 3, 3, 2], opts: { stride: [2, 1], padding: [1, 0] } },
];

describe('conv_transpose2d: SIMD kernels vs plain JS', () => {
  afterEach(() => setSimdEnabled(true));
  for (const c of CASES) {
    it(c.name, () => {
      const out = c.w[1] * (c.opts.groups ?? 1);
      const run = () => {
        const x = tensor(
          rand(
            c.x.reduce((a, b) => a * b),
            1,
          ),
          c.x,
          { requiresGrad: true },
        );
        const w = tensor(
          rand(
            c.w.reduce((a, b) => a * b),
            2,
          ),
          c.w,
          { requiresGrad: true },
        );
        const b = tensor(rand(out, 3), [out], { requiresGrad: true });
        const y = convTranspose2d(x, w, b, c.opts);
        y.backward(tensor(rand(y.numel, 4), y.shape));
        return [y.data.slice(), x.grad!.data, w.grad!.data, b.grad!.data];
      };
      setSimdEnabled(true);
      resetPathCounts();
      const simd = run();
      const counts = pathCounts();
      assert.ok(counts.simd.conv2dForward >= 2 && counts.simd.conv2dBackwardWeight === 1, JSON.stringify(counts.simd));
      assert.equal(counts.js.conv2dForward + counts.js.conv2dBackwardWeight, 0);
      setSimdEnabled(false);
      const js = run();
      // Float32 sums of up to C_in·k² products in another order: within 1e-5 of values of order 1.
      ['output', 'grad_input', 'grad_weight', 'grad_bias'].forEach((what, k) => {
        assert.equal(simd[k].length, js[k].length);
        simd[k].forEach((v, i) =>
          assert.ok(Math.abs(v - js[k][i]) <= 1e-5 * Math.max(1, Math.abs(js[k][i])), `${what}[${i}] ${v} vs ${js[k][i]}`),
        );
      });
    });
  }
});
