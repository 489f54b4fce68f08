// Raw-deflate inflating on desktop (Node's zlib), for zip members of .npz and .pt files. See inflate.web.ts.
import { inflateRaw } from 'node:zlib';
import type { Inflate } from '../../core/tensor-files/byte-source';

/** Inflates to at most `size` bytes (a member that inflates to more is refused by zlib, not buffered). */
export const inflate: Inflate = (data, size) =>
  new Promise((resolve, reject) =>
    inflateRaw(data, { maxOutputLength: Math.max(1, size) }, (err, out) =>
      err ? reject(err) : resolve(new Uint8Array(out.buffer, out.byteOffset, out.length)),
    ),
  );
