// Parses one tensor expression at a position: bracket lists, {shape, data} objects and constructor calls + chains.
import { parseArgs, type Arg, type ArgValue } from './args';
import { dataConstructor, shapeConstructor, type DataConstructor, type Library } from './constructors';
import { castValues, dtypeFromName, inferDtype } from './dtype';
import { applyChain, type TensorValue } from './method-chain';
import { applyScalarOps } from './tensor-arith';
import { parseScalarTensorExpr, type TensorPrimary } from './scalar-tensor-expr';
import { parseNested, tooManyElements, type NestedValues } from './nested';
import { scanScalar } from './numbers';
import { ParseFailure, Source, isIdentPart } from './source';
import { viewShape, ShapeError } from './shape-ops';
import { buildShapeConstructor } from './shape-constructors';
import type { Dtype, TensorLiteral } from './types';

export type Dialect = 'python' | 'js' | 'json';

export interface ParseContext {
  maxElements: number;
  dialect: Dialect;
}

/**
 * Parses the tensor expression starting at the cursor. Returns null (cursor unchanged) when no tensor literal
 * starts here — e.g. an unknown call or `torch.tensor(some_variable)`; throws ParseFailure when one does but is bad.
 */
export function parseTensorAt(src: Source, ctx: ParseContext): TensorLiteral | null {
  src.skipTrivia();
  const start = src.pos;
  const c = src.code();
  if (c === 40 && ctx.dialect === 'python') {
    // `(1 + 2) * torch.tensor(…)`: constant arithmetic; a tuple `(1, 2)` is no such expression and parses as rows below.
    const expr = parseScalarTensorExpr(src, (s) => parseConstructorPrimary(s, ctx));
    if (expr) return literal(expr.value, expr.syntax, start, src.pos);
  }
  if (c === 91 || c === 40) {
    const nested = parseNested(src, ctx.maxElements);
    const syntax = ctx.dialect === 'python' ? 'python-list' : ctx.dialect === 'js' ? 'js-array' : 'json';
    const library = ctx.dialect === 'python' ? 'torch' : 'json';
    const dtype = inferDtype(nested.sawFloat, nested.sawInt, library, nested.sawBool);
    const value = fromNested(nested, dtype, start);
    // (No arithmetic here: `[1, 2] * 2` repeats a Python list, and `/` on a list is a TypeError.)
    const end = ctx.dialect === 'json' ? nested.end : applyChain(src, value, 'numpy');
    return literal(value, syntax, start, end);
  }
  if (c === 123) return parseShapeDataObject(src, ctx);
  // A constant first (`1 / 16 * torch.tensor(…)`, `-np.array(…)`): the tensor is on the right of constant arithmetic.
  if (c === 45 || c === 43 || c === 46 || (c >= 48 && c <= 57) || !constructorAhead(src)) {
    const expr = ctx.dialect === 'json' ? null : parseScalarTensorExpr(src, (s) => parseConstructorPrimary(s, ctx));
    return expr ? literal(expr.value, expr.syntax, start, src.pos) : ((src.pos = start), null);
  }
  const primary = parseConstructorPrimary(src, ctx);
  if (!primary) return null;
  const end = applyScalarOps(src, primary.value, src.pos, primary.library);
  return literal(primary.value, primary.syntax, start, end);
}

/** True when a data or shape constructor name (`torch.tensor`, `np.zeros`, `new Float32Array`) starts at the cursor. */
function constructorAhead(src: Source): boolean {
  const start = src.pos;
  let name = src.dottedName();
  if (name === 'new') {
    src.skipTrivia();
    name = src.dottedName();
  }
  src.pos = start;
  return !!name && (!!dataConstructor(name) || !!shapeConstructor(name));
}

