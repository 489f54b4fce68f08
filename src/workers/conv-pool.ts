// The helper threads behind the engine's ParallelPool (src/core/engine/parallel.ts): started lazily, kept warm while used.
// A call writes its jobs into a shared table and bumps a ticket; the caller and every helper claim jobs from it until none
// is left (see parallel.ts for why). Messages carry only what changes rarely: the module, a bigger table, a new output.
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  JOB_INTS,
  type KernelJob,
  type ParallelPool,
  encodeJobs,
  functionNames,
  installParallelPool,
  runJob,
} from '../core/engine/parallel';

// ctrl slots. TICKET = call sequence (11 bits) << 20 | next job to claim; a claim is a compare-exchange on the whole word,
// so a thread still holding a finished call's ticket can never take a job of the next call.
const TICKET = 0,
  TOTAL = 1,
  DONE = 2,
  SLEEPERS = 3,
  FAILED = 4,
  MODULE = 5,
  OUT = 6,
  TABLE = 7,
  SCRATCH_AT = 8,
  SCRATCH_BYTES = 9,
  READY = 10,
  CTRL_INTS = 16;
const INDEX_BITS = 20;
const MAX_JOBS = (1 << INDEX_BITS) - 1;
/** Output buffers a helper keeps (the engine reuses a few pooled outputs, so this covers a training step). */
const KNOWN_OUTS = 8;
/** How long an idle helper watches for the next call before sleeping (a training step's convolutions come this close). */
const SPIN_MS = 0.3;
/**
 * A helper descheduled mid-job (another process took its core) makes the caller wait for a whole time slice, longer than
 * doing the job itself. A call stalled when its end waited over STALL_MS and STALL_SHARE of the call. One stall now and then
 * (a quiet machine: about 1 call in 100, a helper's GC or a moment of another process) costs less than standing aside;
 * a second within RECUR_CALLS split calls means the other core is busy elsewhere, and the pool stands aside for BACKOFF_MS
 * (doubling while it recurs, up to MAX_BACKOFF_MS): every call runs on the calling thread meanwhile.
 */
const STALL_MS = 1,
  STALL_SHARE = 0.3,
  RECUR_CALLS = 8,
  BACKOFF_MS = 50,
  MAX_BACKOFF_MS = 2000;

/** Takes the next job of the current call: its index, or -1 when none is left. Self-contained (helpers run its source). */
export function claimJob(ctrl: Int32Array): number {
  for (;;) {
    const v = Atomics.load(ctrl, 0);
    const idx = v & 0xfffff;
    if (idx >= Atomics.load(ctrl, 1)) return -1;
    if (Atomics.compareExchange(ctrl, 0, v, v + 1) === v) return idx;
  }
}

// The helper's source is inline (eval), so it runs the same from the shipped bundle and from TypeScript under tsx; it reuses
// the engine's own runJob and the pool's claimJob (self-contained functions), so helpers and the caller run jobs identically.
const HELPER = `
const { workerData, receiveMessageOnPort } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
const runJob = (${runJob.toString()});
const claimJob = (${claimJob.toString()});
const { ctrl, port, index, knownOuts, spinMs } = workerData;
const modules = new Map(), outs = new Map(), tables = new Map();
function drain() {
  let m;
  while ((m = receiveMessageOnPort(port))) {
    m = m.message;
    if (m.module) {
      const fns = WebAssembly.Module.exports(m.module).filter((e) => e.kind === 'function').map((e) => e.name);
      const exp = new WebAssembly.Instance(m.module, { env: { memory: m.memory } }).exports;
      modules.set(m.moduleId, { memory: m.memory, fns: fns.map((f) => exp[f]), heap: null });
    }
    if (m.table) { tables.clear(); tables.set(m.tableId, new Int32Array(m.table)); }
    if (m.out) { outs.set(m.outId, new Float32Array(m.out)); if (outs.size > knownOuts) outs.delete(outs.keys().next().value); }
  }
}
function job(j) {
  const mid = Atomics.load(ctrl, ${MODULE}), oid = Atomics.load(ctrl, ${OUT}), tid = Atomics.load(ctrl, ${TABLE});
  if (!modules.has(mid) || (oid >= 0 && !outs.has(oid)) || !tables.has(tid)) drain();
  const mod = modules.get(mid);
  if (!mod.heap || mod.heap.buffer.byteLength !== mod.memory.buffer.byteLength) mod.heap = new Float32Array(mod.memory.buffer);
  const scratch = Atomics.load(ctrl, ${SCRATCH_AT}) + index * Atomics.load(ctrl, ${SCRATCH_BYTES});
  runJob(mod.fns, mod.heap, oid >= 0 ? outs.get(oid) : null, tables.get(tid), j, scratch);
}
Atomics.add(ctrl, ${READY}, 1);
for (;;) {
  const v = Atomics.load(ctrl, ${TICKET});
  const j = claimJob(ctrl);
  if (j >= 0) {
    try { job(j); } catch (err) { Atomics.store(ctrl, ${FAILED}, 1); port.postMessage(String((err && err.stack) || err)); }
    Atomics.add(ctrl, ${DONE}, 1);
    Atomics.notify(ctrl, ${DONE});
    continue;
  }
  if (Atomics.load(ctrl, ${TICKET}) !== v) continue;
  const until = performance.now() + spinMs;
  while (Atomics.load(ctrl, ${TICKET}) === v && performance.now() < until);
  if (Atomics.load(ctrl, ${TICKET}) !== v) continue;
  Atomics.add(ctrl, ${SLEEPERS}, 1);
  Atomics.wait(ctrl, ${TICKET}, v);
  Atomics.sub(ctrl, ${SLEEPERS}, 1);
}
`;

