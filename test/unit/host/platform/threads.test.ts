// The threads seam, both implementations against one contract: worker_threads (desktop) and a Web Worker from a blob: URL
// (the web, through a Node stand-in for the browser's Worker), each running the same test worker built for its platform.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Thread } from '../../../../src/host/platform/thread';
import { startThread } from '../../../../src/host/platform/threads';
import { WebWorkerThread } from '../../../../src/host/platform/web-worker-thread';
import { bundleEntry } from '../../worker-bundle';
import { NodeWebWorker } from './web-worker-shim';

const ECHO = join(__dirname, 'echo-worker.ts');

interface Watched {
  thread: Thread;
  messages: unknown[];
  errors: string[];
  exit: Promise<number>;
  next(type: string): Promise<Record<string, unknown>>;
}

function watch(thread: Thread): Watched {
  const messages: unknown[] = [];
  const errors: string[] = [];
  const waiters: Array<() => void> = [];
  thread.onMessage((m) => {
    messages.push(m);
    for (const w of waiters.splice(0)) w();
  });
  thread.onError((e) => errors.push(e.message));
  const exit = new Promise<number>((resolve) => thread.onExit(resolve));
  const next = async (type: string) => {
    for (;;) {
      const found = messages.find((m) => (m as { type?: string }).type === type);
      if (found) {
        messages.splice(messages.indexOf(found), 1);
        return found as Record<string, unknown>;
      }
      await new Promise<void>((r) => waiters.push(r));
    }
  };
  return { thread, messages, errors, exit, next };
}

const platforms: Array<{ name: string; start(): Promise<Thread>; globals: Record<string, string> }> = [
  {
    name: 'desktop (worker_threads)',
    start: async () => startThread(await bundleEntry(ECHO, 'node')),
    globals: { process: 'object', setImmediate: 'function' },
  },
  {
    name: 'web (a Web Worker from a blob: URL)',
    start: async () => new WebWorkerThread(Promise.resolve(readFileSync(await bundleEntry(ECHO, 'web'))), 'echo', NodeWebWorker),
    globals: { process: 'undefined', setImmediate: 'undefined' },
  },
];

for (const platform of platforms) {
  describe(`threads seam: ${platform.name}`, function () {
    this.timeout(20_000);

    it('starts the worker, delivers messages in order (queued until it is up) and moves transferred buffers', async () => {
      const w = watch(await platform.start());
      const buffer = new Float32Array([1, 2, 3]).buffer;
      w.thread.postMessage({ type: 'echo', data: 'first' });
      w.thread.postMessage({ type: 'echo', data: buffer }, [buffer]);
      assert.equal(buffer.byteLength, 0, 'the buffer moved to the worker');
      assert.deepEqual((await w.next('up')).globals, platform.globals);
      assert.equal((await w.next('echo')).data, 'first');
      assert.deepEqual(Array.from(new Float32Array((await w.next('echo')).data as ArrayBuffer)), [1, 2, 3]);
      w.thread.terminate();
      assert.equal(typeof (await w.exit), 'number');
      assert.deepEqual(w.errors, []);
    });

    it("reports the worker's own exit with its code (exitThread)", async () => {
      const w = watch(await platform.start());
      w.thread.postMessage({ type: 'exit', code: 3 });
      assert.equal(await w.exit, 3);
      assert.deepEqual(w.errors, []);
    });

    it('reports an uncaught error in the worker, then its end', async () => {
      const w = watch(await platform.start());
      await w.next('up');
      w.thread.postMessage({ type: 'throw' });
      await w.exit;
      assert.equal(w.errors.length, 1);
      assert.match(w.errors[0], /boom from the worker/);
    });

    it("yields to the worker's event loop with the timers seam", async () => {
      const w = watch(await platform.start());
      w.thread.postMessage({ type: 'yield' });
      await w.next('yielded');
      w.thread.terminate();
      await w.exit;
    });
  });
}

describe('threads seam: web only', () => {
  it('a script that cannot be read is an error and an exit, and nothing is started', async () => {
    const before = NodeWebWorker.started.length;
    const w = watch(new WebWorkerThread(Promise.reject(new Error('EntryNotFound (FileSystemError)')), 'missing', NodeWebWorker));
    w.thread.postMessage({ type: 'echo', data: 'lost' });
    assert.equal(await w.exit, 1);
    assert.deepEqual(w.errors, ['could not read the worker script: EntryNotFound (FileSystemError)']);
    assert.equal(NodeWebWorker.started.length, before);
  });

  it('a host without Web Workers says so', async () => {
    const w = watch(new WebWorkerThread(Promise.resolve(new Uint8Array()), 'none', undefined));
    assert.equal(await w.exit, 1);
    assert.deepEqual(w.errors, ['this host has no Web Workers']);
  });
});
