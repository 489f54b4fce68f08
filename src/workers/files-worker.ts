// Worker thread for the tensor-file editor: opens files by offset, decodes tensors and summarises them off the host thread.
import { parentPort } from 'node:worker_threads';
import { open, type FileHandle } from 'node:fs/promises';
import { inflateRaw } from 'node:zlib';
import type { ByteSource, Inflate } from '../core/tensor-files/byte-source';
import { describeError, FORMAT_LABEL, openTensorFile, type TensorFile } from '../core/tensor-files/open-tensor-file';
import { summarize } from '../core/tensor-files/tensor-summary';
import type { FilesWorkerRequest, FilesWorkerResponse } from '../core/protocol/tensor-file';

/** 2^28 elements (1 GiB of float32): the largest tensor the editor reads; deflated members up to 2 GiB. */
const LIMITS = { maxElements: 1 << 28 };

const inflate: Inflate = (data, size) =>
  new Promise((resolve, reject) =>
    inflateRaw(data, { maxOutputLength: Math.max(1, size) }, (err, out) =>
      err ? reject(err) : resolve(new Uint8Array(out.buffer, out.byteOffset, out.length)),
    ),
  );

interface Opened {
  handle: FileHandle;
  file: TensorFile;
}
const files = new Map<string, Promise<Opened>>();

async function fileSource(path: string): Promise<{ handle: FileHandle; src: ByteSource }> {
  const handle = await open(path, 'r');
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
  return { handle, src };
}

async function openFile(path: string, grayscale: boolean): Promise<Opened> {
  await closeFile(path);
  const p = (async () => {
    const { handle, src } = await fileSource(path);
    try {
      return { handle, file: await openTensorFile(src, { inflate, limits: LIMITS, grayscale }) };
    } catch (e) {
      await handle.close();
      throw e;
    }
  })();
  files.set(path, p);
  p.catch(() => files.delete(path));
  return p;
}

async function closeFile(path: string): Promise<void> {
  const p = files.get(path);
  files.delete(path);
  if (p) await p.then((o) => o.handle.close()).catch(() => undefined);
}

async function entry(path: string, name: string) {
  const p = files.get(path);
  if (!p) throw new Error('the file is not open');
  const { file } = await p;
  const e = file.entries.find((x) => x.name === name);
  if (!e) throw new Error(`no tensor named "${name}"`);
  return { file, e };
}

async function handle(req: FilesWorkerRequest): Promise<FilesWorkerResponse> {
  const base = req.path.split(/[\\/]/).pop() ?? req.path;
  try {
    switch (req.op) {
      case 'open': {
        const { file } = await openFile(req.path, req.grayscale);
        const entries = file.entries.map(({ name, shape, dtype, numel, nbytes }) => ({ name, shape, dtype, numel, nbytes }));
        const { size } = await (await files.get(req.path)!).handle.stat();
        const image = file.image ? { description: file.image.description, grayscale: req.grayscale } : undefined;
        return {
          id: req.id,
          ok: true,
          index: { format: file.format, formatLabel: FORMAT_LABEL[file.format], size, entries, metadata: file.metadata, image },
        };
      }
      case 'summary': {
        const { file, e } = await entry(req.path, req.name);
        return { id: req.id, ok: true, summary: summarize(await file.read(e), e.shape, e.dtype) };
      }
      case 'values': {
        const { file, e } = await entry(req.path, req.name);
        const v = await file.read(e);
        return { id: req.id, ok: true, values: { shape: e.shape, dtype: e.dtype, data: v } };
      }
      case 'close':
        await closeFile(req.path);
        return { id: req.id, ok: true };
    }
  } catch (e) {
    return { id: req.id, ok: false, message: describeError(base, e) };
  }
}

parentPort?.on('message', (req: FilesWorkerRequest) => {
  void handle(req).then((res) => {
    const transfer: ArrayBuffer[] = [];
    if (res.ok && res.summary) transfer.push(res.summary.preview.data.buffer as ArrayBuffer);
    if (res.ok && res.values) transfer.push(res.values.data.buffer as ArrayBuffer);
    parentPort!.postMessage(res, transfer);
  });
});