export interface PoolOptions {
  callerTakesJobs?: boolean;
  backoff?: boolean;
}

interface Helper {
  worker: Worker;
  port: MessagePort;
  /** False once the thread has exited or failed. */
  alive: boolean;
  modules: Set<number>;
  /** Output ids this helper holds, oldest first (it evicts the same way). */
  outs: number[];
  table: number;
}

const wasmApi = () => (globalThis as unknown as { WebAssembly: Parameters<typeof functionNames>[0] }).WebAssembly;

export class ConvPool implements ParallelPool {
  private helpers: Helper[] = [];
  private started = false;
  private broken = false;
  private readonly ctrl = new Int32Array(new SharedArrayBuffer(CTRL_INTS * 4));
  private table = new Int32Array(new SharedArrayBuffer(JOB_INTS * 4 * 256));
  private tableId = 0;
  private seq = 0;
  private readonly moduleIds = new Map<object, { id: number; fns: string[] }>();
  private readonly outIds = new WeakMap<SharedArrayBuffer, number>();
  private nextOutId = 0;
  /** What the table holds now. */
  private encoded: { jobs: KernelJob[]; module: number; offset: number; tableId: number } | null = null;
  /** Failures a helper reported (stack text), for the error the caller throws. */
  private failures: string[] = [];

  private readonly callerTakesJobs: boolean;
  private readonly backoff: boolean;

  /**
   * `size` helpers besides the calling thread (default: one per further core). Test options: `callerTakesJobs` false leaves
   * every job to the helpers (so a test knows they ran them); `backoff` (default: as callerTakesJobs) turns the stand-aside
   * after a stalled call on or off.
   */
  constructor(
    private readonly size = Math.max(0, (os.availableParallelism?.() ?? os.cpus().length) - 1),
    options: PoolOptions = {},
  ) {
    this.callerTakesJobs = options.callerTakesJobs ?? true;
    this.backoff = options.backoff ?? this.callerTakesJobs;
  }

  /** Jobs the helpers ran so far (the rest ran on the calling thread). */
  helperJobs = 0;
  /** Calls after which the caller sat waiting for a helper's job (a helper preempted mid-job, or in a GC pause). */
  stalledCalls = 0;
  /** Until then (performance.now()), calls run on the calling thread alone: the other core is busy elsewhere. */
  private backoffUntil = 0;
  private backoffMs = BACKOFF_MS;
  /** Split calls since the last stalled one. */
  private sinceStall = Infinity;

  readyHelpers(): number {
    if (!this.started) this.start();
    if (this.broken || performance.now() < this.backoffUntil) return 0;
    // Counted in shared memory, not by message: a caller that never yields to its event loop (a tight training loop, a
    // synchronous burst of convolutions) still gets the helpers as soon as they are up.
    let n = 0;
    for (const h of this.helpers) if (h.alive) n++;
    return Math.min(n, Atomics.load(this.ctrl, READY));
  }

  threads(): number {
    return this.size + 1;
  }

  private start(): void {
    this.started = true;
    for (let i = 0; i < this.size; i++) {
      const { port1, port2 } = new MessageChannel();
      const worker = new Worker(HELPER, {
        eval: true,
        workerData: { ctrl: this.ctrl, port: port2, index: i + 1, knownOuts: KNOWN_OUTS, spinMs: SPIN_MS },
        transferList: [port2],
      });
      worker.unref(); // an idle pool never keeps the process alive
      const helper: Helper = { worker, port: port1, alive: true, modules: new Set(), outs: [], table: -1 };
      port1.on('message', (m) => this.failures.push(String(m)));
      port1.unref();
      worker.on('error', () => (helper.alive = false));
      worker.on('exit', () => (helper.alive = false));
      this.helpers.push(helper);
    }
  }

