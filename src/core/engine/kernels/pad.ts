// Reflect / replicate / circular padding of the last two dims over flat arrays: gather forward, scatter-add backward.
import type { SidePads } from '../pad-geometry';

export type BorrowMode = 'reflect' | 'replicate' | 'circular';

/** For each padded index along one axis, the source index in the unpadded axis (negative pads crop). */
export function sourceIndexMap(size: number, before: number, after: number, mode: BorrowMode): Int32Array {
  const out = new Int32Array(size + before + after);
  for (let o = 0; o < out.length; o++) {
    let i = o - before;
    if (mode === 'reflect') {
      if (i < 0) i = -i;
      if (i >= size) i = 2 * (size - 1) - i;
    } else if (mode === 'replicate') {
      i = i < 0 ? 0 : i >= size ? size - 1 : i;
    } else {
      i = ((i % size) + size) % size;
    }
    out[o] = i;
  }
  return out;
}

export interface PadPlan {
  planes: number;
  h: number;
  w: number;
  outH: number;
  outW: number;
  rows: Int32Array;
  cols: Int32Array;
}

export function padPlan(planes: number, h: number, w: number, p: SidePads, mode: BorrowMode): PadPlan {
  const rows = sourceIndexMap(h, p.top, p.bottom, mode);
  const cols = sourceIndexMap(w, p.left, p.right, mode);
  return { planes, h, w, outH: rows.length, outW: cols.length, rows, cols };
}

/** out[plane, r, c] = x[plane, rows[r], cols[c]]. */
export function padForward(x: Float32Array, plan: PadPlan, out: Float32Array): void {
  const { planes, h, w, outH, outW, rows, cols } = plan;
  for (let p = 0; p < planes; p++) {
    const src = p * h * w,
      dst = p * outH * outW;
    for (let r = 0; r < outH; r++) {
      const srcRow = src + rows[r] * w,
        dstRow = dst + r * outW;
      for (let c = 0; c < outW; c++) out[dstRow + c] = x[srcRow + cols[c]];
    }
  }
}

/** The adjoint of padForward: every padded cell's gradient goes back to the cell it borrowed from. */
export function padBackward(gOut: Float32Array, plan: PadPlan, gx: Float32Array): void {
  const { planes, h, w, outH, outW, rows, cols } = plan;
  gx.fill(0);
  for (let p = 0; p < planes; p++) {
    const src = p * h * w,
      dst = p * outH * outW;
    for (let r = 0; r < outH; r++) {
      const srcRow = src + rows[r] * w,
        dstRow = dst + r * outW;
      for (let c = 0; c < outW; c++) gx[srcRow + cols[c]] += gOut[dstRow + c];
    }
  }
}
