// Float64 reference conv2d written straight from the definition (pad by mode, then cross-correlate), for checking the engine.

export type Mode = 'zeros' | 'reflect' | 'replicate' | 'circular';

export interface RefCase {
  n: number | null; // null: unbatched 3-D input
  c: number;
  h: number;
  w: number;
  o: number;
  kH: number;
  kW: number;
  stride: [number, number];
  dilation: [number, number];
  padding: [number, number] | 'same' | 'valid';
  groups: number;
  mode: Mode;
  bias: boolean;
}

/** [top, bottom, left, right]: 'same' puts the odd pixel bottom/right. */
export function sidePads(k: RefCase): [number, number, number, number] {
  if (k.padding === 'valid') return [0, 0, 0, 0];
  if (k.padding === 'same') {
    const th = k.dilation[0] * (k.kH - 1),
      tw = k.dilation[1] * (k.kW - 1);
    return [Math.floor(th / 2), th - Math.floor(th / 2), Math.floor(tw / 2), tw - Math.floor(tw / 2)];
  }
  return [k.padding[0], k.padding[0], k.padding[1], k.padding[1]];
}

function source(i: number, n: number, mode: Mode): number {
  if (i >= 0 && i < n) return i;
  if (mode === 'zeros') return -1;
  if (mode === 'replicate') return i < 0 ? 0 : n - 1;
  if (mode === 'circular') return ((i % n) + n) % n;
  let s = i;
  while (s < 0 || s >= n) s = s < 0 ? -s : 2 * (n - 1) - s;
  return s;
}

/** Output (float64, flat) and its shape [N, O, outH, outW] (N = 1 when unbatched). */
export function referenceConv2d(
  k: RefCase,
  x: ArrayLike<number>,
  w: ArrayLike<number>,
  b: ArrayLike<number> | null,
): { out: Float64Array; outH: number; outW: number } {
  const n = k.n ?? 1;
  const [pt, pb, pl, pr] = sidePads(k);
  const H = k.h + pt + pb,
    W = k.w + pl + pr;
  const padded = new Float64Array(n * k.c * H * W);
  for (let p = 0; p < n * k.c; p++) {
    for (let r = 0; r < H; r++) {
      for (let q = 0; q < W; q++) {
        const sr = source(r - pt, k.h, k.mode),
          sq = source(q - pl, k.w, k.mode);
        padded[(p * H + r) * W + q] = sr < 0 || sq < 0 ? 0 : x[(p * k.h + sr) * k.w + sq];
      }
    }
  }
  const outH = Math.floor((H - k.dilation[0] * (k.kH - 1) - 1) / k.stride[0]) + 1;
  const outW = Math.floor((W - k.dilation[1] * (k.kW - 1) - 1) / k.stride[1]) + 1;
  const cg = k.c / k.groups,
    og = k.o / k.groups;
  const out = new Float64Array(n * k.o * outH * outW);
  for (let b0 = 0; b0 < n; b0++) {
    for (let oc = 0; oc < k.o; oc++) {
      const g = Math.floor(oc / og);
      for (let i = 0; i < outH; i++) {
        for (let j = 0; j < outW; j++) {
          let acc = b ? b[oc] : 0;
          for (let ic = 0; ic < cg; ic++) {
            for (let u = 0; u < k.kH; u++) {
              for (let v = 0; v < k.kW; v++) {
                const r = i * k.stride[0] + u * k.dilation[0],
                  q = j * k.stride[1] + v * k.dilation[1];
                acc += w[((oc * cg + ic) * k.kH + u) * k.kW + v] * padded[((b0 * k.c + g * cg + ic) * H + r) * W + q];
              }
            }
          }
          out[((b0 * k.o + oc) * outH + i) * outW + j] = acc;
        }
      }
    }
  }
  return { out, outH, outW };
}