  run(
    module: object,
    memory: object,
    exports: Record<string, unknown>,
    jobs: KernelJob[],
    out: Float32Array | null,
    scratch: { at: number; bytes: number },
  ): void {
    if (jobs.length > MAX_JOBS) throw new Error(`too many kernel jobs for one call (${jobs.length})`);
    let mod = this.moduleIds.get(module);
    if (!mod) {
      mod = { id: this.moduleIds.size, fns: functionNames(wasmApi(), module) };
      this.moduleIds.set(module, mod);
    }
    if (this.table.length < jobs.length * JOB_INTS) {
      this.table = new Int32Array(new SharedArrayBuffer(Math.max(jobs.length, (this.table.length / JOB_INTS) * 2) * JOB_INTS * 4));
      this.tableId++;
    }
    const outBuffer = out ? (out.buffer as SharedArrayBuffer) : null;
    let outId = -1;
    if (outBuffer) {
      outId = this.outIds.get(outBuffer) ?? this.nextOutId++;
      this.outIds.set(outBuffer, outId);
    }
    // A repeated call shape brings the same jobs array (memoJobs): the table already holds it.
    const offset = out ? out.byteOffset >> 2 : 0;
    const e = this.encoded;
    if (!e || e.jobs !== jobs || e.module !== mod.id || e.offset !== offset || e.tableId !== this.tableId) {
      encodeJobs(jobs, mod.fns, this.table, offset);
      this.encoded = { jobs, module: mod.id, offset, tableId: this.tableId };
    }
    // Whatever a helper lacks is posted before the ticket moves: a helper that claims a job reads its messages first.
    for (const h of this.helpers) {
      const msg: Record<string, unknown> = {};
      if (!h.modules.has(mod.id)) {
        Object.assign(msg, { moduleId: mod.id, module, memory });
        h.modules.add(mod.id);
      }
      if (h.table !== this.tableId) {
        Object.assign(msg, { tableId: this.tableId, table: this.table.buffer });
        h.table = this.tableId;
      }
      if (outBuffer && !h.outs.includes(outId)) {
        Object.assign(msg, { outId, out: outBuffer });
        h.outs.push(outId);
        if (h.outs.length > KNOWN_OUTS) h.outs.shift();
      }
      if (Object.keys(msg).length) h.port.postMessage(msg);
    }
    const c = this.ctrl;
    Atomics.store(c, TOTAL, jobs.length);
    Atomics.store(c, DONE, 0);
    Atomics.store(c, FAILED, 0);
    Atomics.store(c, MODULE, mod.id);
    Atomics.store(c, OUT, outId);
    Atomics.store(c, TABLE, this.tableId);
    Atomics.store(c, SCRATCH_AT, scratch.at);
    Atomics.store(c, SCRATCH_BYTES, scratch.bytes);
    this.seq = (this.seq + 1) & 0x7ff;
    Atomics.store(c, TICKET, this.seq << INDEX_BITS);
    if (Atomics.load(c, SLEEPERS) > 0) Atomics.notify(c, TICKET);
    // The caller's share: claim until none is left, as scratch area 0.
    const started = performance.now();
    const fns = mod.fns.map((f) => exports[f] as (...a: number[]) => void);
    const heap = new Float32Array((memory as { buffer: SharedArrayBuffer }).buffer);
    let mine = 0;
    if (this.callerTakesJobs) for (let j = claimJob(c); j >= 0; j = claimJob(c), mine++) runJob(fns, heap, out, this.table, j, scratch.at);
    // Then wait for the jobs helpers took (at most one each, unless a helper was descheduled mid-job).
    const waitFrom = performance.now();
    const deadline = Date.now() + 60_000;
    for (let done = Atomics.load(c, DONE); done + mine < jobs.length; done = Atomics.load(c, DONE)) {
      // A helper that died cannot say so while this thread blocks: give up after a minute rather than hang.
      if (Date.now() > deadline) {
        this.broken = true;
        throw new Error('a conv helper thread stopped answering');
      }
      Atomics.wait(c, DONE, done, 5);
    }
    this.helperJobs += jobs.length - mine;
    const end = performance.now();
    if (end - waitFrom > STALL_MS && end - waitFrom > STALL_SHARE * (end - started)) {
      this.stalledCalls++;
      if (this.backoff && this.sinceStall < RECUR_CALLS) {
        this.backoffUntil = end + this.backoffMs;
        this.backoffMs = Math.min(MAX_BACKOFF_MS, 2 * this.backoffMs);
      }
      this.sinceStall = 0;
    } else {
      this.sinceStall++;
      if (this.sinceStall >= RECUR_CALLS) this.backoffMs = BACKOFF_MS;
    }
    if (Atomics.load(c, FAILED)) throw new Error(`a conv helper thread failed: ${this.failures.shift() ?? 'unknown error'}`);
  }

  /** Stops the helpers (tests; a host normally leaves them to exit with the process). */
  async close(): Promise<void> {
    installParallelPool(null);
    await Promise.all(this.helpers.map((h) => h.worker.terminate()));
    this.helpers = [];
  }
}

/** Installs a pool of helper threads for big convolutions (the host, the training worker and the bench call this). */
export function installConvPool(size?: number, options?: PoolOptions): ConvPool {
  const pool = new ConvPool(size, options);
  installParallelPool(pool);
  return pool;
}
