// Runner for our engine, bundled by bench/build.ts the way esbuild.mjs bundles the extension (production, minified).
import * as path from 'node:path';
import { type ConvPool, installConvPool } from '../../src/workers/conv-pool';
import { w7Workload } from '../w7';
import { ENGINE } from '../workloads';
import { type Factory, type Workload, serve } from './serve';

// --all-cores: big convolutions split across helper threads, as in the training worker. W7 drives the shipped training
// worker (which always uses its pool), so it runs in the single-thread runners only, not a second time here.
const allCores = process.argv.includes('--all-cores');
const pool = allCores ? installConvPool() : null;

/** With the pool: each sample also reports the share of jobs the helpers ran and the calls that stood aside after a stall. */
function withPoolStats(p: ConvPool, make: () => () => number): Factory {
  return async () => {
    // The warm-up (tens of ms) is shorter than a helper's start: wait for the helpers (up to 5 s), so no sample runs on one
    // thread for want of them.
    for (const until = Date.now() + 5000; p.readyHelpers() < p.threads() - 1 && Date.now() < until;)
      await new Promise((r) => setTimeout(r, 5));
    const fn = make() as Workload;
    const own = fn.stats;
    let jobs = p.helperJobs,
      stalls = p.stalledCalls;
    fn.stats = () => {
      const s = { ...own?.(), helperJobs: p.helperJobs - jobs, stalledCalls: p.stalledCalls - stalls };
      jobs = p.helperJobs;
      stalls = p.stalledCalls;
      return s;
    };
    return fn;
  };
}

serve(
  'tensor-lens',
  pool
    ? Object.fromEntries(Object.entries(ENGINE).map(([id, make]) => [id, withPoolStats(pool, make)]))
    : { ...ENGINE, W7: () => w7Workload(path.join(__dirname, 'training-worker.js')) },
);
