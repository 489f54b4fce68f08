// Colormaps shared by the webview heatmaps and the hover PNGs: diverging around 0 for signed data, sequential otherwise.
import { interpolateRdBu, interpolateViridis, interpolateCividis, interpolatePuOr } from 'd3-scale-chromatic';

export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

/** Value range and kind of scale chosen for a set of values. */
export interface ColorScale {
  kind: 'diverging' | 'sequential';
  /** Lower and upper end of the legend; for diverging scales lo = −hi. */
  lo: number;
  hi: number;
  theme: ThemeKind;
}

/** Picks a diverging scale centred on 0 if any finite value is negative, else a sequential one from 0 (or min). */
export function scaleFor(values: ArrayLike<number>, theme: ThemeKind = 'dark'): ColorScale {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === Infinity) return { kind: 'sequential', lo: 0, hi: 1, theme };
  if (min < 0) {
    const m = Math.max(-min, max) || 1;
    return { kind: 'diverging', lo: -m, hi: m, theme };
  }
  const lo = Math.min(0, min);
  return { kind: 'sequential', lo, hi: max > lo ? max : lo + 1, theme };
}

/** Position of v in [0, 1] along the scale (clamped); NaN stays NaN. */
export function normalise(scale: ColorScale, v: number): number {
  if (Number.isNaN(v)) return NaN;
  const t = (v - scale.lo) / (scale.hi - scale.lo);
  return t < 0 ? 0 : t > 1 ? 1 : t;
}

function interpolator(scale: ColorScale): (t: number) => string {
  const hc = scale.theme === 'high-contrast' || scale.theme === 'high-contrast-light';
  if (scale.kind === 'diverging') {
    // RdBu reversed: negative = blue, positive = red. PuOr has stronger ends for high-contrast themes.
    return hc ? (t) => interpolatePuOr(1 - t) : (t) => interpolateRdBu(1 - t);
  }
  return hc ? interpolateCividis : interpolateViridis;
}

/** CSS colour for a value; NaN/±Infinity get fixed, distinct colours. */
export function colorOf(scale: ColorScale, v: number): string {
  const special = nonFiniteRgb(v);
  if (special) return `rgb(${special.join(', ')})`;
  return interpolator(scale)(normalise(scale, v));
}

/** NaN magenta, +Inf white, −Inf black: outside every colormap, so they never read as the scale's extremes. */
export function nonFiniteRgb(v: number): [number, number, number] | null {
  if (Number.isNaN(v)) return [255, 0, 255];
  if (v === Infinity) return [255, 255, 255];
  if (v === -Infinity) return [0, 0, 0];
  return null;
}

/** A 256-entry RGBA lookup table for fast rendering (canvas ImageData or PNG encoding). */
export function lookupTable(scale: ColorScale): Uint8ClampedArray {
  const f = interpolator(scale);
  const lut = new Uint8ClampedArray(256 * 4);
  for (let i = 0; i < 256; i++) {
    const [r, g, b] = parseRgb(f(i / 255));
    lut.set([r, g, b, 255], i * 4);
  }
  return lut;
}

/** Index into lookupTable() for a value. */
export function lutIndex(scale: ColorScale, v: number): number {
  const t = normalise(scale, v);
  return Number.isNaN(t) ? 0 : Math.round(t * 255);
}

/** Black or white, whichever reads better on the value's cell colour. */
export function textColorOn(scale: ColorScale, v: number): string {
  const [r, g, b] = parseRgb(colorOf(scale, v));
  return 0.299 * r + 0.587 * g + 0.114 * b > 150 ? '#000' : '#fff';
}

function parseRgb(css: string): [number, number, number] {
  const m = /rgb\((\d+),\s*(\d+),\s*(\d+)\)/.exec(css);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3])];
  const h = /#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i.exec(css);
  if (h) return [parseInt(h[1], 16), parseInt(h[2], 16), parseInt(h[3], 16)];
  return [0, 0, 0];
}
