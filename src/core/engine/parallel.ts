// The all-cores interface: the engine splits a big convolution into kernel calls on one shared WebAssembly memory, and every
// thread (the caller and the pool's helpers) claims those jobs one at a time from a shared table until none is left. Core code
// cannot start threads (no worker_threads here): a host installs a pool (src/workers/conv-pool.ts); without one, or while its
// helpers are still starting, everything runs on the calling thread.
//
// Why claiming, not a fixed share per thread: on a machine whose other core is busy (another process, a late wake-up), a
// fixed half would make the caller wait for the slow thread; with claiming the caller simply takes the remaining jobs.

/** One exported kernel call (none if `fn` is empty), then rows copied from wasm memory into the call's output array. */
export interface KernelJob {
  fn: string;
  args: number[];
  /** Index of the argument that is a byte offset into the running thread's own scratch area (its base is added at run time). */
  scratchArg?: number;
  /** Up to 4 row copies [to, from, rows, len, fromStride, toStride] in floats; `from` is scratch-relative when scratchArg is set. */
  copies?: [number, number, number, number, number, number][];
}

export interface ParallelPool {
  /** Helper threads ready now; the first call starts them and returns 0 (never waits for a start-up). */
  readyHelpers(): number;
  /** Every thread that may take part in a call (the caller and each helper started): how many scratch areas a call needs. */
  threads(): number;
  /**
   * Runs every job once, spread over the caller and the helpers (each helper instantiates `module` over the shared `memory`);
   * returns once all are done. `out` (SharedArrayBuffer-backed, or null) receives the jobs' copies; thread t's scratch area
   * starts at byte `scratch.at + t · scratch.bytes`.
   */
  run(
    module: object,
    memory: object,
    exports: Record<string, unknown>,
    jobs: KernelJob[],
    out: Float32Array | null,
    scratch: { at: number; bytes: number },
  ): void;
}

let pool: ParallelPool | null = null;

/** Installs (or with null removes) the pool big convolutions use. */
export function installParallelPool(p: ParallelPool | null): void {
  pool = p;
}

/** Multiply-adds above which a convolution is worth splitting (below, handing out work costs more than it saves). */
export const PARALLEL_MIN_MACS = 4_000_000;
/**
 * Multiply-adds per output below which a forward is not split: with few (W5's Sobel: 9) the tiles are bound by memory,
 * where a second thread gains little and the copy into shared memory costs more (W5 split ran slower than one thread).
 */
export const PARALLEL_MIN_TAPS = 16;
let minMacs = PARALLEL_MIN_MACS;
let minTaps = PARALLEL_MIN_TAPS;
let splits = 0;

/** Changes the thresholds (tests send every golden through the split path with 0, 0). */
export function setParallelThreshold(macs: number, taps = macs === 0 ? 0 : PARALLEL_MIN_TAPS): void {
  minMacs = macs;
  minTaps = taps;
}

/** How many calls were split across threads so far (tests prove the split path ran). */
export function parallelRuns(): number {
  return splits;
}

/**
 * The pool and how many threads (caller included) may take part in a call of `macs` multiply-adds, `taps` per output
 * (omitted: no such limit); null for one thread.
 */
export function parallelFor(macs: number, taps = Infinity): { pool: ParallelPool; threads: number } | null {
  if (!pool || macs < minMacs || taps < minTaps || typeof SharedArrayBuffer !== 'function') return null;
  return pool.readyHelpers() > 0 ? { pool, threads: pool.threads() } : null;
}

/** Counts one split call (the drivers call it). */
export function noteSplit(): void {
  splits++;
}

const memo = new Map<string, KernelJob[]>();
/**
 * The jobs of one call shape, built once: repeated calls (a training loop, a series of hovers) reuse the same array, which
 * spares the per-call allocation (fewer garbage collections beside the helpers) and lets the pool skip re-encoding it.
 */
export function memoJobs(key: string, make: () => KernelJob[]): KernelJob[] {
  let jobs = memo.get(key);
  if (!jobs) {
    if (memo.size >= 32) memo.delete(memo.keys().next().value!);
    memo.set(key, (jobs = make()));
  }
  return jobs;
}

/** Ints per job record in the shared table: [fn, scratchArg, nargs, args × 18, ncopies, copies 4 × 6], padded. */
export const JOB_INTS = 48;
const MAX_ARGS = 18;
const MAX_COPIES = 4;

/** Writes `jobs` as records into `table` (fn as an index into `fnNames`; copy targets shifted by `outOffset` floats). */
export function encodeJobs(jobs: KernelJob[], fnNames: string[], table: Int32Array, outOffset: number): void {
  jobs.forEach((job, j) => {
    const b = j * JOB_INTS;
    if (job.args.length > MAX_ARGS || (job.copies?.length ?? 0) > MAX_COPIES) throw new Error('a kernel job is too big to encode');
    const fn = job.fn ? fnNames.indexOf(job.fn) : -1;
    if (job.fn && fn < 0) throw new Error(`no kernel export ${job.fn}`);
    table[b] = fn;
    table[b + 1] = job.scratchArg ?? -1;
    table[b + 2] = job.args.length;
    job.args.forEach((a, i) => (table[b + 3 + i] = a));
    const copies = job.copies ?? [];
    table[b + 21] = copies.length;
    copies.forEach((c, i) => c.forEach((v, k) => (table[b + 22 + i * 6 + k] = k === 0 ? v + outOffset : v)));
  });
}

/**
 * Runs job record `j` of `t` against a kernel instance's functions `fns` and its memory's floats `heap`, with this thread's
 * scratch area at byte `scratch`. Self-contained (no outside names): the pool's helpers run its source text, so helpers and
 * the caller execute jobs identically. Layout as in JOB_INTS.
 */
export function runJob(
  fns: ((...a: number[]) => void)[],
  heap: Float32Array,
  out: Float32Array | null,
  t: Int32Array,
  j: number,
  scratch: number,
): void {
  const b = j * 48;
  const sa = t[b + 1],
    n = t[b + 2];
  if (t[b] >= 0) {
    const args: number[] = [];
    for (let i = 0; i < n; i++) args.push(t[b + 3 + i] + (i === sa ? scratch : 0));
    fns[t[b]](...args);
  }
  if (!out) return;
  const nc = t[b + 21];
  for (let c = 0; c < nc; c++) {
    const q = b + 22 + c * 6;
    const to = t[q],
      from = t[q + 1] + (sa >= 0 ? scratch >> 2 : 0),
      rows = t[q + 2],
      len = t[q + 3],
      fromStride = t[q + 4],
      toStride = t[q + 5];
    if (len === fromStride && len === toStride) out.set(heap.subarray(from, from + rows * len), to);
    else for (let r = 0; r < rows; r++) out.set(heap.subarray(from + r * fromStride, from + r * fromStride + len), to + r * toStride);
  }
}

/** The function exports of a module, in the order both the caller and the helpers index them. */
export function functionNames(api: { Module: { exports(m: object): { name: string; kind: string }[] } }, module: object): string[] {
  return api.Module.exports(module)
    .filter((e) => e.kind === 'function')
    .map((e) => e.name);
}
