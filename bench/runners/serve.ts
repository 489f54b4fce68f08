// The bench's runner protocol (one JSON request per stdin line, one JSON reply per stdout line), shared by every JS engine.
// The same warm-up and sampling rules are implemented for PyTorch in bench/pytorch_workloads.py.
import { performance } from 'node:perf_hooks';
import * as readline from 'node:readline';

/** One call; `stats` (optional) reports extra figures about the calls of the last sample (W7: the host's largest stall). */
export type Workload = (() => number | Promise<number>) & { stats?: () => Record<string, number> };
export type Factory = () => Workload | Promise<Workload>;

/** Warm-up: calls until the last 3 are within 10% of their median (at least 3 calls), capped at 3 s or 500 calls. */
export const WARMUP = { stableWindow: 3, tolerance: 0.1, maxMs: 3000, maxCalls: 500 };

export type Request = { op: 'setup'; id: string; sampleMs: number } | { op: 'sample'; id: string; calls: number } | { op: 'quit' };

/** The median of `calls` calls, each timed alone (a GC pause or a descheduled moment moves one call, not the sample). */
async function time(fn: Workload, calls: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Warms fn up by the shared rule; returns how many calls make one sample of about sampleMs. */
async function warmUp(fn: Workload, sampleMs: number): Promise<{ calls: number; warmupCalls: number; warmMs: number }> {
  const times: number[] = [];
  const start = performance.now();
  for (;;) {
    times.push(await time(fn, 1));
    const last = times.slice(-WARMUP.stableWindow);
    const m = median(last);
    const stable = last.length === WARMUP.stableWindow && last.every((t) => Math.abs(t - m) <= WARMUP.tolerance * m);
    if (stable || performance.now() - start > WARMUP.maxMs || times.length >= WARMUP.maxCalls) {
      return { calls: Math.max(1, Math.round(sampleMs / Math.max(m, 1e-3))), warmupCalls: times.length, warmMs: m };
    }
  }
}

/** Serves the protocol on stdin/stdout for the given workloads (missing ids answer `unsupported`). */
export function serve(engine: string, factories: Partial<Record<string, Factory>>): void {
  const ready = new Map<string, Workload>();
  const rl = readline.createInterface({ input: process.stdin });
  const reply = (o: object): void => void process.stdout.write(`${JSON.stringify(o)}\n`);
  let queue = Promise.resolve();
  rl.on('line', (line) => {
    queue = queue.then(async () => {
      const req = JSON.parse(line) as Request;
      try {
        if (req.op === 'quit') process.exit(0);
        if (req.op === 'setup') {
          const factory = factories[req.id];
          if (!factory) return reply({ unsupported: `${engine} has no ${req.id}` });
          const fn = await factory();
          ready.set(req.id, fn);
          const warm = await warmUp(fn, req.sampleMs);
          fn.stats?.(); // the first sample's figures start after the warm-up
          return reply(warm);
        }
        const fn = ready.get(req.id);
        if (!fn) return reply({ error: `${req.id} was not set up` });
        const ms = await time(fn, req.calls);
        reply(fn.stats ? { ms, stats: fn.stats() } : { ms });
      } catch (e) {
        reply({ error: e instanceof Error ? e.message.split('\n')[0] : String(e) });
      }
    });
  });
  reply({ ready: engine, node: process.versions.node });
}
