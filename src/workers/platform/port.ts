// A worker's side of its thread on desktop (worker_threads): messages to and from the host, exit, priority. See port.web.ts.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';

/** Sends to the host; `transfer` moves those buffers. */
export function postToHost(message: unknown, transfer?: ArrayBuffer[]): void {
  parentPort?.postMessage(message, transfer);
}

export function onHostMessage(listener: (message: unknown) => void): void {
  parentPort?.on('message', listener);
}

/** Ends this thread at once, as a crash would (the host sees an exit with `code`). */
export function exitThread(code: number): void {
  process.exit(code);
}

/**
 * Lowers this thread's scheduling priority so the extension host's own thread always wins a contended CPU.
 * On Linux setpriority() on a thread id affects that thread only; elsewhere this is skipped.
 */
export function lowerThreadPriority(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid !== process.pid) setPriority(tid, 10);
  } catch {
    // not Linux, or not permitted: run at normal priority
  }
}
