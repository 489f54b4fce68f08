// Zip archive reader (central directory, zip64, stored and deflated members) over a ByteSource; inflate is injected.
import { errorMessage } from '../error-message';
import { fail, memorySource, readExact, subSource, type ByteSource, type Inflate, quote } from './byte-source';

export interface ZipMember {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

export interface ZipArchive {
  members: ZipMember[];
  byName: Map<string, ZipMember>;
  /** The member's bytes: a window of the file if stored, else inflated (at most `maxBytes`). */
  open(member: ZipMember): Promise<ByteSource>;
}

const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export function hasZipMagic(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5) && (head[3] === 4 || head[3] === 6);
}

export async function readZip(src: ByteSource, inflate: Inflate | undefined, maxBytes: number): Promise<ZipArchive> {
  const tailLen = Math.min(src.size, 65557);
  const tail = await readExact(src, src.size - tailLen, tailLen);
  const tv = view(tail);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tv.getUint32(i, true) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) fail('not a complete zip archive: no end-of-central-directory record (truncated?)');
  let count = tv.getUint16(at + 10, true);
  let cdSize = tv.getUint32(at + 12, true);
  let cdOffset = tv.getUint32(at + 16, true);
  if (
    (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) &&
    at >= 20 &&
    tv.getUint32(at - 20, true) === EOCD64_LOCATOR
  ) {
    const e64At = Number(tv.getBigUint64(at - 20 + 8, true));
    const e64 = view(await readExact(src, e64At, 56));
    if (e64.getUint32(0, true) !== EOCD64) fail('broken zip64 end-of-central-directory record');
    count = Number(e64.getBigUint64(32, true));
    cdSize = Number(e64.getBigUint64(40, true));
    cdOffset = Number(e64.getBigUint64(48, true));
  }
  if (cdOffset + cdSize > src.size)
    fail(`zip central directory lies beyond the end of the file (${cdOffset + cdSize} > ${src.size}): truncated?`);
  if (count > cdSize / 46) fail('zip central directory is too small for its entry count');
  const cd = await readExact(src, cdOffset, cdSize);
  const members = parseCentral(cd, count);
  const byName = new Map(members.map((m) => [m.name, m]));
  const cache = new Map<string, Promise<ByteSource>>();
  const open = (m: ZipMember) => {
    let p = cache.get(m.name);
    if (!p) {
      p = openMember(src, m, inflate, maxBytes);
      cache.set(m.name, p);
      p.catch(() => cache.delete(m.name));
    }
    return p;
  };
  return { members, byName, open };
}

function parseCentral(cd: Uint8Array, count: number): ZipMember[] {
  const dv = view(cd);
  const members: ZipMember[] = [];
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > cd.length || dv.getUint32(p, true) !== CENTRAL) fail('broken zip central directory');
    const method = dv.getUint16(p + 10, true);
    let compressedSize = dv.getUint32(p + 20, true);
    let size = dv.getUint32(p + 24, true);
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    const commentLen = dv.getUint16(p + 32, true);
    let localHeaderOffset = dv.getUint32(p + 42, true);
    if (p + 46 + nameLen + extraLen + commentLen > cd.length) fail('broken zip central directory');
    const name = new TextDecoder().decode(cd.subarray(p + 46, p + 46 + nameLen));
    // Zip64 extra field: only the fields saturated in the fixed header follow, in this order.
    for (let e = p + 46 + nameLen; e + 4 <= p + 46 + nameLen + extraLen;) {
      const id = dv.getUint16(e, true);
      const len = dv.getUint16(e + 2, true);
      if (id === 1) {
        let q = e + 4;
        const next = () => {
          if (q + 8 > e + 4 + len) fail('broken zip64 extra field');
          const v = Number(dv.getBigUint64(q, true));
          q += 8;
          return v;
        };
        if (size === 0xffffffff) size = next();
        if (compressedSize === 0xffffffff) compressedSize = next();
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = next();
      }
      e += 4 + len;
    }
    members.push({ name, method, compressedSize, size, localHeaderOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return members;
}

async function openMember(src: ByteSource, m: ZipMember, inflate: Inflate | undefined, maxBytes: number): Promise<ByteSource> {
  const local = view(await readExact(src, m.localHeaderOffset, 30));
  if (local.getUint32(0, true) !== LOCAL) fail(`zip member ${quote(m.name, 80)} has no local header where the directory says`);
  const dataStart = m.localHeaderOffset + 30 + local.getUint16(26, true) + local.getUint16(28, true);
  if (m.method === 0) {
    if (m.compressedSize !== m.size) fail(`stored zip member ${quote(m.name, 80)} has inconsistent sizes`);
    return subSource(src, dataStart, m.size);
  }
  if (m.method !== 8) fail(`zip member ${quote(m.name, 80)} uses compression method ${m.method}; only stored and deflated are supported`);
  if (m.size > maxBytes) {
    fail(
      `zip member ${quote(m.name, 80)} declares ${m.size.toLocaleString('en-US')} bytes uncompressed, over the limit of ${maxBytes.toLocaleString('en-US')} (a zip bomb?)`,
    );
  }
  if (!inflate) fail(`zip member ${quote(m.name, 80)} is compressed and no decompressor is available here`);
  const packed = await readExact(src, dataStart, m.compressedSize);
  let out: Uint8Array;
  try {
    out = await inflate(packed, m.size);
  } catch (e) {
    fail(`zip member ${quote(m.name, 80)} could not be decompressed (${errorMessage(e)})`);
  }
  if (out.length !== m.size)
    fail(`zip member ${quote(m.name, 80)} inflates to ${out.length} bytes, not the ${m.size} its directory declares`);
  return memorySource(out);
}

function view(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}
