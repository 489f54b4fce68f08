// Element types found in tensor files and their exact conversion from raw bytes to JS numbers.
import { fail } from './byte-source';

export type DType =
  'float64' | 'float32' | 'float16' | 'bfloat16' | 'int64' | 'int32' | 'int16' | 'int8' | 'uint64' | 'uint32' | 'uint16' | 'uint8' | 'bool';

export const ITEM_SIZE: Record<DType, number> = {
  float64: 8,
  float32: 4,
  float16: 2,
  bfloat16: 2,
  int64: 8,
  int32: 4,
  int16: 2,
  int8: 1,
  uint64: 8,
  uint32: 4,
  uint16: 2,
  uint8: 1,
  bool: 1,
};

/** Values that fit float32 exactly come back as Float32Array, the rest (f64, 32/64-bit ints) as Float64Array. */
export type Values = Float32Array | Float64Array;

export function exactInFloat32(d: DType): boolean {
  return (
    d === 'float32' ||
    d === 'float16' ||
    d === 'bfloat16' ||
    d === 'int16' ||
    d === 'int8' ||
    d === 'uint16' ||
    d === 'uint8' ||
    d === 'bool'
  );
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** IEEE half → number, exact (subnormals, ±Inf, NaN). */
export function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return s * m * 2 ** -24;
  if (e === 31) return m ? NaN : s * Infinity;
  return s * (1 + m / 1024) * 2 ** (e - 15);
}

export function bfloat16ToFloat(b: number): number {
  u32[0] = b << 16;
  return f32[0];
}

/**
 * Decodes `count` elements of `dtype` from `bytes` at element indices `index(i)` (i in C order of the output).
 * `littleEndian` false for numpy's '>' types.
 */
export function decodeElements(
  bytes: Uint8Array,
  dtype: DType,
  littleEndian: boolean,
  count: number,
  index: (i: number) => number,
): Values {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const le = littleEndian;
  const size = ITEM_SIZE[dtype];
  const out = exactInFloat32(dtype) ? new Float32Array(count) : new Float64Array(count);
  const read = reader(dv, dtype, le);
  const maxByte = bytes.byteLength - size;
  for (let i = 0; i < count; i++) {
    const at = index(i) * size;
    if (at < 0 || at > maxByte) fail(`tensor data lies beyond the end of its storage (element ${index(i)}): truncated?`);
    out[i] = read(at);
  }
  return out;
}

function reader(dv: DataView, dtype: DType, le: boolean): (at: number) => number {
  switch (dtype) {
    case 'float64':
      return (at) => dv.getFloat64(at, le);
    case 'float32':
      return (at) => dv.getFloat32(at, le);
    case 'float16':
      return (at) => halfToFloat(dv.getUint16(at, le));
    case 'bfloat16':
      return (at) => bfloat16ToFloat(dv.getUint16(at, le));
    case 'int64':
      return (at) => Number(dv.getBigInt64(at, le));
    case 'uint64':
      return (at) => Number(dv.getBigUint64(at, le));
    case 'int32':
      return (at) => dv.getInt32(at, le);
    case 'uint32':
      return (at) => dv.getUint32(at, le);
    case 'int16':
      return (at) => dv.getInt16(at, le);
    case 'uint16':
      return (at) => dv.getUint16(at, le);
    case 'int8':
      return (at) => dv.getInt8(at);
    case 'uint8':
      return (at) => dv.getUint8(at);
    case 'bool':
      return (at) => (dv.getUint8(at) ? 1 : 0);
  }
}
