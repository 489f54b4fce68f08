// Writes float32 arrays as NumPy files: one .npy (format 1.0) or an .npz (an uncompressed zip of .npy members, as
// np.savez writes it), readable by numpy.load and by Tensor Lens's own readers.

/** The bytes of a little-endian float32 .npy file of `shape`. */
export function npyBytes(shape: readonly number[], data: Float32Array): Uint8Array {
  const dims = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': ${dims}, }`;
  // numpy pads the header with spaces and a newline so the data starts at a multiple of 64 bytes.
  const total = Math.ceil((10 + header.length + 1) / 64) * 64;
  header = header.padEnd(total - 10 - 1, ' ') + '\n';
  const out = new Uint8Array(total + data.length * 4);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  const values = new DataView(out.buffer, total);
  for (let i = 0; i < data.length; i++) values.setFloat32(i * 4, data[i], true);
  return out;
}

let crcTable: Uint32Array | undefined;

/** CRC-32 (zip's polynomial) of the bytes. */
export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = crcTable[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** An .npz of named float32 arrays, in the order given (`name` becomes the member `name.npy`). */
export function npzBytes(arrays: ReadonlyArray<{ name: string; shape: readonly number[]; data: Float32Array }>): Uint8Array {
  const enc = new TextEncoder();
  const members = arrays.map((a) => {
    const name = enc.encode(`${a.name}.npy`);
    const body = npyBytes(a.shape, a.data);
    return { name, body, crc: crc32(body), offset: 0 };
  });
  const localSize = members.reduce((s, m) => s + 30 + m.name.length + m.body.length, 0);
  const centralSize = members.reduce((s, m) => s + 46 + m.name.length, 0);
  if (localSize + centralSize > 0xffffffff || members.length > 0xffff) throw new Error('too much data for one .npz (over 4 GB)');
  const out = new Uint8Array(localSize + centralSize + 22);
  const dv = new DataView(out.buffer);
  let p = 0;
  for (const m of members) {
    m.offset = p;
    dv.setUint32(p, 0x04034b50, true);
    dv.setUint16(p + 4, 20, true); // version needed
    dv.setUint16(p + 8, 0, true); // stored
    dv.setUint32(p + 14, m.crc, true);
    dv.setUint32(p + 18, m.body.length, true);
    dv.setUint32(p + 22, m.body.length, true);
    dv.setUint16(p + 26, m.name.length, true);
    out.set(m.name, p + 30);
    out.set(m.body, p + 30 + m.name.length);
    p += 30 + m.name.length + m.body.length;
  }
  const central = p;
  for (const m of members) {
    dv.setUint32(p, 0x02014b50, true);
    dv.setUint16(p + 4, 20, true); // version made by
    dv.setUint16(p + 6, 20, true);
    dv.setUint32(p + 16, m.crc, true);
    dv.setUint32(p + 20, m.body.length, true);
    dv.setUint32(p + 24, m.body.length, true);
    dv.setUint16(p + 28, m.name.length, true);
    dv.setUint32(p + 42, m.offset, true);
    out.set(m.name, p + 46);
    p += 46 + m.name.length;
  }
  dv.setUint32(p, 0x06054b50, true);
  dv.setUint16(p + 8, members.length, true);
  dv.setUint16(p + 10, members.length, true);
  dv.setUint32(p + 12, p - central, true);
  dv.setUint32(p + 16, central, true);
  return out;
}
