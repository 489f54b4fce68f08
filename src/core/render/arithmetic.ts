// The teaching text: H_out/W_out written out with their numbers, and one output cell's sum of products term by term.
import { conv2dAxes, convAxis, convOutputLength, type Conv2dGeometry, type ConvAxis } from '../engine/geometry';
import { paddedValue, footprint, windowAxes, type WindowGeometry } from './conv-window';
import { cellLabel } from './tensor-format';

/**
 * `H_out = ⌊(5 + 2·0 − 1·(3−1) − 1)/1⌋ + 1 = 3`, written from the engine's ConvAxis (whose `out` is the result shown);
 * uneven padding (e.g. 'same' with an even kernel) shows both sides.
 */
export function axisFormula(axis: 'H' | 'W', a: ConvAxis): string {
  const pad = a.padBefore === a.padAfter ? `2·${a.padBefore}` : `${a.padBefore} + ${a.padAfter}`;
  return `${axis}_out = ⌊(${a.size} + ${pad} − ${a.dilation}·(${a.kernel}−1) − 1)/${a.stride}⌋ + 1 = ${num(a.out)}`;
}

/** The formula for one axis given its numbers (see axisFormula). */
export function shapeFormula(
  axis: 'H' | 'W',
  size: number,
  before: number,
  after: number,
  dilation: number,
  kernel: number,
  stride: number,
): string {
  return axisFormula(axis, convAxis(size, before, after, dilation, kernel, stride));
}

/** Both formulas for a window geometry. */
export function shapeFormulas(g: WindowGeometry): [string, string] {
  const [h, w] = windowAxes(g);
  return [axisFormula('H', h), axisFormula('W', w)];
}

/** Both formulas for the engine's checked geometry. */
export function geometryFormulas(g: Conv2dGeometry): [string, string] {
  const [h, w] = conv2dAxes(g);
  return [axisFormula('H', h), axisFormula('W', w)];
}

/**
 * `H_out = ⌊(H_in + 2·0 − 1·(5−1) − 1)/1⌋ + 1 = H_in − 4`: the formula with the input size left as a symbol
 * (the shrink, for stride 1, from the engine's formula applied to an empty axis).
 */
export function symbolicFormula(axis: 'H' | 'W', pad: number | 'same', dilation: number, kernel: number, stride: number): string {
  if (pad === 'same') return `${axis}_out = ${axis}_in ('same' padding, stride 1)`;
  const text = `${axis}_out = ⌊(${axis}_in + 2·${pad} − ${dilation}·(${kernel}−1) − 1)/${stride}⌋ + 1`;
  if (stride !== 1) return text;
  const shrink = -convOutputLength(0, pad, pad, dilation, kernel, 1);
  return `${text} = ${axis}_in${shrink === 0 ? '' : shrink > 0 ? ` − ${shrink}` : ` + ${-shrink}`}`;
}

/**
 * A number as the arithmetic, colour bars and sums print it: the heatmap cells' exact-label rule (the shortest float32
 * decimal: −1e30 for −1.0000000150474662e30, as its cell shows it), integers in full up to 12 characters, others to at
 * most 4 significant digits; U+2212 for minus.
 */
export function num(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (Number.isInteger(v)) return cellLabel(v, (label) => label.length <= 12);
  return cellLabel(v, (label) => significant(label) <= 4);
}

/** Significant digits of a label (`−0.0123` → 3, `1.5e-7` → 2). */
function significant(label: string): number {
  const mantissa = label.replace(/^−/, '').replace(/e.*$/, '').replace('.', '').replace(/^0+/, '');
  return mantissa.length;
}

/** A factor inside a product: negatives in parentheses, as the tutorial writes `1×(−1)`. */
export function factor(v: number): string {
  const s = num(v);
  return s.startsWith('−') ? `(${s})` : s;
}

/** One product of the sum: the input value x (at padded [row, col] of input channel c) times weight w (at [ky, kx]). */
export interface Term {
  x: number;
  w: number;
  channel: number;
  row: number;
  col: number;
  ky: number;
  kx: number;
  /** Whether x comes from padding rather than the input itself. */
  padded: boolean;
}

/**
 * The products for output cell (oy, ox): over the group's input planes (each H×W) and the matching kernel planes (each kH×kW),
 * in the order PyTorch sums them (channel, then kernel row, then column).
 */
export function windowTerms(g: WindowGeometry, planes: ArrayLike<number>[], kernels: ArrayLike<number>[], oy: number, ox: number): Term[] {
  const taps = footprint(g, oy, ox);
  const terms: Term[] = [];
  planes.forEach((plane, channel) => {
    taps.forEach(([row, col], t) => {
      const ky = Math.floor(t / g.kW);
      const kx = t % g.kW;
      const inside = row >= g.pad.top && row < g.pad.top + g.H && col >= g.pad.left && col < g.pad.left + g.W;
      terms.push({ x: paddedValue(g, plane, row, col), w: kernels[channel][t], channel, row, col, ky, kx, padded: !inside });
    });
  });
  return terms;
}

/** `1×1 + 1×0 + … = 1` (with `+ bias` when there is one); long sums keep their first terms and say how many were left out. */
export function arithmeticText(terms: readonly Term[], bias: number | null, result: number, maxTerms = 81): string {
  const shown = terms.slice(0, maxTerms).map((t) => `${factor(t.x)}×${factor(t.w)}`);
  if (terms.length > maxTerms) shown.push(`… (${terms.length - maxTerms} more terms)`);
  if (bias !== null) shown.push(bias < 0 ? `(${num(bias)})` : num(bias));
  return `${shown.join(' + ')} = ${num(result)}`;
}
