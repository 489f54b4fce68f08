// worker_threads entry: runs training and heavy convolutions off the extension host.
import { parentPort } from 'node:worker_threads';

parentPort?.on('message', (message: unknown) => {
  parentPort?.postMessage({ type: 'echo', message });
});
