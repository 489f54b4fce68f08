// Convolutions split across helper threads (src/workers/conv-pool.ts) give the single-thread results, on every golden too.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setSimdEnabled } from '../../../src/core/engine/backend';
import { conv2d, tensor } from '../../../src/core/engine/index';
import { PARALLEL_MIN_MACS, installParallelPool, parallelRuns, setParallelThreshold } from '../../../src/core/engine/parallel';
import { type ConvPool, installConvPool } from '../../../src/workers/conv-pool';
import { assertClose, goldensDir, toTensor } from './golden-helpers';
import { randomFloats as random } from '../../support/rng';

const cases = JSON.parse(fs.readFileSync(path.join(goldensDir(), 'conv2d.json'), 'utf8')).cases as Record<string, any>[];

/** W3's weight gradient (8×16×32² input, 32 output channels, 3×3, padding 1) summed in float64, and Σ|terms| per element. */
function weightGradF64(x: Float32Array, gy: Float32Array): { exact: Float64Array; absSum: Float64Array } {
  const gw = new Float64Array(32 * 16 * 9),
    absSum = new Float64Array(32 * 16 * 9);
  for (let n = 0; n < 8; n++)
    for (let o = 0; o < 32; o++)
      for (let c = 0; c < 16; c++)
        for (let a = 0; a < 3; a++)
          for (let b = 0; b < 3; b++) {
            let acc = 0,
              abs = 0;
            for (let y = 0; y < 32; y++) {
              const iy = y + a - 1;
              if (iy < 0 || iy >= 32) continue;
              for (let xx = 0; xx < 32; xx++) {
                const ix = xx + b - 1;
                if (ix < 0 || ix >= 32) continue;
                const t = gy[((n * 32 + o) * 32 + y) * 32 + xx] * x[((n * 16 + c) * 32 + iy) * 32 + ix];
                acc += t;
                abs += Math.abs(t);
              }
            }
            gw[((o * 16 + c) * 3 + a) * 3 + b] += acc;
            absSum[((o * 16 + c) * 3 + a) * 3 + b] += abs;
          }
  return { exact: gw, absSum };
}

async function helpersReady(pool: ConvPool): Promise<void> {
  while (pool.readyHelpers() === 0) await new Promise((r) => setTimeout(r, 10));
}

