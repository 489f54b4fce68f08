// conv2d forward vs a float64 reference and backward vs central finite differences, over random small cases of every option and mode.
import * as assert from 'node:assert/strict';
import { conv2d, tensor } from '../../../src/core/engine/index';
import { type Mode, type RefCase, referenceConv2d, sidePads } from './conv2d-reference';
import { rng } from '../../support/rng';

const MODES: Mode[] = ['zeros', 'reflect', 'replicate', 'circular'];
const PADDINGS = ['int', 'pair', 'same', 'valid'] as const;

function makeCase(rand: () => number, mode: Mode, padKind: (typeof PADDINGS)[number]): RefCase {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  for (;;) {
    const groups = pick([1, 1, 2, 3]);
    const k: RefCase = {
      n: mode === 'circular' || rand() < 0.7 ? pick([1, 2]) : null, // PyTorch 1.13 cannot circular-pad 3-D input
      c: groups * pick([1, 2]),
      h: 3 + Math.floor(rand() * 5),
      w: 3 + Math.floor(rand() * 5),
      o: groups * pick([1, 2]),
      kH: pick([1, 2, 3]),
      kW: pick([1, 2, 3]),
      stride:
        padKind === 'same' && mode === 'zeros'
          ? [1, 1]
          : pick([
              [1, 1],
              [2, 2],
              [2, 1],
              [1, 2],
            ] as [number, number][]),
      dilation: pick([
        [1, 1],
        [2, 2],
        [1, 2],
        [2, 1],
      ] as [number, number][]),
      padding:
        padKind === 'int'
          ? pick([
              [0, 0],
              [1, 1],
              [2, 2],
            ] as [number, number][])
          : padKind === 'pair'
            ? pick([
                [1, 2],
                [2, 0],
                [0, 1],
              ] as [number, number][])
            : padKind,
      groups,
      mode,
      bias: rand() < 0.6,
    };
    const [pt, pb, pl, pr] = sidePads(k);
    const limit = mode === 'reflect' ? (n: number, p: number) => p < n : (n: number, p: number) => p <= n;
    if (
      mode !== 'zeros' &&
      mode !== 'replicate' &&
      ![
        [k.h, pt],
        [k.h, pb],
        [k.w, pl],
        [k.w, pr],
      ].every(([n, p]) => limit(n, p))
    )
      continue;
    if (k.h + pt + pb < k.dilation[0] * (k.kH - 1) + 1 || k.w + pl + pr < k.dilation[1] * (k.kW - 1) + 1) continue;
    return k;
  }
}

const randn = (rand: () => number, len: number) => Float32Array.from({ length: len }, () => Math.round((rand() * 2 - 1) * 1000) / 500);

describe('conv2d gradient check (float64 reference + finite differences)', () => {
  const rand = rng(20240303);
  let count = 0;
  for (const mode of MODES) {
    for (const padKind of PADDINGS) {
      for (let rep = 0; rep < 3; rep++) {
        const k = makeCase(rand, mode, padKind);
        const xShape = k.n === null ? [k.c, k.h, k.w] : [k.n, k.c, k.h, k.w];
        const x = randn(
          rand,
          xShape.reduce((a, b) => a * b, 1),
        );
        const w = randn(rand, k.o * (k.c / k.groups) * k.kH * k.kW);
        const b = k.bias ? randn(rand, k.o) : null;
        const label = `#${++count} ${mode} padding=${JSON.stringify(k.padding)} stride=${k.stride} dilation=${k.dilation} groups=${k.groups} ${k.n === null ? '3-D' : `N=${k.n}`} ${k.bias ? 'bias' : 'no bias'}`;
        it(label, () => {
          const xt = tensor(x, xShape, { requiresGrad: true });
          const wt = tensor(w, [k.o, k.c / k.groups, k.kH, k.kW], { requiresGrad: true });
          const bt = b ? tensor(b, [k.o], { requiresGrad: true }) : null;
          const y = conv2d(xt, wt, bt, { stride: k.stride, padding: k.padding, dilation: k.dilation, groups: k.groups, paddingMode: mode });
          const ref = referenceConv2d(k, x, w, b);
          assert.equal(y.numel, ref.out.length);
          y.data.forEach((v, i) =>
            assert.ok(Math.abs(v - ref.out[i]) <= 1e-5 * Math.max(1, Math.abs(ref.out[i])), `output[${i}] ${v} vs ${ref.out[i]}`),
          );

          const r = randn(rand, y.numel);
          y.backward(tensor(r, [...y.shape]));
          const loss = (xx: ArrayLike<number>, ww: ArrayLike<number>, bb: ArrayLike<number> | null) =>
            referenceConv2d(k, xx, ww, bb).out.reduce((acc, v, i) => acc + v * r[i], 0);
          const check = (name: string, values: Float32Array, grad: Float32Array, f: (v: Float64Array) => number) => {
            const v64 = Float64Array.from(values);
            for (let i = 0; i < v64.length; i++) {
              const keep = v64[i],
                h = 0.5; // the loss is linear in each argument: differences are exact up to rounding
              v64[i] = keep + h;
              const up = f(v64);
              v64[i] = keep - h;
              const down = f(v64);
              v64[i] = keep;
              const fd = (up - down) / (2 * h);
              assert.ok(Math.abs(grad[i] - fd) <= 1e-4 * Math.max(1, Math.abs(fd)), `${name}[${i}]: analytic ${grad[i]} vs numeric ${fd}`);
            }
          };
          check('grad_input', x, xt.grad!.data, (v) => loss(v, w, b));
          check('grad_weight', w, wt.grad!.data, (v) => loss(x, v, b));
          if (b) check('grad_bias', b, bt!.grad!.data, (v) => loss(x, w, v));
        });
      }
    }
  }
});
