// The all-cores interface: the engine splits a big convolution into kernel calls on one shared WebAssembly memory and hands
// groups of them to helper threads. Core code cannot start threads (no worker_threads here): a host installs a pool
// (src/workers/conv-pool.ts); without one, or while its helpers are still starting, everything runs on the calling thread.

/** One exported kernel call (none if `fn` is empty), then optionally rows copied from wasm memory (float index `from`) into the call's output array. */
export interface KernelJob {
  fn: string;
  args: number[];
  /** [to, from, rows, len, fromStride, toStride] in floats. */
  copy?: [number, number, number, number, number, number];
}

export interface ParallelPool {
  /** Helper threads ready now; the first call starts them and returns 0 (never waits for a start-up). */
  readyHelpers(): number;
  /**
   * Runs groups[1…] on helpers (each instantiates `module` over the shared `memory`) while the caller runs groups[0] with
   * `runLocal`; returns once every group is done. `out` (SharedArrayBuffer-backed, or null) receives the jobs' copies.
   */
  run(module: object, memory: object, groups: KernelJob[][], out: Float32Array | null, runLocal: (jobs: KernelJob[]) => void): void;
}

let pool: ParallelPool | null = null;

/** Installs (or with null removes) the pool big convolutions use. */
export function installParallelPool(p: ParallelPool | null): void {
  pool = p;
}

/** Multiply-adds above which a convolution is worth splitting (below, handing out work costs more than it saves). */
export const PARALLEL_MIN_MACS = 4_000_000;
let minMacs = PARALLEL_MIN_MACS;
let splits = 0;

/** Changes the threshold (tests send every golden through the split path with 0). */
export function setParallelThreshold(macs: number): void {
  minMacs = macs;
}

/** How many calls were split across threads so far (tests prove the split path ran). */
export function parallelRuns(): number {
  return splits;
}

/** The pool and how many threads (caller included) a call of `macs` multiply-adds should use; null for one thread. */
export function parallelFor(macs: number): { pool: ParallelPool; threads: number } | null {
  if (!pool || macs < minMacs || typeof SharedArrayBuffer !== 'function') return null;
  const helpers = pool.readyHelpers();
  return helpers > 0 ? { pool, threads: helpers + 1 } : null;
}

/** Counts one split call (the drivers call it). */
export function noteSplit(): void {
  splits++;
}

/** Runs one group of jobs against a kernel instance's exports and its memory's floats (the caller's share of a split call). */
export function runJobs(exports: Record<string, unknown>, heap: Float32Array, jobs: KernelJob[], out: Float32Array | null): void {
  for (const job of jobs) {
    if (job.fn) (exports[job.fn] as (...a: number[]) => void)(...job.args);
    if (!job.copy || !out) continue;
    const [to, from, rows, len, fromStride, toStride] = job.copy;
    for (let r = 0; r < rows; r++) out.set(heap.subarray(from + r * fromStride, from + r * fromStride + len), to + r * toStride);
  }
}
