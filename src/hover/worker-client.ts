// Host side of the hover worker: started on first use, sends each document version's text once, survives the worker's death.
import type { StartThread, Thread } from '../host/platform/thread';
import { startThread } from '../host/platform/threads';
import { yieldToEventLoop } from '../host/platform/timers';
import type { HoverAnswer, HoverDocument, HoverEnvironment, HoverWorkerReply, HoverWorkerRequest } from '../core/protocol/hover-worker';

/** Texts longer than this go in slices of this size, yielding between them. */
export const TEXT_CHUNK = 2_000_000;

export interface WorkerHover {
  /** The first answer (shape and stats, maybe already complete); undefined: no hover here, or the worker failed. */
  first: Promise<HoverAnswer | undefined>;
  /** The complete answer, with images. */
  final: Promise<HoverAnswer | undefined>;
}

interface Pending {
  req: HoverWorkerRequest;
  text: () => string;
  first(a: HoverAnswer | undefined): void;
  final(a: HoverAnswer | undefined): void;
}

export class HoverWorkerClient {
  private worker: Thread | undefined;
  private readonly pending = new Map<number, Pending>();
  /** Document versions whose text the current worker has (or is being sent: wait for it). */
  private readonly sent = new Map<string, { version: number; done: Promise<void> }>();
  private nextId = 1;
  private failures = 0;

  constructor(
    private readonly workerPath: string,
    private readonly onError: (message: string) => void = () => undefined,
    private readonly start: StartThread = startThread,
  ) {}

  /** False once the worker has failed repeatedly (e.g. its bundle is missing): hovers then run on the host again. */
  get usable(): boolean {
    return this.failures < 3;
  }

  /** `text` is read only if the worker does not have this document version yet. */
  request(doc: Omit<HoverDocument, 'text'>, text: () => string, offset: number, env: HoverEnvironment): WorkerHover {
    const req: HoverWorkerRequest = { type: 'hover', id: this.nextId++, doc, offset, env };
    let first!: (a: HoverAnswer | undefined) => void;
    let final!: (a: HoverAnswer | undefined) => void;
    const result: WorkerHover = { first: new Promise((r) => (first = r)), final: new Promise((r) => (final = r)) };
    this.pending.set(req.id, { req, text, first, final });
    void this.send(req, text);
    return result;
  }

  dispose(): void {
    this.worker?.terminate();
    this.failAll('the hover worker was stopped');
  }

  private async send(req: HoverWorkerRequest, text: () => string, forceText = false): Promise<void> {
    const worker = this.ensureWorker();
    const known = this.sent.get(req.doc.uri);
    if (forceText || known?.version !== req.doc.version) {
      const done = this.sendText(worker, req.doc.uri, req.doc.version, text());
      this.sent.set(req.doc.uri, { version: req.doc.version, done });
      await done;
    } else await known.done;
    if (this.worker === worker) worker.postMessage(req);
  }

  private async sendText(worker: Thread, uri: string, version: number, text: string): Promise<void> {
    const count = Math.max(1, Math.ceil(text.length / TEXT_CHUNK));
    for (let index = 0; index < count; index++) {
      if (index > 0) await yieldToEventLoop();
      if (this.worker !== worker) return;
      worker.postMessage({ type: 'text', uri, version, index, count, chunk: text.slice(index * TEXT_CHUNK, (index + 1) * TEXT_CHUNK) });
    }
  }

  private ensureWorker(): Thread {
    if (this.worker) return this.worker;
    const worker = this.start(this.workerPath);
    worker.onMessage((reply) => this.receive(reply as HoverWorkerReply));
    worker.onError((e) => {
      this.failures++;
      this.onError(`hover worker failed: ${e.message}`);
    });
    worker.onExit(() => {
      if (this.worker === worker) this.worker = undefined;
      this.sent.clear();
      this.failAll('the hover worker exited');
    });
    this.worker = worker;
    return worker;
  }

  private receive(reply: HoverWorkerReply): void {
    const p = this.pending.get(reply.id);
    if (!p) return;
    if (reply.type === 'needText') {
      void this.send(p.req, p.text, true);
      return;
    }
    if (reply.type === 'error') {
      this.onError(`hover worker: ${reply.message}`);
      this.pending.delete(reply.id);
      p.first(undefined);
      p.final(undefined);
      return;
    }
    p.first(reply.answer ?? undefined);
    if (reply.final) {
      this.pending.delete(reply.id);
      p.final(reply.answer ?? undefined);
    }
  }

  private failAll(message: string): void {
    if (this.pending.size) this.onError(message);
    for (const p of this.pending.values()) {
      p.first(undefined);
      p.final(undefined);
    }
    this.pending.clear();
  }
}
