// Channel thumbnails of a step's output (batch element 0): 8-bit grey levels on a shared or per-channel scale,
// downsampled (mean of each block) to at most THUMB_MAX pixels a side; computed only for the channels asked for.
import type { Tensor } from '../engine';
import type { ThumbPage } from '../protocol/explore';

export const THUMB_MAX = 48;

/** How a step's output is drawn: C channels of H×W (an N×C×H×W map), or one 1×F strip (a vector). */
export function planes(t: Tensor): { channels: number; h: number; w: number } {
  const s = t.shape;
  if (s.length >= 4) return { channels: s[1], h: s[s.length - 2], w: s[s.length - 1] };
  if (s.length === 3) return { channels: s[0], h: s[1], w: s[2] };
  return { channels: 1, h: 1, w: s[s.length - 1] ?? 1 };
}

export function thumbSize(h: number, w: number): [number, number] {
  const f = Math.max(1, Math.ceil(Math.max(h, w) / THUMB_MAX));
  return [Math.ceil(h / f), Math.ceil(w / f)];
}

function range(data: Float32Array, from: number, to: number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = from; i < to; i++) {
    const v = data[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return Number.isFinite(lo) ? [lo, hi] : [0, 0];
}

/** Thumbnails of channels [from, from + count) of `t`. */
export function thumbPage(step: number, t: Tensor, from: number, count: number, scale: 'shared' | 'channel'): ThumbPage {
  const { channels, h, w } = planes(t);
  const plane = h * w;
  const [th, tw] = thumbSize(h, w);
  const f = Math.max(1, Math.ceil(Math.max(h, w) / THUMB_MAX));
  const lo = Math.max(0, Math.min(from, channels));
  const n = Math.max(0, Math.min(count, channels - lo));
  const pixels = new Uint8Array(n * th * tw);
  const shared = range(t.data, 0, channels * plane);
  const ranges: Array<[number, number]> = [];
  for (let k = 0; k < n; k++) {
    const base = (lo + k) * plane;
    const r = scale === 'shared' ? shared : range(t.data, base, base + plane);
    ranges.push(r);
    const span = r[1] - r[0] || 1;
    for (let y = 0; y < th; y++)
      for (let x = 0; x < tw; x++) {
        let sum = 0;
        let m = 0;
        for (let dy = 0; dy < f && y * f + dy < h; dy++)
          for (let dx = 0; dx < f && x * f + dx < w; dx++) {
            sum += t.data[base + (y * f + dy) * w + x * f + dx];
            m++;
          }
        const v = (sum / m - r[0]) / span;
        pixels[(k * th + y) * tw + x] = Number.isFinite(v) ? Math.round(Math.min(1, Math.max(0, v)) * 255) : 0;
      }
  }
  return { step, from: lo, count: n, scale, w: tw, h: th, pixels, ranges: scale === 'shared' ? [shared] : ranges };
}
