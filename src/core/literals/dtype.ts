// Dtypes: names as written in torch / numpy / TensorFlow.js code, inference from the literal, and casting like PyTorch.
import type { Dtype } from './types';
import { ParseFailure } from './source';

const NAMES: Record<string, Dtype> = {
  float32: 'float32',
  float: 'float32',
  float64: 'float64',
  double: 'float64',
  float16: 'float16',
  half: 'float16',
  int64: 'int64',
  long: 'int64',
  int32: 'int32',
  int: 'int32',
  int16: 'int16',
  short: 'int16',
  int8: 'int8',
  uint8: 'uint8',
  bool: 'bool',
};

/**
 * Resolves `torch.float32`, `np.int64`, `'float32'`, `float`, `int`... Python's builtin `float`/`int`/`bool`
 * mean float64/int64/bool to numpy and float32/int64/bool to torch.
 */
export function dtypeFromName(name: string, library: 'torch' | 'numpy' | 'tf'): Dtype | undefined {
  const bare = name.replace(/^(?:torch|np|numpy|tf)\./, '').replace(/_$/, '');
  if (!name.includes('.')) {
    if (bare === 'float') return library === 'numpy' ? 'float64' : 'float32';
    if (bare === 'int') return library === 'tf' ? 'int32' : 'int64';
    if (bare === 'bool') return 'bool';
  }
  if (library === 'numpy' && (bare === 'float' || bare === 'double')) return 'float64';
  if (library === 'numpy' && bare === 'int') return 'int64';
  return NAMES[bare];
}

/** What torch.tensor / np.array would infer for these elements. */
export function inferDtype(sawFloat: boolean, sawInt: boolean, library: 'torch' | 'numpy' | 'tf' | 'json', sawBool = true): Dtype {
  if (library === 'json' || library === 'tf') return 'float32';
  // An empty list has the default float dtype (torch.tensor([]).dtype is torch.float32, np.array([]) float64).
  if (sawFloat || (!sawInt && !sawBool)) return library === 'numpy' ? 'float64' : 'float32';
  if (sawInt) return 'int64';
  return 'bool';
}

const INT_RANGE: Partial<Record<Dtype, [number, number]>> = {
  int64: [-9223372036854775808, 9223372036854775807],
  int32: [-2147483648, 2147483647],
  int16: [-32768, 32767],
  int8: [-128, 127],
  uint8: [0, 255],
};

const f16Scratch = new Float32Array(1);
const u32Scratch = new Uint32Array(f16Scratch.buffer);

/** Rounds a float32 to the nearest float16 value (round half to even), as a float32. */
export function roundToHalf(x: number): number {
  if (!Number.isFinite(x)) return x;
  const a = Math.abs(x);
  if (a >= 65520) return x > 0 ? Infinity : -Infinity;
  if (a < 6.103515625e-5) {
    // Subnormal half: a fixed step of 2^-24, rounded half to even.
    const q = a / 5.960464477539063e-8;
    let r = Math.round(q);
    if (r - q === 0.5 && r % 2 === 1) r -= 1;
    return Math.sign(x) * r * 5.960464477539063e-8;
  }
  f16Scratch[0] = x;
  let bits = u32Scratch[0];
  const rest = bits & 0x1fff;
  bits &= ~0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && (bits & 0x2000) !== 0)) bits += 0x2000;
  u32Scratch[0] = bits;
  return f16Scratch[0];
}

/**
 * Converts parsed values into the tensor's storage: ints truncate toward zero (and fail on overflow, NaN and inf
 * with PyTorch's message), bools become 0/1, float16 rounds to half precision. `range` is for the error.
 */
export function castValues(values: Float64Array, count: number, dtype: Dtype, range: { start: number; end: number }): Float32Array {
  const out = new Float32Array(count);
  const limits = INT_RANGE[dtype];
  if (limits) {
    for (let i = 0; i < count; i++) {
      const v = Math.trunc(values[i]);
      if (!(v >= limits[0] && v <= limits[1])) {
        // PyTorch wraps a negative integer into uint8 but refuses overflowing floats; we refuse both (clearer).
        throw new ParseFailure(`value cannot be converted to type ${dtype} without overflow`, range);
      }
      out[i] = v + 0; // integers have no -0
    }
  } else if (dtype === 'bool') {
    for (let i = 0; i < count; i++) out[i] = values[i] !== 0 ? 1 : 0;
  } else {
    for (let i = 0; i < count; i++) out[i] = values[i];
    if (dtype === 'float16') for (let i = 0; i < count; i++) out[i] = roundToHalf(out[i]);
  }
  return out;
}

/** Re-casts already stored values (for `.long()`, `.bool()`, `.half()` ... in a method chain). */
export function recast(data: Float32Array, dtype: Dtype, range: { start: number; end: number }): Float32Array {
  return castValues(Float64Array.from(data), data.length, dtype, range);
}
