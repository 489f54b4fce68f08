// A test worker over the worker-side platform seams (port, timers): bundled for worker_threads and for the web alike.
import { yieldToEventLoop } from '../../../../src/host/platform/timers';
import { exitThread, onHostMessage, postToHost } from '../../../../src/workers/platform/port';

type Request = { type: 'echo'; data: unknown } | { type: 'exit'; code: number } | { type: 'throw' } | { type: 'yield' };

onHostMessage((message) => {
  const m = message as Request;
  switch (m.type) {
    case 'echo':
      postToHost({ type: 'echo', data: m.data }, m.data instanceof ArrayBuffer ? [m.data] : undefined);
      break;
    case 'exit':
      exitThread(m.code);
      break;
    case 'throw':
      setTimeout(() => {
        throw new Error('boom from the worker');
      });
      break;
    case 'yield':
      void yieldToEventLoop().then(() => postToHost({ type: 'yielded' }));
      break;
  }
});
postToHost({ type: 'up', globals: { process: typeof process, setImmediate: typeof setImmediate } });