/** A constructor call and its method chain (`.view(…)`, `.float()`), cursor after it; null (cursor unchanged) if none. */
function parseConstructorPrimary(src: Source, ctx: ParseContext): TensorPrimary | null {
  src.skipTrivia();
  const start = src.pos;
  let name = src.dottedName();
  let sawNew = false;
  if (name === 'new') {
    src.skipTrivia();
    sawNew = true;
    name = src.dottedName();
  }
  if (!name) return null;
  const ctor = dataConstructor(name);
  const shaped = ctor ? undefined : shapeConstructor(name);
  if ((!ctor && !shaped) || (ctor?.needsNew && !sawNew)) {
    src.pos = start;
    return null;
  }
  src.skipTrivia();
  if (src.code() !== 40) {
    src.pos = start;
    return null;
  }
  const open = src.pos;
  src.pos++;
  let value: TensorValue | null;
  if (ctor) value = callDataConstructor(src, ctor, open, ctx);
  else {
    const args = parseArgs(src, open);
    value = buildShapeConstructor(shaped!, args, { start, end: src.pos }, ctx.maxElements);
  }
  if (!value) {
    src.pos = start;
    return null;
  }
  const library: Library = ctor ? ctor.library : shaped!.library;
  src.pos = applyChain(src, value, library);
  return { value, library, syntax: ctor ? ctor.syntax : shaped!.syntax };
}

function callDataConstructor(src: Source, ctor: DataConstructor, open: number, ctx: ParseContext): TensorValue | null {
  src.skipTrivia();
  const dataStart = src.pos;
  const c = src.code();
  let nested: NestedValues;
  if (c === 91 || c === 40) nested = parseNested(src, ctx.maxElements);
  else {
    const s = scanScalar(src);
    if (!s && src.atEnd()) throw new ParseFailure("'(' was never closed", { start: open, end: open + 1 });
    if (!s) return null;
    if (ctor.needsNew || (ctor.syntax.startsWith('torch.') && ctor.dtype)) return null; // torch.Tensor(2, 3) is uninitialized
    nested = {
      shape: [],
      values: Float64Array.of(s.value),
      count: 1,
      start: dataStart,
      end: src.pos,
      sawFloat: s.kind === 'float',
      sawInt: s.kind === 'int',
      sawBool: s.kind === 'bool',
    };
  }
  src.skipTrivia();
  let rest: Arg[] = [];
  if (src.code() === 44) {
    src.pos++;
    rest = parseArgs(src, open);
  } else if (src.code() === 41) src.pos++;
  else if (src.atEnd()) throw new ParseFailure("'(' was never closed", { start: open, end: open + 1 });
  else src.fail(`expected ',' or ')', found ${src.describeHere()}`);
  const callRange = { start: dataStart, end: src.pos };
  const positional = rest.filter((a) => !a.name);
  const dtypeArg =
    rest.find((a) => a.name === 'dtype')?.value ??
    (ctor.library === 'numpy' ? positional[0]?.value : ctor.library === 'tf' ? positional[1]?.value : undefined);
  let dtype = ctor.dtype ?? explicitDtype(dtypeArg, ctor.library, src, rest);
  dtype ??= inferDtype(nested.sawFloat, nested.sawInt, ctor.library, nested.sawBool);
  const value = fromNested(nested, dtype, dataStart, callRange);
  if (ctor.library === 'tf')
    tfShape(
      value,
      ctor,
      positional[0]?.value,
      rest.find((a) => a.name === 'shape'),
      callRange,
    );
  return value;
}

function explicitDtype(arg: ArgValue | undefined, library: Library, src: Source, args: Arg[]): Dtype | undefined {
  if (!arg || (arg.kind !== 'name' && arg.kind !== 'string')) return undefined;
  const dtype = dtypeFromName(arg.value, library);
  if (!dtype && (arg.kind === 'string' || /^(torch|np|numpy)\./.test(arg.value))) {
    const a = args.find((x) => x.value === arg)!;
    src.fail(`unsupported dtype ${arg.kind === 'string' ? `'${arg.value}'` : arg.value}`, a.start, a.end);
  }
  return dtype;
}

/** tf.tensor(values, shape) and tf.tensorNd rank checks, with TensorFlow.js's messages. */
function tfShape(
  value: TensorValue,
  ctor: DataConstructor,
  shapeArg: ArgValue | undefined,
  kw: Arg | undefined,
  range: { start: number; end: number },
): void {
  const arg = shapeArg ?? kw?.value;
  if (arg && arg.kind === 'tuple') {
    const dims = arg.items.map((i) => (i.kind === 'number' ? i.value : NaN));
    if (dims.some((d) => !Number.isInteger(d))) return;
    const want = dims.reduce((a, b) => a * b, 1);
    if (want !== value.data.length) {
      throw new ParseFailure(
        `Based on the provided shape, [${dims.join(',')}], the tensor should have ${want} values but has ${value.data.length}`,
        range,
      );
    }
    value.shape = dims;
  }
  if (ctor.rank !== undefined && value.shape.length !== ctor.rank) {
    const msg =
      ctor.rank === 1
        ? 'tensor1d() requires values to be a flat/TypedArray'
        : `tensor${ctor.rank}d() requires shape to have ${['', 'one', 'two', 'three', 'four', 'five', 'six'][ctor.rank]} numbers`;
    throw new ParseFailure(msg, range);
  }
}

