// Host side of the files worker: one lazily started worker, requests matched to answers by id, restarted if it dies.
import { Worker } from 'node:worker_threads';
import type { FilesWorkerRequest, FilesWorkerResponse } from '../core/protocol/tensor-file';

type Pending = { resolve: (r: FilesWorkerResponse) => void };
type RequestBody = FilesWorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export class FilesWorkerClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly workerPath: string) {}

  request(body: RequestBody): Promise<FilesWorkerResponse> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { resolve });
      this.ensure().postMessage({ ...body, id } as FilesWorkerRequest);
    });
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.workerPath);
    w.unref();
    w.on('message', (r: FilesWorkerResponse) => {
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
    w.on('error', (e) => gone(e.message));
    w.on('exit', (code) => gone(`exit code ${code}`));
    this.worker = w;
    return w;
  }
}
