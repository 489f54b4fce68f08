// worker_threads entry of the hover worker (bundled to dist/hover-worker.js): parses huge literals off the extension host.
import { parentPort } from 'node:worker_threads';
import { HoverWorkerHandler } from './hover-worker-handler';
import type { HoverWorkerMessage } from '../core/protocol/hover-worker';

const handler = new HoverWorkerHandler();
parentPort?.on('message', (msg: HoverWorkerMessage) => {
  void handler.handle(msg, (reply) => parentPort?.postMessage(reply));
});
