// The flat description of one conv2d call every kernel reads (JS reference and WebAssembly alike), and the one zero-padding copy.
import { scratchF32 } from '../memory';

/** Everything a kernel needs; padBottom/padRight are implied by outH/outW (negative pads crop). */
export interface ConvShape {
  n: number;
  c: number;
  h: number;
  w: number;
  o: number;
  kH: number;
  kW: number;
  groups: number;
  sH: number;
  sW: number;
  dH: number;
  dW: number;
  padT: number;
  padL: number;
  outH: number;
  outW: number;
}

/** Rows/cols of the padded input the kernel reads. */
export function paddedExtent(s: ConvShape): [number, number] {
  return [(s.outH - 1) * s.sH + s.dH * (s.kH - 1) + 1, (s.outW - 1) * s.sW + s.dW * (s.kW - 1) + 1];
}

/** dst[at + i …] = src[from + i …] for len floats: a plain loop for short rows, where set(subarray()) costs more than the copy. */
export function copyFloats(dst: Float32Array, at: number, src: Float32Array, from: number, len: number): void {
  if (len >= 64) dst.set(src.subarray(from, from + len), at);
  else for (let i = 0; i < len; i++) dst[at + i] = src[from + i];
}

/** `rows` rows of `len` floats, src rows `srcStride` apart, dst rows `dstStride` apart; `zeroTail` zeroes dst[len, dstStride). */
export function copyRows(
  dst: Float32Array,
  dstAt: number,
  dstStride: number,
  src: Float32Array,
  srcAt: number,
  srcStride: number,
  rows: number,
  len: number,
  zeroTail = false,
): void {
  // Contiguous on both sides (e.g. W3's gy, 8192 rows of 32): one copy instead of a short one per row.
  if (len === srcStride && len === dstStride) return copyFloats(dst, dstAt, src, srcAt, rows * len);
  for (let r = 0; r < rows; r++) {
    const d = dstAt + r * dstStride,
      from = srcAt + r * srcStride;
    copyFloats(dst, d, src, from, len);
    if (zeroTail) for (let c = len; c < dstStride; c++) dst[d + c] = 0;
  }
}

/**
 * dst[at + (plane·hp + r)·rowStride + c] = x[plane, r − padT, c − padL], 0 outside: the n·c input planes zero-padded
 * (or cropped) into `hp` rows; `rowStride` may exceed the padded width (the SIMD tiles read whole 8-pixel blocks).
 */
export function padInto(dst: Float32Array, at: number, x: Float32Array, s: ConvShape, hp: number, rowStride: number): void {
  const c0 = Math.max(0, s.padL),
    c1 = Math.min(rowStride, s.w + s.padL);
  // Plain loops: TypedArray.fill has a per-call cost that dominates on short rows.
  for (let p = 0; p < s.n * s.c; p++) {
    for (let r = 0; r < hp; r++) {
      const ir = r - s.padT,
        row = at + (p * hp + r) * rowStride;
      if (ir < 0 || ir >= s.h || c1 <= c0) {
        for (let c = 0; c < rowStride; c++) dst[row + c] = 0;
        continue;
      }
      for (let c = 0; c < c0; c++) dst[row + c] = 0;
      copyFloats(dst, row + c0, x, (p * s.h + ir) * s.w - s.padL + c0, c1 - c0);
      for (let c = c1; c < rowStride; c++) dst[row + c] = 0;
    }
  }
}

/** The padded input in a scratch buffer (rows exactly as wide as the kernel reads), or x itself when no padding or cropping is needed. */
export function padZeros(x: Float32Array, s: ConvShape, slot: string): Float32Array {
  const [hp, wp] = paddedExtent(s);
  if (s.padT === 0 && s.padL === 0 && hp === s.h && wp === s.w) return x;
  const xp = scratchF32(slot, s.n * s.c * hp * wp);
  padInto(xp, 0, x, s, hp, wp);
  return xp;
}
