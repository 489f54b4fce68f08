// What the editor shows for one tensor: exact statistics over all values, a histogram and a bounded preview to draw.
import type { Values } from './dtypes';

export interface TensorStats {
  min: number;
  max: number;
  mean: number;
  std: number;
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
const BINS = 48;

export function tensorStats(v: Values): TensorStats {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let n = 0;
  let nan = 0;
  let inf = 0;
  let zeros = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (x !== x) nan++;
    else if (x === Infinity || x === -Infinity) inf++;
    else {
      if (x < min) min = x;
      if (x > max) max = x;
      sum += x;
      n++;
      if (x === 0) zeros++;
    }
  }
  const mean = n ? sum / n : NaN;
  let ss = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (Number.isFinite(x)) ss += (x - mean) * (x - mean);
  }
  // torch.std is the unbiased (n − 1) estimate.
  return { min: n ? min : NaN, max: n ? max : NaN, mean, std: n > 1 ? Math.sqrt(ss / (n - 1)) : NaN, nan, inf, zeros };
}

export function histogram(v: Values, stats: TensorStats, bins = BINS): TensorSummary['histogram'] {
  const counts = new Array<number>(bins).fill(0);
  const lo = Number.isFinite(stats.min) ? stats.min : 0;
  const hi = Number.isFinite(stats.max) ? stats.max : 0;
  const width = hi > lo ? (hi - lo) / bins : 1;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (!Number.isFinite(x)) continue;
    const b = Math.min(bins - 1, Math.floor((x - lo) / width));
    counts[b]++;
  }
  return { lo, hi, counts };
}

/** The whole tensor if small; else planes of the last two dims sampled with one stride, at most MAX_PLANES of them. */
export function preview(v: Values, shape: readonly number[]): TensorSummary['preview'] {
  const numel = v.length;
  if (numel <= PREVIEW_ELEMENTS) {
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
  const h = Math.ceil(H / step);
  const w = Math.ceil(W / step);
  const data = new Float32Array(shown * h * w);
  for (let p = 0; p < shown; p++)
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data[(p * h + y) * w + x] = v[p * H * W + y * step * W + x * step];
  const lead = shown === planes ? shape.slice(0, -2) : [shown];
  return { shape: [...lead, h, w], data, sampled: true, planesShown: shown, planes };
}

export function summarize(v: Values, shape: readonly number[], dtype: string): TensorSummary {
  const stats = tensorStats(v);
  return { shape: [...shape], dtype, stats, histogram: histogram(v, stats), preview: preview(v, shape) };
}
