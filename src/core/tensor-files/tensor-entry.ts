// One tensor in a file's index and how its values are read: dtype, shape, strides and offset into a byte source.
import { fail, readExact, type ByteSource, quote } from './byte-source';
import { decodeElements, ITEM_SIZE, type DType, type Values } from './dtypes';

/** Where a tensor's elements live: element (i0, i1, …) is at element index offset + Σ i_k·strides[k] of `storage`. */
export interface TensorLayout {
  dtype: DType;
  littleEndian: boolean;
  shape: number[];
  strides: number[];
  offset: number;
  /** Opens the storage (a file window, or an inflated zip member). */
  storage: () => Promise<ByteSource>;
}

export interface TensorEntry {
  name: string;
  shape: number[];
  dtype: DType;
  numel: number;
  /** Bytes of the tensor's own elements (numel · item size). */
  nbytes: number;
  layout: TensorLayout;
}

export interface ReadLimits {
  /** Largest tensor (elements) materialised; bigger ones get a clear error. */
  maxElements: number;
}

export const DEFAULT_LIMITS: ReadLimits = { maxElements: 1 << 28 };

export function numelOf(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) {
    if (!Number.isSafeInteger(d) || d < 0) fail(`invalid dimension ${String(d)} in shape [${shape.join(', ')}]`);
    n *= d;
    if (!Number.isSafeInteger(n)) fail(`shape [${shape.join(', ')}] has more elements than can be counted`);
  }
  return n;
}

export function contiguousStrides(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let k = shape.length - 1; k >= 0; k--) {
    s[k] = acc;
    acc *= shape[k];
  }
  return s;
}

export function makeEntry(name: string, layout: TensorLayout): TensorEntry {
  const numel = numelOf(layout.shape);
  return { name, shape: layout.shape, dtype: layout.dtype, numel, nbytes: numel * ITEM_SIZE[layout.dtype], layout };
}

/** Reads a tensor's values in C order, touching only the bytes its view spans. */
export async function readValues(entry: TensorEntry, limits: ReadLimits = DEFAULT_LIMITS): Promise<Values> {
  const { layout, numel } = entry;
  if (numel > limits.maxElements) {
    fail(
      `${quote(entry.name, 80)} has ${numel.toLocaleString('en-US')} elements, over the limit of ${limits.maxElements.toLocaleString('en-US')}`,
    );
  }
  const size = ITEM_SIZE[layout.dtype];
  if (numel === 0) return layout.dtype === 'float64' ? new Float64Array(0) : new Float32Array(0);
  let lo = layout.offset;
  let hi = layout.offset;
  layout.shape.forEach((d, k) => {
    const reach = (d - 1) * layout.strides[k];
    if (reach < 0) lo += reach;
    else hi += reach;
  });
  if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi) || lo < 0)
    fail(`${quote(entry.name, 80)} has an invalid storage offset or strides`);
  const storage = await layout.storage();
  const bytes = await readExact(storage, lo * size, (hi - lo + 1) * size);
  if (layout.dtype === 'float32' && layout.littleEndian && isContiguous(layout) && bytes.length === numel * 4) {
    // Fast path for the common case (a 100 MB tensor in tens of ms): one copy, no per-element decode.
    // A fresh buffer of exactly these bytes (a file read) is used as is; a view into shared memory is copied.
    const own = bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.length ? bytes : bytes.slice();
    return new Float32Array(own.buffer, 0, numel);
  }
  return decodeElements(bytes, layout.dtype, layout.littleEndian, numel, indexer(layout, lo));
}

function isContiguous({ shape, strides }: TensorLayout): boolean {
  const c = contiguousStrides(shape);
  return shape.every((d, k) => d === 1 || strides[k] === c[k]);
}

function indexer(layout: TensorLayout, base: number): (i: number) => number {
  const { shape, strides } = layout;
  const start = layout.offset - base;
  if (isContiguous(layout)) return (i) => start + i;
  const nd = shape.length;
  return (i) => {
    let at = start;
    let rest = i;
    for (let k = nd - 1; k >= 0; k--) {
      const d = shape[k];
      const q = Math.floor(rest / d);
      at += (rest - q * d) * strides[k];
      rest = q;
    }
    return at;
  };
}
