// Values the panel derives from its planes: one batch item's channels back to back, and the cell size its labels need.
import { cellLabel } from '../../src/core/render/tensor-format';
import { planeOf } from './conv-compute';
import type { Derived } from './state';

/** Planes 0..count-1 of batch item n, back to back ([count, H, W]). */
export function channelsOf(t: { shape: readonly number[]; data: ArrayLike<number> }, n: number, count: number): Float32Array {
  const [H, W] = t.shape.slice(-2);
  const out = new Float32Array(count * H * W);
  for (let c = 0; c < count; c++) out.set(planeOf(t, n, c), c * H * W);
  return out;
}

/** Cell size (px) at which the widest value's shortest exact label fits (13 px editor font ≈ 7.8 px a character). */
export function labelRoom(d: Derived): number {
  let chars = 1;
  for (const values of [d.padded?.values, d.kernelPlane, d.outPlane]) {
    if (!values || values.length > 4096) continue;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      let n = chars;
      while (n < 9 && !cellLabel(v, (t) => t.length <= n)) n++;
      chars = Math.max(chars, n);
    }
  }
  return Math.min(72, Math.ceil(chars * 7.8 + 6));
}
