// The teaching text: H_out/W_out written out with their numbers, and one output cell's sum of products term by term.
import { paddedValue, footprint, type WindowGeometry } from './conv-window';

/** `H_out = ⌊(5 + 2·0 − 1·(3−1) − 1)/1⌋ + 1 = 3`; uneven padding (e.g. 'same' with an even kernel) shows both sides. */
export function shapeFormula(
  axis: 'H' | 'W',
  size: number,
  before: number,
  after: number,
  dilation: number,
  kernel: number,
  stride: number,
): string {
  const pad = before === after ? `2·${before}` : `${before} + ${after}`;
  const out = Math.floor((size + before + after - dilation * (kernel - 1) - 1) / stride) + 1;
  return `${axis}_out = ⌊(${size} + ${pad} − ${dilation}·(${kernel}−1) − 1)/${stride}⌋ + 1 = ${num(out)}`;
}

/** Both formulas for a window geometry. */
export function shapeFormulas(g: WindowGeometry): [string, string] {
  return [
    shapeFormula('H', g.H, g.pad.top, g.pad.bottom, g.dilation[0], g.kH, g.stride[0]),
    shapeFormula('W', g.W, g.pad.left, g.pad.right, g.dilation[1], g.kW, g.stride[1]),
  ];
}

/** A number as the arithmetic prints it: integers exactly, others to 4 significant digits, U+2212 for minus. */
export function num(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  const s = Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)));
  return s.replace(/^-/, '−');
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
