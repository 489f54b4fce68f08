// A Thread over a Web Worker started from a blob: URL of the script's bytes (VS Code for the Web refuses extension URLs).
import { exitCodeOf, type Thread } from './thread';

/** The parts of the DOM's Worker used here (the project compiles without the DOM library). */
export interface WebWorkerLike {
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
  addEventListener(type: 'message' | 'error' | 'messageerror', listener: (event: { data?: unknown; message?: string }) => void): void;
  terminate(): void;
}

export type WebWorkerConstructor = new (url: string, options?: { name?: string }) => WebWorkerLike;

interface BlobUrls {
  createObjectURL(blob: Blob): string;
  revokeObjectURL(url: string): void;
}

/** The global Worker of a browser or web worker, or undefined where there is none (Node). */
export function globalWorker(): WebWorkerConstructor | undefined {
  return (globalThis as { Worker?: WebWorkerConstructor }).Worker;
}

export class WebWorkerThread implements Thread {
  private worker: WebWorkerLike | undefined;
  private url: string | undefined;
  private ended = false;
  private readonly queue: Array<[unknown, ArrayBuffer[] | undefined]> = [];
  private readonly messageListeners: Array<(message: unknown) => void> = [];
  private readonly errorListeners: Array<(error: Error) => void> = [];
  private readonly exitListeners: Array<(code: number) => void> = [];

  /**
   * `script`: the bundle's bytes (read through vscode.workspace.fs); `name` shows in the browser's debugger.
   * `Ctor` is the global Worker unless a test passes another.
   */
  constructor(
    script: PromiseLike<Uint8Array>,
    name: string,
    private readonly Ctor: WebWorkerConstructor | undefined = globalWorker(),
  ) {
    Promise.resolve(script).then(
      (bytes) => this.begin(bytes, name),
      (e: unknown) => this.fail(new Error(`could not read the worker script: ${e instanceof Error ? e.message : String(e)}`)),
    );
  }

  postMessage(message: unknown, transfer?: ArrayBuffer[]): void {
    if (this.ended) return;
    if (this.worker) this.worker.postMessage(message, transfer ?? []);
    else if (transfer?.length) {
      // Moved now, as postMessage does, whether or not the worker is up yet; the clone's list holds the moved buffers.
      const moved = structuredClone({ message, transfer }, { transfer });
      this.queue.push([moved.message, moved.transfer]);
    } else this.queue.push([message, undefined]);
  }

  onMessage(listener: (message: unknown) => void): void {
    this.messageListeners.push(listener);
  }

  onError(listener: (error: Error) => void): void {
    this.errorListeners.push(listener);
  }

  onExit(listener: (code: number) => void): void {
    this.exitListeners.push(listener);
  }

  terminate(): void {
    this.end(1);
  }

  private begin(bytes: Uint8Array, name: string): void {
    if (this.ended) return;
    if (!this.Ctor) {
      this.fail(new Error('this host has no Web Workers'));
      return;
    }
    const urls = URL as unknown as BlobUrls;
    try {
      this.url = urls.createObjectURL(new Blob([bytes], { type: 'text/javascript' }));
      const worker = new this.Ctor(this.url, { name });
      worker.addEventListener('message', (e) => this.receive(e.data));
      // A Web Worker lives on after an uncaught error; a worker_threads Worker does not. Ending it keeps one behaviour.
      worker.addEventListener('error', (e) => this.fail(new Error(e.message || 'the worker script failed')));
      worker.addEventListener('messageerror', () => this.fail(new Error('a message from the worker could not be read')));
      this.worker = worker;
    } catch (e) {
      this.fail(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    for (const [message, transfer] of this.queue.splice(0)) this.worker.postMessage(message, transfer ?? []);
  }

  private receive(message: unknown): void {
    const code = exitCodeOf(message);
    if (code !== undefined) this.end(code);
    else for (const l of this.messageListeners) l(message);
  }

  private fail(error: Error): void {
    if (this.ended) return;
    for (const l of this.errorListeners) l(error);
    this.end(1);
  }

  private end(code: number): void {
    if (this.ended) return;
    this.ended = true;
    this.queue.length = 0;
    this.worker?.terminate();
    if (this.url) (URL as unknown as BlobUrls).revokeObjectURL(this.url);
    // As worker_threads does, the exit is reported after terminate() has returned.
    queueMicrotask(() => {
      for (const l of this.exitListeners) l(code);
    });
  }
}
