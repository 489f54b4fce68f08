// Host side of the explore worker: one lazily started worker, requests matched to answers by id, restarted if it dies.
import type { StartThread, Thread } from '../host/platform/thread';
import { startThread } from '../host/platform/threads';
import type { ExploreWorkerRequest, ExploreWorkerResponse } from '../core/protocol/explore';

type Body = ExploreWorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export class ExploreWorkerClient {
  private worker: Thread | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, (r: ExploreWorkerResponse) => void>();
  private readonly progress = new Map<number, (r: ExploreWorkerResponse) => void>();

  constructor(
    private readonly workerPath: string,
    private readonly start: StartThread = startThread,
  ) {}

  /** One request; `onProgress` receives the messages a run sends before its answer (its steps). */
  request(body: Body, onProgress?: (r: ExploreWorkerResponse) => void): Promise<ExploreWorkerResponse> {
    const id = this.nextId++;
    if (onProgress) this.progress.set(id, onProgress);
    return new Promise((resolve) => {
      this.pending.set(id, (r) => {
        this.progress.delete(id);
        resolve(r);
      });
      this.ensure().postMessage({ ...body, id } as ExploreWorkerRequest);
    });
  }

  /** Stops a long run (the worker is restarted on the next request). */
  cancel(): void {
    const w = this.worker;
    this.worker = undefined;
    for (const [id, resolve] of this.pending) resolve({ id, ok: false, message: 'cancelled' });
    this.pending.clear();
    w?.terminate();
  }

  dispose(): void {
    this.cancel();
  }

  private ensure(): Thread {
    if (this.worker) return this.worker;
    const w = this.start(this.workerPath);
    w.onMessage((message) => {
      const r = message as ExploreWorkerResponse;
      if (r.ok && r.type === 'step') return this.progress.get(r.id)?.(r);
      const resolve = this.pending.get(r.id);
      this.pending.delete(r.id);
      resolve?.(r);
    });
    const gone = (why: string) => {
      if (this.worker !== w) return;
      this.worker = undefined;
      for (const [id, resolve] of this.pending) resolve({ id, ok: false, message: `the explore worker stopped (${why})` });
      this.pending.clear();
    };
    w.onError((e) => gone(e.message));
    w.onExit((code) => gone(`exit code ${code}`));
    this.worker = w;
    return w;
  }
}
