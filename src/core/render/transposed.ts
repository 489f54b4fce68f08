// ConvTranspose2d explained, for the Convolution panel: the filled-in output-size formula, the zero-inserted padded
// input a flipped kernel slides over (stride 1), and the input cells that scatter into one output cell.
import type { TransposedAxis } from '../engine/geometry-transposed';
import { num, type Term } from './arithmetic';
import type { WindowGeometry } from './conv-window';

/** `H_out = (5 − 1)·2 − 2·1 + 1·(3 − 1) + 1 + 1 = 10`. */
export function transposedShapeFormula(axis: 'H' | 'W', a: TransposedAxis): string {
  return `${axis}_out = (${a.input} − 1)·${a.stride} − 2·${a.padding} + ${a.dilation}·(${a.kernel} − 1) + ${a.outputPadding} + 1 = ${num(a.output)}`;
}

/**
 * One axis of the equivalent direct convolution: stride − 1 zeros between input cells, then d·(k − 1) − padding
 * cells on each side (output_padding more at the end; negative means cropped), convolved at stride 1 with the
 * flipped kernel and the same dilation.
 */
export interface ZeroInsertedAxis {
  /** Length after inserting zeros: (input − 1)·stride + 1. */
  inserted: number;
  before: number;
  after: number;
  /** inserted + before + after = output + dilation·(kernel − 1). */
  length: number;
}

export function zeroInsertedAxis(a: TransposedAxis): ZeroInsertedAxis {
  const inserted = (a.input - 1) * a.stride + 1;
  const before = a.dilation * (a.kernel - 1) - a.padding;
  const after = before + a.outputPadding;
  return { inserted, before, after, length: inserted + before + after };
}

/** The zero-inserted, padded (or cropped) plane the flipped kernel slides over, row-major [length_H, length_W]. */
export function zeroInsertedPlane(plane: ArrayLike<number>, h: TransposedAxis, w: TransposedAxis): Float32Array {
  const zh = zeroInsertedAxis(h),
    zw = zeroInsertedAxis(w);
  const out = new Float32Array(Math.max(0, zh.length) * Math.max(0, zw.length));
  for (let iy = 0; iy < h.input; iy++) {
    const y = iy * h.stride + zh.before;
    if (y < 0 || y >= zh.length) continue;
    for (let ix = 0; ix < w.input; ix++) {
      const x = ix * w.stride + zw.before;
      if (x >= 0 && x < zw.length) out[y * zw.length + x] = plane[iy * w.input + ix];
    }
  }
  return out;
}

/** The kernel rotated by 180°, as the equivalent direct convolution uses it. */
export function flippedKernel(kernel: ArrayLike<number>, kH: number, kW: number): Float32Array {
  const out = new Float32Array(kH * kW);
  for (let i = 0; i < kH; i++) for (let j = 0; j < kW; j++) out[(kH - 1 - i) * kW + (kW - 1 - j)] = kernel[i * kW + j];
  return out;
}

export interface ScatterTerm {
  iy: number;
  ix: number;
  ky: number;
  kx: number;
  x: number;
  w: number;
}

/** Every input cell × kernel tap that lands on output (oy, ox): oy = iy·stride − padding + ky·dilation (same for x). */
export function scatterTerms(
  h: TransposedAxis,
  w: TransposedAxis,
  plane: ArrayLike<number>,
  kernel: ArrayLike<number>,
  oy: number,
  ox: number,
): ScatterTerm[] {
  // Each input row reaches oy through exactly one tap, so walking taps from the last finds the rows in ascending order.
  const along = (a: TransposedAxis, o: number): [number, number][] => {
    const pairs: [number, number][] = [];
    for (let k = a.kernel - 1; k >= 0; k--) {
      const at = o + a.padding - k * a.dilation;
      if (at >= 0 && at % a.stride === 0 && at / a.stride < a.input) pairs.push([at / a.stride, k]);
    }
    return pairs;
  };
  const terms: ScatterTerm[] = [];
  const cols = along(w, ox);
  for (const [iy, ky] of along(h, oy)) {
    for (const [ix, kx] of cols) terms.push({ iy, ix, ky, kx, x: plane[iy * w.input + ix], w: kernel[ky * w.kernel + kx] });
  }
  return terms;
}

/** What a cell of the zero-inserted plane holds: an input cell, padding (or output_padding), or a zero inserted by the stride. */
export const PLANE_INPUT = 0;
export const PLANE_PADDING = 1;
export const PLANE_INSERTED = 2;

/** Plane row (or column) of input index i along one axis; outside [0, length) when cropped away. */
export function planeIndex(a: TransposedAxis, i: number): number {
  return i * a.stride + zeroInsertedAxis(a).before;
}

/** Input index at plane index p along one axis, or -1 for padding or an inserted zero. */
export function inputIndex(a: TransposedAxis, p: number): number {
  const r = p - zeroInsertedAxis(a).before;
  return r >= 0 && r % a.stride === 0 && r / a.stride < a.input ? r / a.stride : -1;
}

