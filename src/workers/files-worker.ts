// Worker for the tensor-file editor (worker_threads or a Web Worker): reads files by offset, decodes tensors and summarises them off the host thread.
import { describeError, FORMAT_LABEL, openTensorFile, type TensorFile } from '../core/tensor-files/open-tensor-file';
import { summarize } from '../core/tensor-files/tensor-summary';
import type { FilesWorkerRequest, FilesWorkerResponse } from '../core/protocol/tensor-file';
import { openSource, type OpenedSource } from './platform/file-source';
import { inflate } from './platform/inflate';
import { onHostMessage, postToHost } from './platform/port';

/** 2^28 elements (1 GiB of float32): the largest tensor the editor reads; deflated members up to 2 GiB. */
const LIMITS = { maxElements: 1 << 28 };

interface Opened {
  source: OpenedSource;
  file: TensorFile;
}
const files = new Map<string, Promise<Opened>>();

/** `bytes`: the whole file, where the host read it (the web, or a file on another file system). */
async function openFile(path: string, grayscale: boolean, bytes: Uint8Array | undefined): Promise<Opened> {
  await closeFile(path);
  const p = (async () => {
    const source = await openSource(path, bytes);
    try {
      return { source, file: await openTensorFile(source.src, { inflate, limits: LIMITS, grayscale }) };
    } catch (e) {
      await source.close();
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
  if (p) await p.then((o) => o.source.close()).catch(() => undefined);
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
        const { file, source } = await openFile(req.path, req.grayscale, req.bytes);
        const entries = file.entries.map(({ name, shape, dtype, numel, nbytes }) => ({ name, shape, dtype, numel, nbytes }));
        const size = source.src.size;
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

onHostMessage((message) => {
  void handle(message as FilesWorkerRequest).then((res) => {
    const transfer: ArrayBuffer[] = [];
    if (res.ok && res.summary) transfer.push(res.summary.preview.data.buffer as ArrayBuffer);
    if (res.ok && res.values) transfer.push(res.values.data.buffer as ArrayBuffer);
    postToHost(res, transfer);
  });
});
