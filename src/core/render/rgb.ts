// A 3-channel tensor as the colour picture it is: value range detection and C×H×W / H×W×C layouts.

/** How channel values map to 0–255: [0, 1] floats, [0, 255] bytes, or the tensor's own min–max (e.g. normalised images). */
export interface RgbRange {
  lo: number;
  hi: number;
  /** Shown under the picture, e.g. "values 0–1 → 0–255". */
  note: string;
}

export function rgbRange(data: ArrayLike<number>): RgbRange {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === Infinity) return { lo: 0, hi: 1, note: 'no finite values' };
  if (min >= 0 && max <= 1) return { lo: 0, hi: 1, note: 'values 0–1 shown as 0–255' };
  if (min >= 0 && max <= 255) return { lo: 0, hi: 255, note: 'values 0–255' };
  return { lo: min, hi: max > min ? max : min + 1, note: `values ${round(min)}…${round(max)} stretched to 0–255` };
}

const round = (v: number) => String(Number(v.toPrecision(3)));

/**
 * RGBA pixels of channels 0, 1, 2 of a [3, H, W] (or [1, 3, H, W]) tensor, or of [H, W, 3] when channelsLast.
 * NaN pixels are magenta, as in the heatmaps.
 */
export function rgbPixels(data: ArrayLike<number>, H: number, W: number, channelsLast: boolean, range = rgbRange(data)): Uint8ClampedArray {
  const px = new Uint8ClampedArray(H * W * 4);
  const scale = 255 / (range.hi - range.lo);
  for (let i = 0; i < H * W; i++) {
    let nan = false;
    for (let c = 0; c < 3; c++) {
      const v = channelsLast ? data[i * 3 + c] : data[c * H * W + i];
      if (Number.isNaN(v)) nan = true;
      px[i * 4 + c] = (v - range.lo) * scale;
    }
    if (nan) px.set([255, 0, 255], i * 4);
    px[i * 4 + 3] = 255;
  }
  return px;
}

/** An [H, W, C] tensor's data as [C, H, W] (the layout conv2d reads). */
export function channelsFirst(shape: readonly number[], data: ArrayLike<number>): { shape: number[]; data: number[] } {
  const [H, W, C] = shape;
  const out = new Array<number>(H * W * C);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) for (let c = 0; c < C; c++) out[(c * H + y) * W + x] = data[(y * W + x) * C + c];
  return { shape: [C, H, W], data: out };
}
