// Raw-deflate inflating on the web: the platform's DecompressionStream('deflate-raw'), no library.
import type { Inflate } from '../../core/tensor-files/byte-source';
import type * as Desktop from './inflate';

/**
 * Inflates to at most `size` bytes, as zlib's maxOutputLength does on desktop: reading stops (and the stream is cancelled)
 * as soon as the output would pass `size`, so a zip bomb never fills memory.
 */
export const inflate: typeof Desktop.inflate = (async (data, size) => {
  const limit = Math.max(1, size);
  const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  const reader = stream.getReader();
  const out = new Uint8Array(limit);
  let got = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const chunk = value as Uint8Array;
      if (got + chunk.length > limit) {
        await reader.cancel();
        throw new RangeError(`it inflates to more than the ${limit} bytes declared`);
      }
      out.set(chunk, got);
      got += chunk.length;
    }
  } finally {
    reader.releaseLock();
  }
  return got === limit ? out : out.subarray(0, got);
}) satisfies Inflate;
