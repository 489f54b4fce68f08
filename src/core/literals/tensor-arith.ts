// Constant arithmetic on a whole literal (`torch.tensor([[1, 2, 1], …]) / 16`, `np.array(…) * 0.5`), with the library's dtype rules.
import { pyArith, scanConstFactor, scanConstTerm } from './const-expr';
import { castValues } from './dtype';
import type { TensorValue } from './method-chain';
import type { Scalar } from './numbers';
import { ParseFailure, type Source } from './source';
import type { Dtype } from './types';

const isFloat = (d: Dtype) => d === 'float32' || d === 'float64' || d === 'float16';

/**
 * Applies `OP constant` pairs that follow `end` (left to right, Python precedence for the constant side) to `value`.
 * Returns the new end; stops, without error, before an operator whose right side isn't constant (`t * scale`).
 */
export function applyScalarOps(src: Source, value: TensorValue, end: number, library: 'torch' | 'numpy' | 'tf'): number {
  for (;;) {
    src.pos = end;
    src.skipTrivia();
    const at = src.pos;
    const op = operatorAt(src);
    if (!op) break;
    src.pos += op.length;
    const rhs = op === '+' || op === '-' ? scanConstTerm(src) : scanConstFactor(src);
    if (!rhs) break;
    applyScalar(value, op, rhs, { start: at, end: src.pos }, library, 'right');
    end = src.pos;
  }
  src.pos = end;
  return end;
}

function operatorAt(src: Source): string | null {
  const t = src.text;
  const p = src.pos;
  const c = src.code();
  const next = t.charCodeAt(p + 1);
  if (c === 42) return next === 42 ? '**' : next === 61 ? null : '*';
  if (c === 47) return next === 47 ? (src.slashComments ? null : '//') : next === 61 || next === 42 ? null : '/';
  if ((c === 43 || c === 45 || c === 37) && next !== 61) return String.fromCharCode(c);
  return null;
}

/** The result dtype as PyTorch/NumPy promote `tensor OP python scalar`: true division and float scalars give floats. */
function resultDtype(dtype: Dtype, op: string, rhs: Scalar, library: string): Dtype {
  if (isFloat(dtype)) return dtype;
  const defaultFloat: Dtype = library === 'numpy' ? 'float64' : 'float32';
  if (op === '/' || rhs.kind === 'float') return defaultFloat;
  if (dtype === 'bool') return rhs.kind === 'bool' && (op === '+' || op === '*') ? 'bool' : 'int64';
  return dtype;
}

/**
 * `tensor OP scalar` (side 'right') or `scalar OP tensor` (side 'left'), element by element with Python's rules, in the
 * dtype PyTorch/NumPy promote to (the same for either order: a float scalar or `/` makes an integer tensor float).
 */
export function applyScalar(
  value: TensorValue,
  op: string,
  scalar: Scalar,
  range: { start: number; end: number },
  library: string,
  side: 'left' | 'right',
): void {
  const dtype = resultDtype(value.dtype, op, scalar, library);
  const kind = isFloat(dtype) ? 'float' : 'int';
  // PyTorch computes a float32 result in float32: the scalar and each element are float32 before the operation (one
  // rounding of a double result would differ: 0.1 * tensor([0.1]) is 0.010000001 in PyTorch, not 0.0099999998).
  const round = dtype === 'float32' ? Math.fround : (x: number) => x;
  const s = { value: round(scalar.value), kind: scalar.kind === 'float' ? 'float' : kind } as const;
  if (kind === 'int' && op === '**' && (side === 'right' ? scalar.value < 0 : value.data.some((x) => x < 0))) {
    throw new ParseFailure('RuntimeError: Integers to negative integer powers are not allowed.', range);
  }
  const out = new Float64Array(value.data.length);
  for (let i = 0; i < out.length; i++) {
    const x = { value: round(value.data[i]), kind } as const;
    const [a, b] = side === 'right' ? [x, s] : [s, x];
    if (kind === 'float' && b.value === 0 && (op === '/' || op === '//' || op === '%')) {
      // Tensors divide by zero as IEEE floats do (no ZeroDivisionError).
      out[i] = op === '%' ? NaN : a.value / b.value; // signed: 1 / -0.0 is -inf
      continue;
    }
    out[i] = pyArith(op, a, b, range.start).value;
  }
  value.data = castValues(out, out.length, dtype, range);
  value.dtype = dtype;
}

/** `-tensor`: the same dtype negated; PyTorch refuses it on a bool tensor. */
export function negate(value: TensorValue, range: { start: number; end: number }): void {
  if (value.dtype === 'bool') {
    throw new ParseFailure(
      'RuntimeError: Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.',
      range,
    );
  }
  const float = isFloat(value.dtype);
  value.data = value.data.map((x) => (float || x !== 0 ? -x : 0)); // integer tensors have no -0
}
