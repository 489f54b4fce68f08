// A Web Worker for Node tests: runs a classic worker script (from a blob: URL, as the web host starts them) on a
// worker_threads thread with the Web Worker globals (self, postMessage, addEventListener, close) and Node's own hidden.
// It stands in for the browser only in unit tests; test/e2e/web.test.ts runs the real Web Workers in code-server.
import { resolveObjectURL } from 'node:buffer';
import { Worker } from 'node:worker_threads';
import type { WebWorkerLike } from '../../../../src/host/platform/web-worker-thread';

/**
 * Runs before the script: the Web Worker globals over parentPort, and the Node-only globals a browser lacks made
 * undefined, so a web bundle that still used them fails here as it would in a browser.
 */
const PRELUDE = `
const { parentPort } = require('node:worker_threads');
const listeners = [];
parentPort.on('message', (data) => { for (const l of listeners) l({ data }); });
globalThis.self = globalThis;
globalThis.postMessage = (message, transfer) => parentPort.postMessage(message, transfer);
globalThis.addEventListener = (type, listener) => { if (type === 'message') listeners.push(listener); };
globalThis.close = () => parentPort.close();
for (const name of ['process', 'Buffer', 'setImmediate', 'require', 'module', 'global']) {
  Object.defineProperty(globalThis, name, { value: undefined, configurable: true, writable: true });
}
`;

type Listener = (event: { data?: unknown; message?: string }) => void;

export class NodeWebWorker implements WebWorkerLike {
  /** Every worker this shim started, so a test can check they all ended. */
  static started: NodeWebWorker[] = [];
  private worker: Worker | undefined;
  private terminated = false;
  private readonly queue: Array<[unknown, ArrayBuffer[] | undefined]> = [];
  private readonly listeners = new Map<string, Listener[]>();
  /** Whether the thread behind it has exited. */
  exited = false;

  constructor(url: string, _options?: { name?: string }) {
    NodeWebWorker.started.push(this);
    const blob = resolveObjectURL(url);
    if (!blob) throw new Error(`no blob at ${url}`);
    void blob.text().then((script) => {
      if (this.terminated) return;
      // A script with `(0, eval)` semantics: the worker's own scope, as a classic worker script runs.
      const worker = new Worker(`${PRELUDE}\n(0, eval)(${JSON.stringify(script)});`, { eval: true });
      worker.on('message', (data) => this.emit('message', { data }));
      worker.on('error', (e) => this.emit('error', { message: e.message }));
      worker.on('exit', () => (this.exited = true));
      this.worker = worker;
      for (const [m, t] of this.queue.splice(0)) worker.postMessage(m, t);
    });
  }

  postMessage(message: unknown, transfer?: ArrayBuffer[]): void {
    if (this.worker) this.worker.postMessage(message, transfer);
    else if (transfer?.length) {
      // Moved now, as a browser's postMessage does, although the thread is still starting.
      const moved = structuredClone({ message, transfer }, { transfer });
      this.queue.push([moved.message, moved.transfer]);
    } else this.queue.push([message, undefined]);
  }

  addEventListener(type: 'message' | 'error' | 'messageerror', listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  terminate(): void {
    this.terminated = true;
    void this.worker?.terminate();
  }

  private emit(type: string, event: { data?: unknown; message?: string }): void {
    for (const l of this.listeners.get(type) ?? []) l(event);
  }
}