/** What the zero-inserted plane holds at (row, col): PLANE_INPUT, PLANE_PADDING or PLANE_INSERTED. */
export function planeCellKind(h: TransposedAxis, w: TransposedAxis, row: number, col: number): number {
  if (inputIndex(h, row) >= 0 && inputIndex(w, col) >= 0) return PLANE_INPUT;
  const zh = zeroInsertedAxis(h),
    zw = zeroInsertedAxis(w);
  const within = row >= zh.before && row < zh.before + zh.inserted && col >= zw.before && col < zw.before + zw.inserted;
  return within ? PLANE_INSERTED : PLANE_PADDING;
}

/** Per cell of the zero-inserted plane (row-major, as zeroInsertedPlane): PLANE_INPUT, PLANE_PADDING or PLANE_INSERTED. */
export function zeroInsertedMask(h: TransposedAxis, w: TransposedAxis): Uint8Array {
  const zh = zeroInsertedAxis(h),
    zw = zeroInsertedAxis(w);
  const rows = Math.max(0, zh.length),
    cols = Math.max(0, zw.length);
  // Per row and per column: 0 holds an input index, 2 lies among the inserted zeros, 1 is padding.
  const kinds = (a: TransposedAxis, z: ZeroInsertedAxis, n: number) =>
    Array.from({ length: n }, (_, p) => (inputIndex(a, p) >= 0 ? 0 : p >= z.before && p < z.before + z.inserted ? 2 : 1));
  const rk = kinds(h, zh, rows),
    ck = kinds(w, zw, cols);
  const mask = new Uint8Array(rows * cols);
  for (let y = 0; y < rows; y++) {
    const r = rk[y];
    for (let x = 0; x < cols; x++) {
      const c = ck[x];
      mask[y * cols + x] = r === 0 && c === 0 ? PLANE_INPUT : r !== 1 && c !== 1 ? PLANE_INSERTED : PLANE_PADDING;
    }
  }
  return mask;
}

/** The equivalent direct convolution as a sliding-window model: the flipped kernel over the plane at stride 1, no padding. */
export function zeroInsertedWindow(h: TransposedAxis, w: TransposedAxis): WindowGeometry {
  return {
    H: Math.max(0, zeroInsertedAxis(h).length),
    W: Math.max(0, zeroInsertedAxis(w).length),
    kH: h.kernel,
    kW: w.kernel,
    stride: [1, 1],
    dilation: [h.dilation, w.dilation],
    pad: { top: 0, bottom: 0, left: 0, right: 0 },
    mode: 'zeros',
    Hout: h.output,
    Wout: w.output,
  };
}

export interface ScatterTarget {
  oy: number;
  ox: number;
  ky: number;
  kx: number;
}

/** Output cells input (iy, ix) scatters into, with the kernel tap that carries it there, row-major over the kernel. */
export function scatterTargets(h: TransposedAxis, w: TransposedAxis, iy: number, ix: number): ScatterTarget[] {
  const out: ScatterTarget[] = [];
  for (let ky = 0; ky < h.kernel; ky++) {
    const oy = iy * h.stride - h.padding + ky * h.dilation;
    if (oy < 0 || oy >= h.output) continue;
    for (let kx = 0; kx < w.kernel; kx++) {
      const ox = ix * w.stride - w.padding + kx * w.dilation;
      if (ox >= 0 && ox < w.output) out.push({ oy, ox, ky, kx });
    }
  }
  return out;
}

/**
 * The products for output (oy, ox) in the zero-inserted view, over the given input planes (each input.h × input.w) and
 * their kernels (unflipped; the flip is applied here): row/col are zero-inserted plane coordinates, ky/kx flipped-kernel
 * taps, and `padded` marks the factors that are padding or inserted zeros. Nothing is materialised, so large planes cost
 * only kernel-size work per cell.
 */
export function zeroInsertedTerms(
  h: TransposedAxis,
  w: TransposedAxis,
  planes: readonly ArrayLike<number>[],
  kernels: readonly ArrayLike<number>[],
  oy: number,
  ox: number,
): Term[] {
  const terms: Term[] = [];
  planes.forEach((plane, channel) => {
    for (let ky = 0; ky < h.kernel; ky++) {
      const row = oy + ky * h.dilation;
      const iy = inputIndex(h, row);
      for (let kx = 0; kx < w.kernel; kx++) {
        const col = ox + kx * w.dilation;
        const ix = inputIndex(w, col);
        const real = iy >= 0 && ix >= 0;
        const tap = kernels[channel][(h.kernel - 1 - ky) * w.kernel + (w.kernel - 1 - kx)];
        terms.push({ x: real ? plane[iy * w.input + ix] : 0, w: tap, channel, row, col, ky, kx, padded: !real });
      }
    }
  });
  return terms;
}
