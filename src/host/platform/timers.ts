// Timers on desktop (Node): yielding to the event loop and timers that never keep the process alive. See timers.web.ts.

/** Resolves after pending I/O and messages have run (setImmediate): lets other work in between chunks of a long job. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** setInterval that does not keep the process alive (a probe or a poll, never the reason to stay). */
export function backgroundInterval(callback: () => void, ms: number): { dispose(): void } {
  const timer = setInterval(callback, ms);
  timer.unref();
  return { dispose: () => clearInterval(timer) };
}
