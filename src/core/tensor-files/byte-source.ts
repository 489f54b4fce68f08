// Random-access bytes for the tensor-file readers: the host backs it with a file handle, tests with memory.

/** Reads `length` bytes at `offset`; readers never ask for the whole file unless the format forces it. */
export interface ByteSource {
  readonly size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** Inflates a raw-deflate stream to exactly `expectedSize` bytes (the host injects Node's zlib). */
export type Inflate = (data: Uint8Array, expectedSize: number) => Promise<Uint8Array>;

/** A file we refuse to read, with one sentence saying why (the caller prefixes the file name). */
export class TensorFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TensorFileError';
  }
}

export function fail(message: string): never {
  throw new TensorFileError(message);
}

export function memorySource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read(offset, length) {
      // A copy: callers may own (and transfer) what they read, which must not detach or alter the source.
      return Promise.resolve(checkedSlice(bytes, offset, length).slice());
    },
  };
}

/** A window [start, start+size) of another source, e.g. a stored zip member. */
export function subSource(src: ByteSource, start: number, size: number): ByteSource {
  if (start < 0 || start + size > src.size)
    fail(`a part of the file lies beyond its end (${start + size} > ${src.size} bytes): truncated?`);
  return {
    size,
    read(offset, length) {
      if (offset < 0 || length < 0 || offset + length > size)
        fail(`read beyond the end of the data (${offset + length} > ${size} bytes): truncated?`);
      return src.read(start + offset, length);
    },
  };
}

export function checkedSlice(bytes: Uint8Array, offset: number, length: number): Uint8Array {
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0 || offset + length > bytes.length) {
    fail(`read beyond the end of the file (${offset + length} > ${bytes.length} bytes): truncated?`);
  }
  return bytes.subarray(offset, offset + length);
}

/** Reads the source's bytes [offset, offset+length), refusing ranges past its end. */
export async function readExact(src: ByteSource, offset: number, length: number): Promise<Uint8Array> {
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0 || offset + length > src.size) {
    fail(`the file ends at ${src.size} bytes but its index points to byte ${offset + length}: truncated?`);
  }
  const b = await src.read(offset, length);
  if (b.length !== length) fail(`short read (${b.length} of ${length} bytes): truncated?`);
  return b;
}

/** A bounded, quoted excerpt of untrusted text for an error message. */
export function quote(s: string, max = 40): string {
  return JSON.stringify(s.length > max ? `${s.slice(0, max)}…` : s);
}
