// PyTorch checkpoints: the zip format (data.pkl + data/<key>) and the legacy pre-1.6 stream, read without running Python.
import { fail, memorySource, readExact, subSource, type ByteSource, quote } from './byte-source';
import { ITEM_SIZE } from './dtypes';
import { isDict, isOpaque, isTuple, unpickle, type PyValue } from './pickle';
import { makeEntry, type TensorEntry } from './tensor-entry';
import { storageFromPid, torchHooks, type StorageRef, type TensorRef } from './torch-globals';
import type { ZipArchive } from './zip';

/** The pickle of a checkpoint is small next to its storages; a huge one is broken or hostile. */
const MAX_PICKLE = 256 * 1024 * 1024;

export function isTorchZip(zip: ZipArchive): boolean {
  return zip.members.some((m) => m.name === 'data.pkl' || m.name.endsWith('/data.pkl'));
}

export async function readTorchZip(zip: ZipArchive): Promise<TensorEntry[]> {
  const pkl = zip.members.find((m) => m.name === 'data.pkl' || m.name.endsWith('/data.pkl'));
  if (!pkl) fail('not a PyTorch checkpoint: the zip has no data.pkl');
  if (pkl.size > MAX_PICKLE) fail(`data.pkl declares ${pkl.size} bytes, far more than a checkpoint's index`);
  const prefix = pkl.name.slice(0, -'data.pkl'.length);
  const src = await zip.open(pkl);
  const buf = await readExact(src, 0, src.size);
  const hooks = torchHooks((pid) =>
    storageFromPid(pid, (key) => {
      if (!zip.byName.has(`${prefix}data/${key}`)) fail(`the checkpoint names storage ${quote(key, 80)} but holds no ${prefix}data/${key}`);
    }),
  );
  const { value } = unpickle(buf, hooks);
  return entriesOf(value, (ref) => {
    const m = zip.byName.get(`${prefix}data/${ref.key}`);
    if (!m) fail(`missing storage ${ref.key}`);
    return zip.open(m);
  });
}

const LEGACY_MAGIC = 0x1950a86a20f9469cfc6c;

export function looksLikeLegacyTorch(head: Uint8Array): boolean {
  // A pickle (PROTO 2) whose first value is the LONG1 magic number 0x1950a86a20f9469cfc6c.
  return head.length >= 5 && head[0] === 0x80 && head[2] === 0x8a && head[3] === 0x0a && head[4] === 0x6c;
}

/** Legacy format: magic, protocol, sys_info, the object pickle, the storage-key list, then each storage's raw bytes. */
export async function readTorchLegacy(src: ByteSource, maxBytes: number): Promise<TensorEntry[]> {
  if (src.size > maxBytes)
    fail(
      `legacy (pre-1.6) checkpoints are read whole and this one (${src.size} bytes) is over the limit; re-save it with a current PyTorch`,
    );
  const buf = await readExact(src, 0, src.size);
  const plain = torchHooks(() => fail('corrupt legacy checkpoint header'));
  let at = 0;
  const magic = unpickle(buf, plain, at);
  if (magic.value !== LEGACY_MAGIC) fail('not a PyTorch legacy checkpoint (wrong magic number)');
  at = magic.end;
  at = unpickle(buf, plain, at).end; // protocol version
  at = unpickle(buf, plain, at).end; // sys_info
  const main = unpickle(
    buf,
    torchHooks((pid) => storageFromPid(pid, () => undefined)),
    at,
  );
  const keys = unpickle(buf, plain, main.end);
  if (!Array.isArray(keys.value) || !keys.value.every((k) => typeof k === 'string')) fail('corrupt legacy checkpoint: no storage key list');
  // Each storage: int64 element count then its bytes; the element size comes from the tensors that use it.
  const sizes = new Map<string, number>();
  collect(main.value, (t) => sizes.set(t.storage.key, ITEM_SIZE[t.storage.dtype]));
  const storages = new Map<string, ByteSource>();
  let p = keys.end;
  const whole = memorySource(buf);
  for (const key of keys.value as string[]) {
    const head = await readExact(whole, p, 8);
    const numel = Number(new DataView(head.buffer, head.byteOffset, 8).getBigInt64(0, true));
    const item = sizes.get(key);
    if (item === undefined) fail(`corrupt legacy checkpoint: storage ${key} is not used by any tensor`);
    storages.set(key, subSource(whole, p + 8, numel * item));
    p += 8 + numel * item;
  }
  return entriesOf(main.value, (ref) => {
    const s = storages.get(ref.key);
    if (!s) fail(`corrupt legacy checkpoint: storage ${ref.key} is missing`);
    return Promise.resolve(s);
  });
}

function entriesOf(root: PyValue, storage: (ref: StorageRef) => Promise<ByteSource>): TensorEntry[] {
  const entries: TensorEntry[] = [];
  const seen = new Set<string>();
  walk(root, '', (name, t) => {
    let unique = name || 'tensor';
    for (let i = 2; seen.has(unique); i++) unique = `${name}#${i}`;
    seen.add(unique);
    entries.push(
      makeEntry(unique, {
        dtype: t.storage.dtype,
        littleEndian: true,
        shape: t.shape,
        strides: t.strides,
        offset: t.offset,
        storage: () => storage(t.storage),
      }),
    );
  });
  if (entries.length === 0) fail('the checkpoint holds no tensors');
  return entries;
}

function collect(v: PyValue, f: (t: TensorRef) => void): void {
  walk(v, '', (_n, t) => f(t));
}

/** Visits tensors in nested dicts/lists/tuples, naming them by their keys joined with dots. */
function walk(root: PyValue, rootName: string, f: (name: string, t: TensorRef) => void): void {
  // A pickle can reference one container many times (or itself): cap the work instead of recursing forever.
  let budget = 1_000_000;
  const onPath = new Set<PyValue>();
  const visit = (v: PyValue, name: string, depth: number): void => {
    if (--budget < 0) fail('the checkpoint references its containers too many times to list');
    if (depth > 64) fail('the checkpoint nests containers more than 64 deep');
    const join = (k: PyValue) => (name ? `${name}.${String(k)}` : String(k));
    if (isOpaque(v)) {
      const t = v.value as TensorRef;
      if (t.type === 'tensor') f(name, t);
      return;
    }
    if (onPath.has(v)) return;
    if (isDict(v)) {
      onPath.add(v);
      for (const [k, x] of v.entries) visit(x, join(isTuple(k) ? k.items.join(',') : k), depth + 1);
    } else if (Array.isArray(v) || isTuple(v)) {
      onPath.add(v);
      (Array.isArray(v) ? v : v.items).forEach((x, i) => visit(x, join(i), depth + 1));
    } else return;
    onPath.delete(v);
  };
  visit(root, rootName, 0);
}
