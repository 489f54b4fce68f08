// A trailing method chain on a tensor literal: .view/.reshape/.unsqueeze/.squeeze/.flatten/.t and dtype casts.
import { intValue, parseArgs, type ArgValue } from './args';
import { dtypeFromName, recast } from './dtype';
import { ParseFailure, Source, isIdentPart } from './source';
import { ShapeError, flattenShape, squeezeShape, transpose2d, unsqueezeShape, viewShape } from './shape-ops';
import type { Dtype } from './types';

export interface TensorValue {
  shape: number[];
  data: Float32Array;
  dtype: Dtype;
}

const CASTS: Record<string, Dtype> = {
  float: 'float32',
  double: 'float64',
  half: 'float16',
  long: 'int64',
  int: 'int32',
  short: 'int16',
  char: 'int8',
  byte: 'uint8',
  bool: 'bool',
};

const NO_OPS = new Set(['clone', 'detach', 'contiguous', 'cpu', 'cuda', 'requires_grad_', 'numpy', 'copy', 'detach_']);

/**
 * Applies the methods that follow `src.pos` to `value`, returning the end of the last one understood.
 * A method we do not know (or with non-constant arguments) ends the literal there, it is not an error.
 */
export function applyChain(src: Source, value: TensorValue, library: 'torch' | 'numpy' | 'tf'): number {
  let end = src.pos;
  for (;;) {
    src.pos = end;
    src.skipTrivia();
    if (src.code() !== 46) break;
    const dot = src.pos;
    src.pos++;
    src.skipTrivia();
    const nameStart = src.pos;
    while (isIdentPart(src.code())) src.pos++;
    const method = src.text.slice(nameStart, src.pos);
    if (method === 'T') {
      apply(() => Object.assign(value, transposed(value)), dot, src.pos);
      end = src.pos;
      continue;
    }
    src.skipTrivia();
    if (src.code() !== 40) break;
    const open = src.pos;
    src.pos++;
    let args;
    try {
      args = parseArgs(src, open);
    } catch (e) {
      if (e instanceof ParseFailure) break;
      throw e;
    }
    const close = src.pos;
    const positional = args.filter((a) => !a.name).map((a) => a.value);
    const keyword = (k: string): ArgValue | undefined => args.find((a) => a.name === k)?.value;
    if (!understood(method, positional, keyword, value, library, dot, close)) break;
    end = close;
  }
  src.pos = end;
  return end;
}

function understood(
  method: string,
  positional: ArgValue[],
  keyword: (k: string) => ArgValue | undefined,
  value: TensorValue,
  library: 'torch' | 'numpy' | 'tf',
  start: number,
  end: number,
): boolean {
  const size = value.data.length;
  if (method === 'view' || method === 'reshape') {
    const dims = shapeArgs(positional.length ? positional : [keyword('shape') ?? keyword('newshape') ?? { kind: 'none' }]);
    if (!dims) return false;
    apply(() => (value.shape = viewShape(size, dims)), start, end);
    return true;
  }
  if (method === 'unsqueeze' || method === 'unsqueeze_' || method === 'expand_dims') {
    const d = intValue(positional[0] ?? keyword('dim') ?? { kind: 'none' });
    if (d === undefined) return false;
    apply(() => (value.shape = unsqueezeShape(value.shape, d)), start, end);
    return true;
  }
  if (method === 'squeeze' || method === 'squeeze_') {
    const arg = positional[0] ?? keyword('dim');
    const d = arg ? intValue(arg) : undefined;
    if (arg && d === undefined) return false;
    apply(() => (value.shape = squeezeShape(value.shape, d)), start, end);
    return true;
  }
  if (method === 'flatten') {
    const s = positional[0] ?? keyword('start_dim');
    const e = positional[1] ?? keyword('end_dim');
    const sd = s ? intValue(s) : 0;
    const ed = e ? intValue(e) : -1;
    if (sd === undefined || ed === undefined) return false;
    apply(() => (value.shape = flattenShape(value.shape, sd, ed)), start, end);
    return true;
  }
  if (method === 't' && positional.length === 0) {
    apply(() => Object.assign(value, transposed(value)), start, end);
    return true;
  }
  if (Object.prototype.hasOwnProperty.call(CASTS, method) && positional.length === 0) {
    value.data = recast(value.data, CASTS[method], { start, end });
    value.dtype = CASTS[method];
    return true;
  }
  if (method === 'to' || method === 'type' || method === 'astype') {
    const arg = keyword('dtype') ?? positional.find((p) => p.kind === 'name' || p.kind === 'string');
    if (!arg) return method === 'to' && positional.every((p) => p.kind === 'string');
    if (arg.kind !== 'name' && arg.kind !== 'string') return false;
    const dtype = dtypeFromName(arg.value, library === 'numpy' || method === 'astype' ? 'numpy' : 'torch');
    if (!dtype) return arg.kind === 'string' && /^(cpu|cuda|mps)/.test(arg.value);
    value.data = recast(value.data, dtype, { start, end });
    value.dtype = dtype;
    return true;
  }
  return NO_OPS.has(method) && (method !== 'requires_grad_' || positional.length <= 1);
}

/** `.view(1, 1, 5, 5)`, `.view((1, 25))` or `.reshape([5, 5])` → dims, or undefined if not all constant ints. */
function shapeArgs(values: ArgValue[]): number[] | undefined {
  const items = values.length === 1 && values[0].kind === 'tuple' ? values[0].items : values;
  const dims: number[] = [];
  for (const v of items) {
    const d = intValue(v);
    if (d === undefined) return undefined;
    dims.push(d);
  }
  return dims;
}

function transposed(value: TensorValue): { shape: number[]; data: Float32Array } {
  return transpose2d(value.shape, value.data);
}

function apply(body: () => unknown, start: number, end: number): void {
  try {
    body();
  } catch (e) {
    if (e instanceof ShapeError) throw new ParseFailure(e.message, { start, end });
    throw e;
  }
}
