// The padRows kernel (padInHeap, widenInHeap) lays tensors out exactly as the reference padInto / copyRows do, crops included.
import * as assert from 'node:assert/strict';
import { type ConvShape, copyRows, padInto } from '../../../src/core/engine/kernels/conv-shape';
import { heapViews, padInHeap, simdKernels, widenInHeap } from '../../../src/core/engine/wasm/conv-simd';

const shape = (n: number, c: number, h: number, w: number, padT: number, padL: number): ConvShape => ({
  n, c, h, w, o: 1, kH: 3, kW: 3, groups: 1, sH: 1, sW: 1, dH: 1, dW: 1, padT, padL, outH: h, outW: w,
}); // prettier-ignore

for (const shared of [false, true]) {
  describe(`wasm pad kernel (${shared ? 'shared' : 'own'} memory)`, () => {
    const k = simdKernels(false, shared)!;
    // [n, c, h, w, padT, padL, hp, rowStride]: symmetric, one-sided, wider rows than needed, negative pads (crops), 1×1.
    const cases: number[][] = [
      [2, 3, 5, 7, 1, 1, 7, 12],
      [1, 2, 4, 4, 0, 2, 4, 8],
      [1, 1, 6, 5, 2, 0, 10, 5],
      [2, 2, 5, 6, -1, -2, 3, 4],
      [1, 1, 1, 1, 0, 0, 1, 1],
      [1, 2, 3, 3, 4, 4, 3, 3],
    ];
    for (const [n, c, h, w, padT, padL, hp, rowStride] of cases) {
      it(`${n}×${c}×${h}×${w}, pads ${padT}/${padL}, ${hp} rows of ${rowStride}: the same floats as padInto, zeros around`, () => {
        const s = shape(n, c, h, w, padT, padL);
        const x = Float32Array.from({ length: n * c * h * w }, (_, i) => i + 1);
        const len = n * c * hp * rowStride;
        const expected = new Float32Array(len);
        padInto(expected, 0, x, s, hp, rowStride);
        const at = 64,
          rawAt = at + len * 4 + 64;
        heapViews(k, rawAt + x.length * 4 + 64).f32.fill(NaN); // stale memory must not show through
        padInHeap(k, at, rawAt, x, s, hp, rowStride);
        assert.deepEqual(Array.from(heapViews(k, 0).f32.subarray(at >> 2, (at >> 2) + len)), Array.from(expected));
        assert.ok(
          Number.isNaN(heapViews(k, 0).f32[(at >> 2) - 1]) && Number.isNaN(heapViews(k, 0).f32[(at >> 2) + len]),
          'nothing outside',
        );
      });
    }
    it('widenInHeap: 5 rows of 3 floats laid 8 apart, zeros after each, as copyRows with zeroTail', () => {
      const src = Float32Array.from({ length: 15 }, (_, i) => i - 7);
      const expected = new Float32Array(40);
      copyRows(expected, 0, 8, src, 0, 3, 5, 3, true);
      heapViews(k, 4096).f32.fill(NaN);
      widenInHeap(k, 256, 1024, src, 5, 3, 8);
      assert.deepEqual(Array.from(heapViews(k, 0).f32.subarray(64, 104)), Array.from(expected));
    });
  });
}
