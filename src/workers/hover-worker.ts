// Hover worker entry (bundled to dist/hover-worker.js and dist/web/hover-worker.js): parses huge literals off the extension host.
import { HoverWorkerHandler } from './hover-worker-handler';
import type { HoverWorkerMessage } from '../core/protocol/hover-worker';
import { onHostMessage, postToHost } from './platform/port';

const handler = new HoverWorkerHandler();
onHostMessage((msg) => {
  void handler.handle(msg as HoverWorkerMessage, (reply) => postToHost(reply));
});
