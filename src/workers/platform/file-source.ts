// The files worker's bytes on desktop: a local file opened by path and read by offset, or bytes the host sent. See file-source.web.ts.
import { open } from 'node:fs/promises';
import { memorySource, type ByteSource } from '../../core/tensor-files/byte-source';

export interface OpenedSource {
  src: ByteSource;
  close(): Promise<void>;
}

/** `bytes` when the host read the file (another file system); else the file at `path`, read only where the readers ask. */
export async function openSource(path: string, bytes?: Uint8Array): Promise<OpenedSource> {
  if (bytes) return { src: memorySource(bytes), close: async () => undefined };
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const src: ByteSource = {
      size,
      async read(offset, length) {
        const buf = new Uint8Array(length);
        let got = 0;
        while (got < length) {
          const { bytesRead } = await handle.read(buf, got, length - got, offset + got);
          if (bytesRead === 0) break;
          got += bytesRead;
        }
        return got === length ? buf : buf.subarray(0, got);
      },
    };
    return { src, close: () => handle.close() };
  } catch (e) {
    await handle.close();
    throw e;
  }
}
