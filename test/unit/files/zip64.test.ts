// Zip64 archives (PyTorch writes them past 4 GB): sizes and offsets from the zip64 extra field and end record.
import { strict as assert } from 'node:assert';
import { fixtureBytes, openBytes } from './helpers';

/** One stored member with every size/offset saturated in the fixed headers and given in zip64 records instead. */
function zip64(name: string, data: Uint8Array): Uint8Array {
  const enc = new TextEncoder().encode(name);
  const parts: number[] = [];
  /** Little-endian fields: [byte width, value]. */
  const put = (...fields: Array<[2 | 4 | 8, number]>) => {
    for (const [w, v] of fields) for (let i = 0; i < w; i++) parts.push(Math.floor(v / 2 ** (8 * i)) & 0xff);
  };
  const SAT = 0xffffffff;
  const n = data.length;
  put([4, 0x04034b50], [2, 45], [2, 0], [2, 0], [2, 0], [2, 0], [4, 0], [4, SAT], [4, SAT], [2, enc.length], [2, 20]);
  parts.push(...enc);
  put([2, 1], [2, 16], [8, n], [8, n]);
  parts.push(...data);
  const cdStart = parts.length;
  put([4, 0x02014b50], [2, 45], [2, 45], [2, 0], [2, 0], [2, 0], [2, 0], [4, 0], [4, SAT], [4, SAT]);
  put([2, enc.length], [2, 28], [2, 0], [2, 0], [2, 0], [4, 0], [4, SAT]);
  parts.push(...enc);
  put([2, 1], [2, 24], [8, n], [8, n], [8, 0]);
  const cdSize = parts.length - cdStart;
  const e64 = parts.length;
  put([4, 0x06064b50], [8, 44], [2, 45], [2, 45], [4, 0], [4, 0], [8, 1], [8, 1], [8, cdSize], [8, cdStart]);
  put([4, 0x07064b50], [4, 0], [8, e64], [4, 1]);
  put([4, 0x06054b50], [2, 0], [2, 0], [2, 0xffff], [2, 0xffff], [4, SAT], [4, SAT], [2, 0]);
  return new Uint8Array(parts);
}

describe('tensor files: zip64', () => {
  it('an .npz whose directory uses zip64 records reads the same values as the plain one', async () => {
    const plain = await openBytes(fixtureBytes('f4.npy'));
    const z = await openBytes(zip64('x.npy', fixtureBytes('f4.npy')));
    assert.equal(z.format, 'npz');
    assert.deepEqual(z.entries[0].shape, plain.entries[0].shape);
    assert.deepEqual(Array.from(await z.read(z.entries[0])), Array.from(await plain.read(plain.entries[0])));
  });
});
