// Tensors as text: PyTorch-style `torch.tensor([...])` (its print layout), JSON, and compact cell labels.
import { pyExp, pyFixed, shortestFloat32 } from './decimal';

export interface TorchFormatOptions {
  /** Digits after the point as PyTorch prints (default 4), or 'round-trip': the shortest text that reads back as the same float32. */
  precision?: number | 'round-trip';
  /** Text before the nested list (default "torch.tensor("); the continuation lines are indented to its length. */
  prefix?: string;
  /** Text after the nested list, before ")", e.g. ", requires_grad=True". */
  suffix?: string;
  /** Line width PyTorch wraps rows at (default 80). */
  linewidth?: number;
  /** Elide the middle of long dimensions with "..." as PyTorch does above 1000 elements (default false: code must be complete). */
  summarize?: boolean;
}

const EDGE = 3;
const THRESHOLD = 1000;

/** A tensor as PyTorch prints it, but as runnable code: `torch.tensor([[1., 0.], [0., 1.]])`. */
export function formatTorchTensor(shape: readonly number[], data: ArrayLike<number>, opts: TorchFormatOptions = {}): string {
  const prefix = opts.prefix ?? 'torch.tensor(';
  const summarize = (opts.summarize ?? false) && data.length > THRESHOLD;
  const strides = stridesOf(shape);
  const fmt = makeFormatter(summarize ? summarizedValues(shape, strides, data) : data, opts.precision ?? 4);
  const linewidth = opts.linewidth ?? 80;

  const str = (dim: number, offset: number, indent: number): string => {
    if (dim === shape.length) return fmt(data[offset]);
    const n = shape[dim];
    const elide = summarize && n > 2 * EDGE;
    const idx = elide ? [...range(0, EDGE), -1, ...range(n - EDGE, n)] : range(0, n);
    if (dim === shape.length - 1) {
      const items = idx.map((i) => (i < 0 ? ' ...' : fmt(data[offset + i])));
      const perLine = Math.max(1, Math.floor((linewidth - indent) / (fmt.width + 2)));
      const lines: string[] = [];
      for (let i = 0; i < items.length; i += perLine) lines.push(items.slice(i, i + perLine).join(', '));
      return `[${lines.join(`,\n${' '.repeat(indent + 1)}`)}]`;
    }
    const slices = idx.map((i) => (i < 0 ? '...' : str(dim + 1, offset + i * strides[dim], indent + 1)));
    return `[${slices.join(`,${'\n'.repeat(shape.length - dim - 1)}${' '.repeat(indent + 1)}`)}]`;
  };
  return `${prefix}${str(0, 0, prefix.length)}${opts.suffix ?? ''})`;
}

