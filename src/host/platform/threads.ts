// Threads on desktop (Node extension host): worker_threads started from the bundles in dist/. See threads.web.ts for the web.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type * as vscode from 'vscode';
import type { Thread, WorkerScript } from './thread';

/** The path of a worker bundle shipped beside dist/extension.js. */
export function workerScript(extensionUri: vscode.Uri, name: WorkerScript): string {
  return join(extensionUri.fsPath, 'dist', name);
}

/** SharedArrayBuffer can be posted to a worker (always in Node). */
export function canShareMemory(): boolean {
  return true;
}

/** One line for the log: how many threads the engine may use here. */
export function threadsNote(): string {
  return 'Node extension host: workers are worker_threads';
}

export function startThread(script: string): Thread {
  return new NodeThread(new Worker(script));
}

/** A worker_threads Worker that never keeps the extension host alive. */
export class NodeThread implements Thread {
  constructor(private readonly worker: Worker) {
    worker.unref();
  }

  postMessage(message: unknown, transfer?: ArrayBuffer[]): void {
    this.worker.postMessage(message, transfer);
  }

  onMessage(listener: (message: unknown) => void): void {
    this.worker.on('message', listener);
  }

  onError(listener: (error: Error) => void): void {
    this.worker.on('error', listener);
  }

  onExit(listener: (code: number) => void): void {
    this.worker.on('exit', listener);
  }

  terminate(): void {
    void this.worker.terminate();
  }
}