// Twice: the caller and the helper claiming jobs together, and the helper alone (every job provably on another thread).
for (const callerTakesJobs of [true, false])
  describe(`parallel: convolutions split across helper threads (${callerTakesJobs ? 'caller and helper' : 'helper only'})`, function () {
    this.timeout(60000);
    let pool: ConvPool;
    before(async () => {
      pool = installConvPool(1, { callerTakesJobs, backoff: false }); // no stand-aside: these tests count splits
      await helpersReady(pool);
    });
    after(async () => {
      setParallelThreshold(PARALLEL_MIN_MACS);
      setSimdEnabled(true);
      await pool.close();
    });

    it('a big conv (1×3×96² ⊛ 64×3×3×3) splits, writes a SharedArrayBuffer output, and matches the plain-JS reference', () => {
      const x = tensor(random(3 * 96 * 96, 1), [1, 3, 96, 96]),
        w = tensor(random(64 * 27, 2), [64, 3, 3, 3]),
        b = tensor(random(64, 3), [64]);
      setSimdEnabled(false);
      const ref = conv2d(x, w, b, { padding: 1 }).data.slice();
      setSimdEnabled(true);
      const before = parallelRuns();
      const y = conv2d(x, w, b, { padding: 1 });
      assert.equal(parallelRuns(), before + 1, 'the call was split');
      assert.ok(y.data.buffer instanceof SharedArrayBuffer);
      y.data.forEach((v, i) => assert.ok(Math.abs(v - ref[i]) <= 1e-5 + 1.3e-6 * Math.abs(ref[i]), `[${i}] ${v} vs ${ref[i]}`));
    });

    it('forward and backward of W3 (8×16×32² ⊛ 32×16×3×3) split three calls and match one thread', () => {
      const run = () => {
        const x = tensor(random(8 * 16 * 32 * 32, 6), [8, 16, 32, 32], { requiresGrad: true }),
          w = tensor(random(32 * 16 * 9, 7), [32, 16, 3, 3], { requiresGrad: true });
        const y = conv2d(x, w, null, { padding: 1 });
        y.backward(tensor(random(y.numel, 8), [...y.shape]));
        return [y.data.slice(), x.grad!.data.slice(), w.grad!.data.slice()];
      };
      const before = parallelRuns();
      const split = run();
      assert.equal(parallelRuns(), before + 3, 'forward, input gradient (a forward) and weight gradient were split');
      installParallelPool(null);
      const single = run();
      installParallelPool(pool);
      assert.equal(parallelRuns(), before + 3);
      ['output', 'grad_input'].forEach((what, t) =>
        split[t].forEach((v, i) =>
          assert.ok(Math.abs(v - single[t][i]) <= 1e-5 + 1.3e-6 * Math.abs(single[t][i]), `${what}[${i}] ${v} vs ${single[t][i]}`),
        ),
      );
      // The weight gradient sums 8,192 products per element (Σ|terms| ≈ 480 against results near 1), and the split adds the
      // batch in two halves. Justified exception to the element-wise tolerance: float32 accumulation errs by a few units of
      // 2⁻²⁴·Σ|terms| (one thread: up to 1.14 of them here, split: 0.68), so both orders are held to the exact float64 sum
      // within 4·2⁻²⁴·Σ|terms|.
      const { exact, absSum } = weightGradF64(random(8 * 16 * 32 * 32, 6), random(8 * 32 * 32 * 32, 8));
      for (const [name, got] of [
        ['split', split[2]],
        ['one thread', single[2]],
      ] as const)
        got.forEach((v, i) =>
          assert.ok(
            Math.abs(v - exact[i]) <= 4 * 2 ** -24 * absSum[i],
            `${name} grad_weight[${i}] ${v} vs ${exact[i]} (Σ|terms| ${absSum[i]})`,
          ),
        );
    });

    it('a big conv with few multiply-adds per output (W5-like Sobel, groups 3: 9) runs on the calling thread', () => {
      const before = parallelRuns();
      const y = conv2d(tensor(random(3 * 512 * 512, 4), [1, 3, 512, 512]), tensor(random(27, 5), [3, 1, 3, 3]), null, {
        padding: 1,
        groups: 3,
      });
      assert.equal(parallelRuns(), before, '7 M multiply-adds, above the size threshold, but 9 per output');
      assert.ok(y.data.buffer instanceof ArrayBuffer);
    });

    it('below the threshold a conv runs on the calling thread', () => {
      const before = parallelRuns();
      const y = conv2d(tensor(random(64, 4), [1, 1, 8, 8]), tensor(random(9, 5), [1, 1, 3, 3]));
      assert.equal(parallelRuns(), before);
      assert.ok(y.data.buffer instanceof ArrayBuffer);
    });

    it('without an installed pool nothing splits', () => {
      installParallelPool(null);
      const before = parallelRuns();
      conv2d(tensor(random(3 * 96 * 96, 1), [1, 3, 96, 96]), tensor(random(64 * 27, 2), [64, 3, 3, 3]), null, { padding: 1 });
      assert.equal(parallelRuns(), before);
      installParallelPool(pool);
    });

    describe('every conv2d golden through the split path (threshold 0)', () => {
      before(() => setParallelThreshold(0));
      after(() => setParallelThreshold(PARALLEL_MIN_MACS));
      for (const c of cases) {
        it(c.name, () => {
          const x = toTensor(c.input, true),
            w = toTensor(c.weight, true),
            b = c.bias ? toTensor(c.bias, true) : null;
          const a = c.args;
          const before = parallelRuns();
          const y = conv2d(x, w, b, {
            stride: a.stride,
            padding: a.padding,
            dilation: a.dilation,
            groups: a.groups,
            paddingMode: a.padding_mode,
          });
          const strideW = Array.isArray(a.stride) ? a.stride[1] : (a.stride ?? 1);
          const dilation = Array.isArray(a.dilation) ? a.dilation : [a.dilation ?? 1, a.dilation ?? 1];
          // The SIMD tiles (and so the split) take stride-1 widths, and strided ones without dilation as stride-1 calls over
          // stacked phases; the others run the reference on the calling thread.
          const simd = strideW === 1 || (dilation[0] === 1 && dilation[1] === 1);
          assert.equal(parallelRuns(), simd ? before + 1 : before, 'split exactly when the SIMD path applies');
          assertClose(y, c.output, 'output');
          y.backward(toTensor(c.grad_output));
          assertClose(x.grad, c.grad_input, 'grad_input');
          assertClose(w.grad, c.grad_weight, 'grad_weight');
        });
      }
    });
  });
