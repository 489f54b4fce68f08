// Host side of the files worker: one lazily started worker, requests matched to answers by id, restarted if it dies.
import type { StartThread, Thread } from '../host/platform/thread';
import { startThread } from '../host/platform/threads';
import type { FilesWorkerRequest, FilesWorkerResponse } from '../core/protocol/tensor-file';

type Pending = { resolve: (r: FilesWorkerResponse) => void };
type RequestBody = FilesWorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export class FilesWorkerClient {
  private worker: Thread | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly workerPath: string,
    private readonly start: StartThread = startThread,
  ) {}

  /** An `open` with `bytes` moves them to the worker (the caller's copy is emptied). */
  request(body: RequestBody): Promise<FilesWorkerResponse> {
    const id = this.nextId++;
    const transfer = 'bytes' in body && body.bytes ? [body.bytes.buffer as ArrayBuffer] : undefined;
    return new Promise((resolve) => {
      this.pending.set(id, { resolve });
      this.ensure().postMessage({ ...body, id } as FilesWorkerRequest, transfer);
    });
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = undefined;
  }

  private ensure(): Thread {
    if (this.worker) return this.worker;
    const w = this.start(this.workerPath);
    w.onMessage((message) => {
      const r = message as FilesWorkerResponse;
      const p = this.pending.get(r.id);
      this.pending.delete(r.id);
      p?.resolve(r);
    });
    const gone = (why: string) => {
      if (this.worker !== w) return;
      this.worker = undefined;
      for (const [id, p] of this.pending) p.resolve({ id, ok: false, message: `the files worker stopped (${why})` });
      this.pending.clear();
    };
    w.onError((e) => gone(e.message));
    w.onExit((code) => gone(`exit code ${code}`));
    this.worker = w;
    return w;
  }
}