/** Nested JSON arrays, one innermost row per line; float32-exact shortest numbers; NaN and ±Infinity become null. */
export function formatJson(shape: readonly number[], data: ArrayLike<number>, js = false): string {
  const strides = stridesOf(shape);
  // JSON has no NaN/Infinity (null); JavaScript source does (`js`: NaN, Infinity, -Infinity as written in code).
  const special = (v: number) => (!js ? 'null' : Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity');
  const num = (v: number): string => (Number.isFinite(v) ? shortestFloat32(v).replace(/^-0$/, '0') : special(v));
  const str = (dim: number, offset: number, indent: string): string => {
    if (dim === shape.length) return num(data[offset]);
    const items = range(0, shape[dim]).map((i) => str(dim + 1, offset + i * strides[dim], `${indent}  `));
    if (dim === shape.length - 1 || items.length === 0) return `[${items.join(', ')}]`;
    return `[\n${items.map((s) => `${indent}  ${s}`).join(',\n')}\n${indent}]`;
  };
  return str(0, 0, '');
}

/**
 * A heatmap cell's label: exact to the digits it shows, or '' when no such label fits. The value itself (its shortest
 * float32 decimal) when it fits; else the value correctly rounded to as many significant digits as fit, never fewer than
 * two (so −2.6 never reads −3) and in exponent form only when fixed notation would need more room or would imply digits
 * that aren't there (12345.678 at two digits is 1.2e4, not 12000). `fits(label)` says whether a label fits the cell.
 */
export function cellLabel(v: number, fits: (label: string) => boolean): string {
  if (Number.isNaN(v)) return fits('NaN') ? 'NaN' : '';
  if (!Number.isFinite(v)) return v > 0 ? (fits('∞') ? '∞' : '') : fits('−∞') ? '−∞' : '';
  const minus = (t: string) => t.replace(/^-/, '−');
  const plain = plainShortest(v);
  const exact = minus(plain);
  if (fits(exact)) return exact;
  const exactExp = minus(Number(plain).toExponential().replace('e+', 'e'));
  if (exactExp !== exact && fits(exactExp)) return exactExp;
  const f = Math.fround(v);
  const digits = significantDigits(exact);
  for (let p = Math.min(digits - 1, 8); p >= 2; p--) {
    const label = minus(roundedLabel(f, p));
    if (fits(label)) return label;
  }
  return '';
}

/** The old entry point: a label of at most maxChars characters ('' when none is exact to its digits). */
export function formatCell(v: number, maxChars = 6): string {
  return cellLabel(v, (label) => label.length <= maxChars);
}

/** Shortest float32 decimal without needless exponents (0.0001, not 1e-4); exponent form only for very small/large. */
function plainShortest(v: number): string {
  const s = shortestFloat32(v);
  if (!/e/.test(s)) return s;
  const n = Number(s);
  const a = Math.abs(n);
  if (a >= 1e-4 && a < 1e15) {
    const fixed = n.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
    if (Number(fixed) === n) return fixed;
  }
  return s.replace('e+', 'e');
}

function significantDigits(label: string): number {
  const m = label.replace(/^[−-]/, '').split('e')[0].replace('.', '').replace(/^0+/, '');
  return Math.max(1, m.length);
}

/** v rounded to p significant digits: toPrecision's fixed form (every digit shown is significant) or d.de±x. */
function roundedLabel(v: number, p: number): string {
  let t = v.toPrecision(p).replace('e+', 'e');
  // 0.150 → 0.15: a trailing zero adds no information (the shorter rounding agrees), but keep two significant digits.
  while (/\.\d*0(e|$)/.test(t) && significantDigits(t) > 2) t = t.replace(/0(e|$)/, '$1').replace(/\.(e|$)/, '$1');
  return t;
}

/** Row-major strides of a shape. */
export function stridesOf(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i];
  }
  return s;
}

type Formatter = ((v: number) => string) & { width: number };

/** PyTorch's _Formatter: integer mode ("1."), fixed or scientific, one width for all values. */
function makeFormatter(values: ArrayLike<number>, precision: number | 'round-trip'): Formatter {
  let intMode = true;
  let min = Infinity;
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v) || v === 0) continue;
    const a = Math.abs(v);
    if (a < min) min = a;
    if (a > max) max = a;
    if (v !== Math.ceil(v)) intMode = false;
  }
  const any = max > 0;
  const sci = any && (max / min > 1000 || max > 1e8 || (!intMode && min < 1e-4));
  const exact = precision === 'round-trip';
  const p = exact ? 4 : precision;
  const raw = (v: number): string => {
    if (Number.isNaN(v)) return "float('nan')";
    if (!Number.isFinite(v)) return v > 0 ? "float('inf')" : "-float('inf')";
    if (sci) return exact ? expShortest(v) : pyExp(v, p);
    if (intMode) return `${pyFixed(v, 0)}.`;
    if (!exact) return pyFixed(v, p);
    const s = shortestFloat32(v);
    return s.includes('.') ? s : `${s}.`;
  };
  let width = 1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v) && v !== 0) width = Math.max(width, raw(v).length);
  }
  const f = ((v: number) => raw(v).padStart(width, ' ')) as Formatter;
  f.width = width;
  return f;
}

function expShortest(v: number): string {
  const [m, e] = Number(shortestFloat32(v)).toExponential().split('e');
  const n = Number(e);
  return `${m}e${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
}

/** The values PyTorch's formatter sees when summarizing: the first and last EDGE items of every long dimension. */
function summarizedValues(shape: readonly number[], strides: number[], data: ArrayLike<number>): number[] {
  const out: number[] = [];
  const walk = (dim: number, offset: number): void => {
    if (dim === shape.length) {
      out.push(data[offset]);
      return;
    }
    const n = shape[dim];
    const idx = n > 2 * EDGE ? [...range(0, EDGE), ...range(n - EDGE, n)] : range(0, n);
    for (const i of idx) walk(dim + 1, offset + i * strides[dim]);
  };
  walk(0, 0);
  return out;
}

function range(a: number, b: number): number[] {
  const r: number[] = [];
  for (let i = a; i < b; i++) r.push(i);
  return r;
}