function fromNested(nested: NestedValues, dtype: Dtype, start: number, range?: { start: number; end: number }): TensorValue {
  return { shape: nested.shape, data: castValues(nested.values, nested.count, dtype, range ?? { start, end: nested.end }), dtype };
}

function literal(value: TensorValue, syntax: string, start: number, end: number): TensorLiteral {
  return { kind: 'tensor', range: { start, end }, shape: value.shape, data: value.data, dtype: value.dtype, syntax };
}

/** `{"shape": [2, 2], "data": [1, 2, 3, 4]}` (JSON, a Python dict or a JS object; an optional "dtype"). */
function parseShapeDataObject(src: Source, ctx: ParseContext): TensorLiteral | null {
  const start = src.pos;
  src.pos++;
  let shape: number[] | undefined;
  let data: NestedValues | undefined;
  let dtype: Dtype | undefined;
  let shapeRange = { start, end: start + 1 };
  for (let i = 0; ; i++) {
    src.skipTrivia();
    if (src.code() === 125) break;
    if (i > 0) {
      if (src.code() !== 44) src.fail(`expected ',' or '}', found ${src.describeHere()}`);
      src.pos++;
      src.skipTrivia();
      if (src.code() === 125) break;
    }
    const key = objectKey(src);
    if (key === undefined) {
      src.pos = start;
      return null;
    }
    src.expect(':');
    src.skipTrivia();
    const at = src.pos;
    if (key === 'shape') {
      if (src.code() !== 91) src.fail(`"shape" must be a list of integers, found ${src.describeHere()}`);
      const nested = parseNested(src, ctx.maxElements);
      if (nested.shape.length !== 1 || nested.values.subarray(0, nested.count).some((d) => !Number.isInteger(d) || d < 0)) {
        src.fail('"shape" must be a list of non-negative integers', at, nested.end);
      }
      shape = Array.from(nested.values.subarray(0, nested.count));
      shapeRange = { start: at, end: nested.end };
    } else if (key === 'data') {
      if (src.code() !== 91) src.fail(`"data" must be a list of numbers, found ${src.describeHere()}`);
      data = parseNested(src, ctx.maxElements);
    } else if (key === 'dtype') {
      const s = objectKey(src);
      dtype = s ? dtypeFromName(s, 'torch') : undefined;
      if (!dtype) src.fail('unsupported dtype', at, src.pos);
    } else {
      src.pos = start;
      return null;
    }
  }
  src.pos++;
  if (!shape || !data) {
    src.pos = start;
    return null;
  }
  const end = src.pos;
  const count = shape.reduce((a, b) => a * b, 1);
  if (count > ctx.maxElements) throw new ParseFailure(tooManyElements(ctx.maxElements), shapeRange);
  try {
    viewShape(data.count, shape);
  } catch (e) {
    if (e instanceof ShapeError) throw new ParseFailure(e.message, shapeRange);
    throw e;
  }
  dtype ??= 'float32';
  const values = castValues(data.values, data.count, dtype, { start: data.start, end: data.end });
  return { kind: 'tensor', range: { start, end }, shape, data: values, dtype, syntax: 'json-object' };
}

/** A quoted or bare object key (or string value); undefined if none. */
function objectKey(src: Source): string | undefined {
  src.skipTrivia();
  const q = src.code();
  if (q === 34 || q === 39) {
    const close = src.text.indexOf(String.fromCharCode(q), src.pos + 1);
    if (close < 0 || close >= src.end) return undefined;
    const key = src.text.slice(src.pos + 1, close);
    src.pos = close + 1;
    return key;
  }
  const s = src.pos;
  while (isIdentPart(src.code())) src.pos++;
  return src.pos > s ? src.text.slice(s, src.pos) : undefined;
}
