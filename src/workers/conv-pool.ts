// The helper threads behind the engine's ParallelPool (src/core/engine/parallel.ts): started lazily, kept warm while used.
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import * as os from 'node:os';
import { type KernelJob, type ParallelPool, installParallelPool, runJobs } from '../core/engine/parallel';

// The helper's source is inline (eval), so it runs the same from the shipped bundle and from TypeScript under tsx; it reuses
// the engine's own runJobs (a self-contained function) so helpers and the caller execute jobs identically.
const HELPER = `
const { workerData, receiveMessageOnPort } = require('node:worker_threads');
const runJobs = (${runJobs.toString()});
const { ctrl, port } = workerData;
let exports = null, memory = null, seen = 0;
port.postMessage('ready');
for (;;) {
  Atomics.wait(ctrl, 0, seen);
  seen = Atomics.load(ctrl, 0);
  let msg;
  try {
    while ((msg = receiveMessageOnPort(port))) {
      const m = msg.message;
      if (m.module) {
        memory = m.memory;
        exports = new WebAssembly.Instance(m.module, { env: { memory } }).exports;
      }
      if (m.jobs) runJobs(exports, new Float32Array(memory.buffer), m.jobs, m.out);
    }
  } catch (err) {
    Atomics.store(ctrl, 2, 1);
    port.postMessage(String(err && err.stack || err));
  }
  Atomics.add(ctrl, 1, 1);
  Atomics.notify(ctrl, 1);
}
`;

interface Helper {
  worker: Worker;
  port: MessagePort;
  /** [0] job sequence (bumped to wake the helper), [1] jobs finished, [2] failed. */
  ctrl: Int32Array;
  ready: boolean;
  module: object | null;
}

export class ConvPool implements ParallelPool {
  private helpers: Helper[] = [];
  private started = false;

  /** `size` helpers besides the calling thread (default: one per further core). */
  constructor(private readonly size = Math.max(0, (os.availableParallelism?.() ?? os.cpus().length) - 1)) {}

  readyHelpers(): number {
    if (!this.started) this.start();
    let n = 0;
    for (const h of this.helpers) if (h.ready) n++;
    return n;
  }

  private start(): void {
    this.started = true;
    for (let i = 0; i < this.size; i++) {
      const { port1, port2 } = new MessageChannel();
      const ctrl = new Int32Array(new SharedArrayBuffer(12));
      const worker = new Worker(HELPER, { eval: true, workerData: { ctrl, port: port2 }, transferList: [port2] });
      worker.unref(); // an idle pool never keeps the process alive
      const helper: Helper = { worker, port: port1, ctrl, ready: false, module: null };
      port1.on('message', (m) => {
        if (m === 'ready') helper.ready = true;
      });
      port1.unref();
      worker.on('error', () => (helper.ready = false));
      worker.on('exit', () => (helper.ready = false));
      this.helpers.push(helper);
    }
  }

  run(module: object, memory: object, groups: KernelJob[][], out: Float32Array | null, runLocal: (jobs: KernelJob[]) => void): void {
    const busy = this.helpers.filter((h) => h.ready).slice(0, groups.length - 1);
    // Groups beyond the ready helpers run here, after the caller's own.
    const local = [groups[0], ...groups.slice(1 + busy.length)];
    const expected = busy.map((h, i) => {
      const msg: { jobs: KernelJob[]; out: Float32Array | null; module?: object; memory?: object } = { jobs: groups[i + 1], out };
      if (h.module !== module) Object.assign(msg, { module, memory });
      h.module = module;
      h.port.postMessage(msg);
      const done = Atomics.load(h.ctrl, 1) + 1;
      Atomics.add(h.ctrl, 0, 1);
      Atomics.notify(h.ctrl, 0);
      return done;
    });
    for (const jobs of local) runLocal(jobs);
    const deadline = Date.now() + 60_000;
    busy.forEach((h, i) => {
      for (;;) {
        const now = Atomics.load(h.ctrl, 1);
        if (now >= expected[i]) break;
        // A helper that died cannot say so while this thread blocks: give up after a minute rather than hang.
        if (Date.now() > deadline) throw new Error('a conv helper thread stopped answering');
        Atomics.wait(h.ctrl, 1, now, 1000);
      }
      if (Atomics.load(h.ctrl, 2)) {
        Atomics.store(h.ctrl, 2, 0);
        throw new Error('a conv helper thread failed');
      }
    });
  }

  /** Stops the helpers (tests; a host normally leaves them to exit with the process). */
  async close(): Promise<void> {
    installParallelPool(null);
    await Promise.all(this.helpers.map((h) => h.worker.terminate()));
    this.helpers = [];
  }
}

/** Installs a pool of helper threads for big convolutions (the host, the training worker and the bench call this). */
export function installConvPool(size?: number): ConvPool {
  const pool = new ConvPool(size);
  installParallelPool(pool);
  return pool;
}
