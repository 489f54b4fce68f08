// .npy reader (format versions 1, 2 and 3): parses the header as data (never evaluates it) and maps the array lazily.
import { fail, readExact, subSource, type ByteSource, quote } from './byte-source';
import type { DType } from './dtypes';
import { contiguousStrides, makeEntry, numelOf, type TensorEntry } from './tensor-entry';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

const KINDS: Record<string, DType> = {
  b1: 'bool',
  i1: 'int8',
  u1: 'uint8',
  i2: 'int16',
  u2: 'uint16',
  i4: 'int32',
  u4: 'uint32',
  i8: 'int64',
  u8: 'uint64',
  f2: 'float16',
  f4: 'float32',
  f8: 'float64',
};

export interface NpyHeader {
  dtype: DType;
  littleEndian: boolean;
  fortran: boolean;
  shape: number[];
  dataOffset: number;
}

/** Largest header we accept: numpy writes a few hundred bytes; anything huge is a broken or hostile file. */
const MAX_HEADER = 1 << 20;

export function hasNpyMagic(head: Uint8Array): boolean {
  return MAGIC.every((b, i) => head[i] === b);
}

export async function readNpyHeader(src: ByteSource): Promise<NpyHeader> {
  if (src.size < 10) fail(`not a .npy file: only ${src.size} bytes`);
  const pre = await readExact(src, 0, 12 <= src.size ? 12 : 10);
  if (!hasNpyMagic(pre)) fail('not a .npy file: it does not start with \\x93NUMPY');
  const major = pre[6];
  if (major < 1 || major > 3) fail(`unsupported .npy format version ${major}.${pre[7]}`);
  const dv = new DataView(pre.buffer, pre.byteOffset, pre.byteLength);
  const lenSize = major === 1 ? 2 : 4;
  if (pre.length < 8 + lenSize) fail('truncated .npy header');
  const hlen = lenSize === 2 ? dv.getUint16(8, true) : dv.getUint32(8, true);
  if (hlen > MAX_HEADER) fail(`.npy header claims ${hlen} bytes, more than any real header`);
  const start = 8 + lenSize;
  if (start + hlen > src.size) fail(`.npy header length ${hlen} goes beyond the end of the file (${src.size} bytes)`);
  const text = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(await readExact(src, start, hlen));
  return { ...parseHeaderDict(text), dataOffset: start + hlen };
}

function parseHeaderDict(text: string): Omit<NpyHeader, 'dataOffset'> {
  const descr = /['"]descr['"]\s*:\s*['"]([^'"]*)['"]/.exec(text);
  if (!descr) {
    if (/['"]descr['"]\s*:\s*\[/.test(text)) fail('structured (record) arrays are not supported: save plain numeric arrays');
    fail('.npy header has no dtype ("descr")');
  }
  const fortran = /['"]fortran_order['"]\s*:\s*(True|False)/.exec(text);
  if (!fortran) fail('.npy header has no "fortran_order"');
  const shapeM = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(text);
  if (!shapeM) fail('.npy header has no "shape"');
  const dims = shapeM[1]
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const shape = dims.map((s) => {
    if (!/^\d+L?$/.test(s)) fail(`invalid dimension ${quote(s, 80)} in .npy shape`);
    return Number.parseInt(s, 10);
  });
  numelOf(shape);
  const d = descr[1];
  const order = d[0];
  const kind = KINDS[d.slice(1)];
  if (!kind || !'<>|='.includes(order) || d.length !== 3)
    fail(`unsupported dtype '${d}' (Tensor Lens reads bool, int, uint and float arrays)`);
  return { dtype: kind, littleEndian: order !== '>', fortran: fortran[1] === 'True', shape };
}

export async function readNpy(src: ByteSource, name = ''): Promise<TensorEntry> {
  const h = await readNpyHeader(src);
  const entry = makeEntry(name, {
    dtype: h.dtype,
    littleEndian: h.littleEndian,
    shape: h.shape,
    strides: h.fortran ? contiguousStrides([...h.shape].reverse()).reverse() : contiguousStrides(h.shape),
    offset: 0,
    storage: () => Promise.resolve(subSource(src, h.dataOffset, src.size - h.dataOffset)),
  });
  if (h.dataOffset + entry.nbytes > src.size) {
    fail(`the array needs ${entry.nbytes} bytes of data but the file has ${src.size - h.dataOffset}: truncated?`);
  }
  return entry;
}
