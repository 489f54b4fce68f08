// Timers on the web: no setImmediate and no unref there; a MessageChannel message is the browser's "run after the queue".
import type * as Desktop from './timers';

/** The DOM's MessageChannel as used here (Node's types describe its own flavour, which has onmessage as well). */
interface WebChannel {
  port1: { onmessage: (() => void) | null; close(): void };
  port2: { postMessage(message: unknown): void };
}

/**
 * A macrotask without setTimeout's 4 ms clamp on nested timers (a chunked job would idle 4 ms per chunk): a message on
 * a fresh channel, closed once it arrives, so nothing stays open.
 */
export const yieldToEventLoop: typeof Desktop.yieldToEventLoop = () =>
  new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel() as unknown as WebChannel;
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(0);
  });

/** A browser has no process to keep alive: a plain interval. */
export const backgroundInterval: typeof Desktop.backgroundInterval = (callback, ms) => {
  const timer = setInterval(callback, ms);
  return { dispose: () => clearInterval(timer) };
};
