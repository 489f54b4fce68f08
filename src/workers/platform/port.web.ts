// A worker's side of its thread on the web (a Web Worker): `self` carries the messages; its end is one message to the host.
import { THREAD_EXIT_KEY } from '../../host/platform/thread';
import type * as Desktop from './port';

interface WorkerScope {
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  close(): void;
}

const scope = globalThis as unknown as WorkerScope;

export const postToHost: typeof Desktop.postToHost = (message, transfer) => scope.postMessage(message, transfer ?? []);

export const onHostMessage: typeof Desktop.onHostMessage = (listener) => scope.addEventListener('message', (e) => listener(e.data));

/** A Web Worker has no exit code and its host no exit event: the code goes as a message (see THREAD_EXIT_KEY), then it closes. */
export const exitThread: typeof Desktop.exitThread = (code) => {
  scope.postMessage({ [THREAD_EXIT_KEY]: code });
  scope.close();
};

/** A browser offers no thread priorities. */
export const lowerThreadPriority: typeof Desktop.lowerThreadPriority = () => undefined;
