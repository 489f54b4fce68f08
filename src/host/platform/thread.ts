// The host's view of a worker thread, the same for worker_threads (desktop) and Web Workers (VS Code for the Web).

/** A started worker: messages both ways, its failure and its end. Listeners are set once, right after start. */
export interface Thread {
  /** Queued until the thread is up (a Web Worker's script is read first); `transfer` moves those buffers. */
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
  onMessage(listener: (message: unknown) => void): void;
  /** The script failed to load or threw: the thread is gone (an exit follows). */
  onError(listener: (error: Error) => void): void;
  /** The thread ended (its own exit, a crash, or terminate()). */
  onExit(listener: (code: number) => void): void;
  terminate(): void;
}

/** Starts the worker bundle at `script` (from workerScript()). */
export type StartThread = (script: string) => Thread;

/** The worker bundles under dist/ (dist/web/ for the web build). */
export type WorkerScript = 'worker.js' | 'hover-worker.js' | 'files-worker.js' | 'explore-worker.js';

/**
 * What a worker posts before it closes itself (exitThread in src/workers/platform/port.web.ts): a Web Worker has no exit
 * event, so its end travels as this one message, which the host's thread turns into onExit.
 */
export const THREAD_EXIT_KEY = 'tensorLensThreadExit';

export function exitCodeOf(message: unknown): number | undefined {
  if (typeof message !== 'object' || message === null || !(THREAD_EXIT_KEY in message)) return undefined;
  const code = (message as Record<string, unknown>)[THREAD_EXIT_KEY];
  return typeof code === 'number' ? code : 1;
}
