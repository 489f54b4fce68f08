// What the editor shows for one tensor: exact statistics over all values, a histogram and a bounded preview to draw.
import type { Values } from './dtypes';

export interface TensorStats {
  min: number;
  max: number;
  mean: number;
  /** Unbiased (divides by n − 1), as torch.std() by default. */
  std: number;
  /** Biased (divides by n), as torch.std(unbiased=False) and numpy.std(). */
  stdBiased: number;
  nan: number;
  inf: number;
  zeros: number;
}

export interface TensorSummary {
  shape: number[];
  dtype: string;
  stats: TensorStats;
  histogram: { lo: number; hi: number; counts: number[] };
  /** The tensor itself, or for large ones a strided sample of its planes. */
  preview: { shape: number[]; data: Float32Array; sampled: boolean; planesShown: number; planes: number };
}

export const PREVIEW_ELEMENTS = 1 << 20;
const MAX_PLANES = 256;
/** Longest side of a drawn plane (canvases have size limits; screens are smaller still). */
const MAX_SIDE = 2048;
const BINS = 48;

/** One pass: shifted sums give the mean and the unbiased (n − 1) std as torch.std does, stably. */
export function tensorStats(v: Values): TensorStats {
  let min = Infinity;
  let max = -Infinity;
  let n = 0;
  let nan = 0;
  let inf = 0;
  let zeros = 0;
  let shift = NaN;
  let s1 = 0;
  let s2 = 0;
  for (let i = 0, len = v.length; i < len; i++) {
    const x = v[i];
    if (x - x !== 0) {
      if (x !== x) nan++;
      else inf++;
      continue;
    }
    if (n === 0) shift = x;
    if (x < min) min = x;
    if (x > max) max = x;
    if (x === 0) zeros++;
    const d = x - shift;
    s1 += d;
    s2 += d * d;
    n++;
  }
  if (n === 0) return { min: NaN, max: NaN, mean: NaN, std: NaN, stdBiased: NaN, nan, inf, zeros };
  const squares = Math.max(0, s2 - (s1 * s1) / n);
  const std = n > 1 ? Math.sqrt(squares / (n - 1)) : NaN;
  return { min, max, mean: shift + s1 / n, std, stdBiased: Math.sqrt(squares / n), nan, inf, zeros };
}

export function histogram(v: Values, stats: TensorStats, bins = BINS): TensorSummary['histogram'] {
  const counts = new Array<number>(bins).fill(0);
  const lo = Number.isFinite(stats.min) ? stats.min : 0;
  const hi = Number.isFinite(stats.max) ? stats.max : 0;
  const width = hi > lo ? (hi - lo) / bins : 1;
  const scale = 1 / width;
  const last = bins - 1;
  for (let i = 0, len = v.length; i < len; i++) {
    const x = v[i];
    if (x - x !== 0) continue;
    const b = ((x - lo) * scale) | 0;
    counts[b > last ? last : b]++;
  }
  return { lo, hi, counts };
}

/** The whole tensor if small; else planes of the last two dims sampled with one stride, at most MAX_PLANES of them. */
export function preview(v: Values, shape: readonly number[]): TensorSummary['preview'] {
  const numel = v.length;
  if (numel === 0) return { shape: [...shape], data: new Float32Array(0), sampled: false, planesShown: 0, planes: 0 };
  const wide = shape.length >= 2 && (shape.at(-1)! > MAX_SIDE || shape.at(-2)! > MAX_SIDE);
  if (numel <= PREVIEW_ELEMENTS && !wide) {
    const planes = shape.length >= 3 ? numel / (shape.at(-1)! * shape.at(-2)! || 1) : 1;
    return { shape: [...shape], data: Float32Array.from(v), sampled: false, planesShown: planes, planes };
  }
  if (shape.length < 2) {
    const step = Math.ceil(numel / PREVIEW_ELEMENTS);
    const n = Math.ceil(numel / step);
    const data = new Float32Array(n);
    for (let i = 0; i < n; i++) data[i] = v[i * step];
    return { shape: [n], data, sampled: true, planesShown: 1, planes: 1 };
  }
  const H = shape.at(-2)!;
  const W = shape.at(-1)!;
  const planes = numel / (H * W);
  const shown = Math.min(planes, MAX_PLANES);
  const step = Math.max(1, Math.ceil(Math.sqrt((shown * H * W) / PREVIEW_ELEMENTS)));
  // Each side also fits a canvas: a [10, 10^6] matrix is sampled along its long side only.
  const sy = Math.max(step, Math.ceil(H / MAX_SIDE));
  const sx = Math.max(step, Math.ceil(W / MAX_SIDE));
  const h = Math.ceil(H / sy);
  const w = Math.ceil(W / sx);
  const data = new Float32Array(shown * h * w);
  for (let p = 0; p < shown; p++)
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data[(p * h + y) * w + x] = v[p * H * W + y * sy * W + x * sx];
  const lead = shown === planes ? shape.slice(0, -2) : [shown];
  return { shape: [...lead, h, w], data, sampled: true, planesShown: shown, planes };
}

export function summarize(v: Values, shape: readonly number[], dtype: string): TensorSummary {
  const stats = tensorStats(v);
  return { shape: [...shape], dtype, stats, histogram: histogram(v, stats), preview: preview(v, shape) };
}
