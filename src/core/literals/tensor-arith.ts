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
    apply(value, op, rhs, { start: at, end: src.pos }, library);
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

function apply(value: TensorValue, op: string, rhs: Scalar, range: { start: number; end: number }, library: string): void {
  const dtype = resultDtype(value.dtype, op, rhs, library);
  const kind = isFloat(dtype) ? 'float' : 'int';
  if (kind === 'int' && op === '**' && rhs.value < 0) {
    throw new ParseFailure('RuntimeError: Integers to negative integer powers are not allowed.', range);
  }
  const out = new Float64Array(value.data.length);
  for (let i = 0; i < out.length; i++) {
    const x = value.data[i];
    if (kind === 'float' && rhs.value === 0 && (op === '/' || op === '//' || op === '%')) {
      // Tensors divide by zero as IEEE floats do (no ZeroDivisionError).
      out[i] = op === '%' ? NaN : x / 0;
      continue;
    }
    out[i] = pyArith(op, { value: x, kind }, { value: rhs.value, kind: rhs.kind === 'float' ? 'float' : kind }, range.start).value;
  }
  value.data = castValues(out, out.length, dtype, range);
  value.dtype = dtype;
}
