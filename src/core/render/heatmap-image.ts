// Heatmap PNGs of one 2-D plane: block-mean downsampling for big planes, colormap palette, crisp nearest-neighbour cells.
import { lookupTable, normalise, type ColorScale } from './colormap';
import { encodeIndexedPng } from './png';

export interface HeatmapOptions {
  /** Most cells along either side; bigger planes are averaged in step×step blocks (default 64). */
  maxCells?: number;
  /** Longest side of the image in pixels the cells are scaled up towards (default 128). */
  targetPx?: number;
  /** Largest cell in pixels, so tiny tensors do not become huge blocks (default 24). */
  maxCellPx?: number;
}

export interface HeatmapImage {
  png: Uint8Array;
  /** Image size in pixels. */
  width: number;
  height: number;
  /** Pixels per cell side. */
  cellPx: number;
  /** Cells drawn (after downsampling) and the block size used (1 = every value drawn). */
  rows: number;
  cols: number;
  step: number;
}

/** Palette index reserved for NaN (drawn magenta, as colorOf does). */
export const NAN_INDEX = 255;
const LEVELS = 255;

/** 255 colours sampled from the scale's lookup table, then NaN's magenta. */
export function heatmapPalette(scale: ColorScale): Array<[number, number, number]> {
  const lut = lookupTable(scale);
  const palette: Array<[number, number, number]> = [];
  for (let i = 0; i < LEVELS; i++) {
    const j = Math.round((i * 255) / (LEVELS - 1)) * 4;
    palette.push([lut[j], lut[j + 1], lut[j + 2]]);
  }
  palette.push([255, 0, 255]);
  return palette;
}

/** Palette index of a value: NaN gets NAN_INDEX, ±Infinity clamp to the ends of the scale. */
export function paletteIndex(scale: ColorScale, v: number): number {
  const t = normalise(scale, v);
  return Number.isNaN(t) ? NAN_INDEX : Math.round(t * (LEVELS - 1));
}

/** Averages step×step blocks of finite values (a block with none keeps its first value, e.g. NaN). */
export function downsample(
  plane: ArrayLike<number>,
  H: number,
  W: number,
  step: number,
): { data: Float32Array; rows: number; cols: number } {
  const rows = Math.ceil(H / step);
  const cols = Math.ceil(W / step);
  if (step === 1) return { data: Float32Array.from(plane), rows, cols };
  const data = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      let sum = 0;
      let n = 0;
      const first = plane[r * step * W + c * step];
      for (let y = r * step; y < Math.min(H, (r + 1) * step); y++) {
        for (let x = c * step; x < Math.min(W, (c + 1) * step); x++) {
          const v = plane[y * W + x];
          if (Number.isFinite(v)) {
            sum += v;
            n++;
          }
        }
      }
      data[r * cols + c] = n > 0 ? sum / n : first;
    }
  }
  return { data, rows, cols };
}

/** Renders an H×W plane (row-major) as a PNG heatmap in the given scale. */
export function heatmapImage(plane: ArrayLike<number>, H: number, W: number, scale: ColorScale, opts: HeatmapOptions = {}): HeatmapImage {
  const maxCells = opts.maxCells ?? 64;
  const step = Math.max(1, Math.ceil(Math.max(H, W) / maxCells));
  const { data, rows, cols } = downsample(plane, H, W, step);
  const cellPx = Math.max(1, Math.min(opts.maxCellPx ?? 24, Math.floor((opts.targetPx ?? 128) / Math.max(rows, cols))));
  const width = cols * cellPx;
  const height = rows * cellPx;
  const indices = new Uint8Array(width * height);
  const row = new Uint8Array(width);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) row.fill(paletteIndex(scale, data[r * cols + c]), c * cellPx, (c + 1) * cellPx);
    for (let k = 0; k < cellPx; k++) indices.set(row, (r * cellPx + k) * width);
  }
  return { png: encodeIndexedPng(width, height, indices, heatmapPalette(scale)), width, height, cellPx, rows, cols, step };
}
