// .safetensors reader: 8-byte little-endian header length, JSON header, then raw little-endian tensor bytes.
import { errorMessage } from '../error-message';
import { fail, readExact, subSource, type ByteSource, quote } from './byte-source';
import type { DType } from './dtypes';
import { contiguousStrides, makeEntry, type TensorEntry } from './tensor-entry';

const DTYPES: Record<string, DType> = {
  F64: 'float64',
  F32: 'float32',
  F16: 'float16',
  BF16: 'bfloat16',
  I64: 'int64',
  I32: 'int32',
  I16: 'int16',
  I8: 'int8',
  U64: 'uint64',
  U32: 'uint32',
  U16: 'uint16',
  U8: 'uint8',
  BOOL: 'bool',
};

/** The spec caps the header at 100 MB. */
const MAX_HEADER = 100_000_000;

export interface SafetensorsFile {
  entries: TensorEntry[];
  metadata: Record<string, string>;
}

export async function readSafetensors(src: ByteSource): Promise<SafetensorsFile> {
  if (src.size < 8) fail(`not a .safetensors file: only ${src.size} bytes`);
  const lenBytes = await readExact(src, 0, 8);
  const n = Number(new DataView(lenBytes.buffer, lenBytes.byteOffset, 8).getBigUint64(0, true));
  if (n > src.size - 8)
    fail(
      `the header length (${n.toLocaleString('en-US')} bytes) goes beyond the end of the file (${src.size.toLocaleString('en-US')} bytes)`,
    );
  if (n > MAX_HEADER) fail(`the header length ${n} is over the 100 MB the format allows`);
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(await readExact(src, 8, n)));
  } catch (e) {
    fail(`the header is not valid JSON (${errorMessage(e)})`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) fail('the header is not a JSON object');
  const dataStart = 8 + n;
  const data = subSource(src, dataStart, src.size - dataStart);
  const metadata: Record<string, string> = {};
  const entries: TensorEntry[] = [];
  for (const [name, info] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      if (typeof info === 'object' && info !== null) for (const [k, v] of Object.entries(info)) metadata[k] = String(v);
      continue;
    }
    entries.push(entryOf(name, info, data));
  }
  return { entries, metadata };
}

function entryOf(name: string, info: unknown, data: ByteSource): TensorEntry {
  const i = info as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
  if (typeof i !== 'object' || i === null) fail(`${quote(name, 80)}: header entry is not an object`);
  const dtype = DTYPES[String(i.dtype)];
  if (!dtype) fail(`${quote(name, 80)}: unsupported dtype ${JSON.stringify(i.dtype)}`);
  if (!Array.isArray(i.shape) || !i.shape.every((d) => Number.isSafeInteger(d) && d >= 0)) fail(`${quote(name, 80)}: invalid shape`);
  const offs = i.data_offsets;
  if (!Array.isArray(offs) || offs.length !== 2 || !offs.every((d) => Number.isSafeInteger(d) && d >= 0) || offs[1] < offs[0]) {
    fail(`${quote(name, 80)}: invalid data_offsets`);
  }
  const [begin, end] = offs as [number, number];
  if (end > data.size) fail(`${quote(name, 80)}: its data ends at byte ${end} but the file holds ${data.size} data bytes: truncated?`);
  const shape = i.shape as number[];
  const entry = makeEntry(name, {
    dtype,
    littleEndian: true,
    shape,
    strides: contiguousStrides(shape),
    offset: 0,
    storage: () => Promise.resolve(subSource(data, begin, end - begin)),
  });
  if (entry.nbytes !== end - begin)
    fail(`${quote(name, 80)}: ${entry.nbytes} bytes expected for ${dtype}[${shape.join(', ')}], data_offsets give ${end - begin}`);
  return entry;
}
