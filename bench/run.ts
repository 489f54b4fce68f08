// `npm run bench`: W1–W7 on the shipped (esbuild production) bundle of our engine and on every peer, in interleaved rounds.
// Flags: --quick (5 rounds, shorter samples), --relaxed-simd (adds our engine under node --experimental-wasm-relaxed-simd),
// --all-cores (adds our engine with its helper-thread pool), --only W2,W3 (a subset), --engines ours,onnxruntime (a subset of
// the engines, to see how one affects another), --json [file] (default bench/results/latest.json; always written unless --no-json).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BUILD_DIR, buildCReference, buildRunners } from './build';
import { ensurePeers } from './peers';
import { cpuModel, describeMachine, machineInfo, withoutOpenblas } from './machine';
import { Runner } from './runners/client';
import { markdownTable, median } from './stats';
import { W7_STEPS } from './w7';
import { FLOPS, WORKLOADS, type WorkloadId } from './workloads';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const relaxed = args.includes('--relaxed-simd');
const allCores = args.includes('--all-cores');
const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : null;
const engineIds = args.includes('--engines') ? args[args.indexOf('--engines') + 1].split(',') : null;
const jsonArg = args.indexOf('--json');
const jsonPath = args.includes('--no-json')
  ? null
  : jsonArg >= 0 && args[jsonArg + 1] && !args[jsonArg + 1].startsWith('--')
    ? args[jsonArg + 1]
    : 'bench/results/latest.json';
/** Rounds of A B C … (one sample of each engine per round), and the length of one sample. */
const ROUNDS = quick ? 5 : 9;
const SAMPLE_MS = quick ? 20 : 50;
/** An engine whose warm call takes longer than this is left out of that workload's rounds (same rule for every engine). */
const SLOW_CALL_MS = quick ? 5_000 : 15_000;

interface EngineDef {
  id: string;
  label: string;
  ours: boolean;
  /** A JavaScript peer (the best of them is W2's target); PyTorch and the C reference are not. */
  js?: boolean;
  start: () => Runner;
}

const node = process.execPath;
const js = (file: string) => path.join(BUILD_DIR, file);
const ALL_ENGINES: EngineDef[] = [
  { id: 'ours', label: 'Tensor Lens', ours: true, start: () => new Runner('ours', node, [js('engine.js')]) },
  ...(relaxed
    ? [
        {
          id: 'ours-relaxed',
          label: 'Tensor Lens (relaxed SIMD)',
          ours: true,
          start: () => new Runner('ours-relaxed', node, ['--experimental-wasm-relaxed-simd', js('engine.js')]),
        },
      ]
    : []),
  ...(allCores
    ? [
        {
          id: 'ours-all-cores',
          label: `Tensor Lens (all cores${relaxed ? ', relaxed SIMD' : ''})`,
          ours: true,
          start: () =>
            new Runner('ours-all-cores', node, [...(relaxed ? ['--experimental-wasm-relaxed-simd'] : []), js('engine.js'), '--all-cores']),
        },
      ]
    : []),
  { id: 'tfjs-cpu', label: 'tfjs-cpu', ours: false, js: true, start: () => new Runner('tfjs-cpu', node, [js('tfjs.js'), 'cpu']) },
  { id: 'tfjs-wasm', label: 'tfjs-wasm', ours: false, js: true, start: () => new Runner('tfjs-wasm', node, [js('tfjs.js'), 'wasm']) },
  {
    id: 'onnxruntime',
    label: 'onnxruntime-node 1 thread',
    ours: false,
    js: true,
    start: () => new Runner('onnxruntime', node, [js('onnxruntime.js')]),
  },
  ...[1, 2].map((t) => ({
    id: `pytorch-${t}t`,
    label: `PyTorch ${t} thread${t > 1 ? 's' : ''}`,
    ours: false,
    start: () =>
      new Runner(`pytorch-${t}t`, '/usr/bin/python3', [path.join(__dirname, 'pytorch_workloads.py'), String(t)], {
        ...withoutOpenblas(),
        OMP_NUM_THREADS: String(t),
        MKL_NUM_THREADS: String(t),
      }),
  })),
];

// With --all-cores, W2 and W3 in C with 128-bit SIMD on 1 and 2 threads (runners/c128.c) measure, in the same rounds, what a second
// core can gain on this machine at that moment: the reference for the all-cores target.
const cReference = allCores ? buildCReference() : null;
if (cReference && 'binary' in cReference) {
  for (const t of [1, 2]) {
    ALL_ENGINES.push({
      id: `c128-${t}t`,
      label: `C 128-bit SIMD ${t} thread${t > 1 ? 's' : ''} (W2, W3 reference)`,
      ours: false,
      start: () => new Runner(`c128-${t}t`, cReference.binary, [String(t)]),
    });
  }
}
const ENGINES = ALL_ENGINES.filter((e) => !engineIds || engineIds.includes(e.id));

interface Result {
  samples: number[];
  /** Per sample, what the runner's workload reported besides its time (W7: hostStallMs). */
  stats?: Record<string, number>[];
  calls?: number;
  warmupCalls?: number;
  note?: string;
}
/** Median, min and max of the per-round samples (each the median of its calls) and their spread, max / min. */
const summary = (r: Result | undefined) =>
  r?.samples.length
    ? {
        median: median(r.samples),
        min: Math.min(...r.samples),
        max: Math.max(...r.samples),
        spread: Math.max(...r.samples) / Math.min(...r.samples),
      }
    : null;

type Unit = 'ms' | 'us' | 'steps';
/** W7's time per call (a run of W7_STEPS steps) as steps per second. */
const stepsPerSecond = (ms: number) => (W7_STEPS * 1000) / ms;

function fmt(ms: number, unit: Unit): string {
  if (unit === 'steps') return `${stepsPerSecond(ms).toFixed(stepsPerSecond(ms) >= 10 ? 1 : 2)} steps/s`;
  if (unit === 'us') return `${(ms * 1000).toFixed(ms * 1000 >= 100 ? 0 : 1)} µs`;
  return ms >= 100 ? `${ms.toFixed(0)} ms` : ms >= 10 ? `${ms.toFixed(1)} ms` : `${ms.toFixed(2)} ms`;
}
const bare = (ms: number, unit: Unit) => fmt(ms, unit).replace(/ (ms|µs|steps\/s)$/, '');
/** min–max in display order (for steps/s the shortest time is the highest rate). */
const range = (s: { min: number; max: number }, unit: Unit) =>
  unit === 'steps' ? `${bare(s.max, unit)}–${bare(s.min, unit)}` : `${bare(s.min, unit)}–${bare(s.max, unit)}`;

/** Effective rate of a call of `ms` on workload `id`: the arithmetic it asks for (FLOPS) over its time. */
const gflops = (id: WorkloadId, ms: number) => FLOPS[id] / ms / 1e6;

async function main(): Promise<void> {
  const machine = `${os.cpus().length} cores, ${cpuModel()}, Node ${process.versions.node}`;
  console.log(`Tensor Lens bench — ${new Date().toISOString()} — ${machine}${quick ? ' (quick)' : ''}`);
  console.log(
    `load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}; building the runners (esbuild, production) …`,
  );
  ensurePeers();
  const info = machineInfo();
  console.log(`machine: ${describeMachine(info)}`);
  await buildRunners();
  const runners = new Map<string, Runner>();
  const versions: Record<string, string> = {};
  for (const e of ENGINES) {
    const r = e.start();
    const hello = await r.next(60_000);
    runners.set(e.id, r);
    versions[e.id] = hello.error ?? String(hello.ready ?? '');
  }
  const workloads = WORKLOADS.filter((w) => !only || only.includes(w.id));
  const results: Record<WorkloadId, Record<string, Result>> = {} as never;
  try {
    for (const w of workloads) {
      const res: Record<string, Result> = {};
      results[w.id] = res;
      // W7's call is a whole training run (several seconds by design): its limit is 4 × the others'.
      const slowMs = w.unit === 'steps' ? 4 * SLOW_CALL_MS : SLOW_CALL_MS;
      // Warm-up: every engine by the same rule (see runners/serve.ts), each picking how many calls make one sample.
      for (const e of ENGINES) {
        // A runner stopped after a timeout starts afresh for the next workload.
        if (!runners.get(e.id)!.running) {
          const fresh = e.start();
          await fresh.next(60_000);
          runners.set(e.id, fresh);
        }
        // Warm-up has at least one call: one that does not finish within 4 × the slow-call limit is cut off.
        const r = await runners.get(e.id)!.request({ op: 'setup', id: w.id, sampleMs: SAMPLE_MS }, 4 * slowMs + 10_000);
        res[e.id] = { samples: [], calls: r.calls as number | undefined, warmupCalls: r.warmupCalls as number | undefined };
        if (r.unsupported) res[e.id].note = 'n/a';
        else if (r.timedOut) res[e.id].note = `too slow: no call finished within ${(4 * slowMs + 10_000) / 1000} s`;
        else if (r.error && /not registered for backend/.test(r.error)) res[e.id].note = `unsupported: ${r.error.slice(0, 120)}`;
        else if (r.error) res[e.id].note = `failed: ${r.error.slice(0, 120)}`;
        else if ((r.warmMs as number) > slowMs)
          res[e.id].note = `too slow: ${((r.warmMs as number) / 1000).toFixed(1)} s per call (limit ${slowMs / 1000} s)`;
      }
      const live = ENGINES.filter((e) => !res[e.id].note);
      // Interleaved rounds: A B C … A B C …, so a noisy moment of the machine hits every engine alike.
      for (let round = 0; round < ROUNDS; round++) {
        for (const e of live) {
          if (res[e.id].note) continue;
          const r = await runners.get(e.id)!.request({ op: 'sample', id: w.id, calls: res[e.id].calls });
          if (r.error) res[e.id].note = `failed: ${r.error.slice(0, 120)}`;
          else if (typeof r.ms !== 'number' || !Number.isFinite(r.ms)) res[e.id].note = `failed: bad reply ${JSON.stringify(r)}`;
          else {
            res[e.id].samples.push(r.ms);
            if (r.stats) (res[e.id].stats ??= []).push(r.stats as Record<string, number>);
          }
        }
      }
      const line = ENGINES.map((e) => {
        const s = summary(res[e.id]);
        return `${e.id} ${s ? fmt(s.median, w.unit) : res[e.id].note}`;
      }).join(' · ');
      console.log(`${w.id}: ${line}`);
    }
  } finally {
    for (const r of runners.values()) r.stop();
  }

  const peers = ENGINES.filter((e) => !e.ours);
  const ourEngines = ENGINES.filter((e) => e.ours);
  const rows = workloads.map((w) => {
    const res = results[w.id];
    // The issue's targets: W2 against the best JavaScript peer, W3/W6 against PyTorch on one thread; both are given.
    const best = peers
      .filter((p) => p.js)
      .map((p) => ({ p, s: summary(res[p.id]) }))
      .filter((x) => x.s)
      .sort((a, b) => a.s!.median - b.s!.median)[0];
    const torch1 = summary(res['pytorch-1t']);
    const cells = ENGINES.map((e) => {
      const s = summary(res[e.id]);
      if (s) return `${fmt(s.median, w.unit)} (${range(s, w.unit)}) ×${s.spread.toFixed(2)}`;
      const note = res[e.id].note ?? '—';
      if (note.startsWith('unsupported')) return 'unsupported*';
      return note.startsWith('failed') ? 'failed*' : note.startsWith('too slow') ? 'too slow*' : note;
    });
    const ratios = ourEngines.flatMap((o) => {
      const s = summary(res[o.id]);
      return [
        s && best ? `${(best.s!.median / s.median).toFixed(2)}× (${best.p.label})` : '—',
        s && torch1 ? `${(torch1.median / s.median).toFixed(2)}×` : '—',
      ];
    });
    // All cores against our single thread of the same flavour (relaxed when measured), from this run's medians.
    const single = summary(res[relaxed ? 'ours-relaxed' : 'ours']),
      pooled = allCores ? summary(res['ours-all-cores']) : null;
    const speedup = single && pooled ? single.median / pooled.median : null;
    // The same from the computation alone (conv workloads time it without the single-threaded read-back the harness adds).
    const computeOf = (id: string) => {
      const v = (res[id]?.stats ?? []).map((st) => st.computeMs).filter((x) => x !== undefined);
      return v.length ? median(v) : null;
    };
    const singleCompute = computeOf(relaxed ? 'ours-relaxed' : 'ours'),
      pooledCompute = allCores ? computeOf('ours-all-cores') : null;
    const computeSpeedup = singleCompute && pooledCompute ? singleCompute / pooledCompute : null;
    const c1 = summary(res['c128-1t'] ?? { samples: [] }),
      c2 = summary(res['c128-2t'] ?? { samples: [] });
    const cSpeedup = c1 && c2 ? c1.median / c2.median : null;
    const stalls = ourEngines.flatMap((o) => (res[o.id].stats ?? []).map((st) => st.hostStallMs)).filter((v) => v !== undefined);
    const hostStallMs = stalls.length ? Math.max(...stalls) : null;
    // Effective GFLOP/s of each of our engines and of PyTorch on one thread, from the medians.
    const rates = [...ourEngines.map((o) => summary(res[o.id])), torch1].map((s) => (s ? gflops(w.id, s.median).toFixed(1) : '—'));
    return { w, best, torch1, cells, ratios, speedup, computeSpeedup, cSpeedup, hostStallMs, rates };
  });
  const header = [
    'workload',
    ...ENGINES.map((e) => e.label),
    ...ourEngines.flatMap((o) => [`${o.label}: × best JS peer`, `${o.label}: × PyTorch 1 thread`]),
    ...(allCores ? ['all cores ÷ one thread'] : []),
    'largest host stall',
    `GFLOP/s (${[...ourEngines.map((o) => o.label), 'PyTorch 1 thread'].join(' / ')})`,
  ];
  const table = markdownTable(
    header,
    rows.map((r) => [
      r.w.title,
      ...r.cells,
      ...r.ratios,
      ...(allCores
        ? [
            r.speedup
              ? `${r.speedup.toFixed(2)}×${r.computeSpeedup ? ` (compute ${r.computeSpeedup.toFixed(2)}×)` : ''}` +
                `${r.cSpeedup ? `; C ${r.cSpeedup.toFixed(2)}×` : ''}`
              : '—',
          ]
        : []),
      r.hostStallMs === null ? '' : `${r.hostStallMs.toFixed(0)} ms`,
      r.rates.join(' / '),
    ]),
  );
  console.log(`\n${table}\n`);
  console.log(
    `Median (min–max) ×spread over ${ROUNDS} interleaved rounds: each round's sample is the median of ≈ ${SAMPLE_MS} ms of calls ` +
      `(at least one) after the same warm-up for every engine; spread = max / min of those per-round medians. Every engine ` +
      `reads its outputs back. "× best JS peer" = the fastest JavaScript peer's median / ours, "× PyTorch 1 thread" likewise ` +
      `(above 1: we are faster). W7: one call = one Train ` +
      `press (${W7_STEPS} steps of batch 64) in the training worker; largest host stall = the Training view's stall probe. ` +
      `"compute": the same ratio without the read-back (the harness's single-threaded sum of the outputs); "C": the workload in C ` +
      `with 128-bit SIMD, 2 threads ÷ 1 thread, from the same rounds.`,
  );
  // W8 also reports each runner's peak resident memory (the explorer keeps every step's output as float32 once).
  if (results.W8) {
    const peaks = ENGINES.map((e) => ({ e, v: (results.W8[e.id]?.stats ?? []).map((st) => st.peakRssMB).filter((x) => x !== undefined) }))
      .filter((x) => x.v.length)
      .map((x) => `${x.e.label} ${Math.max(...x.v).toFixed(0)} MB`);
    if (peaks.length) console.log(`W8 peak resident memory of each runner process: ${peaks.join(', ')}`);
  }
  for (const w of workloads)
    for (const e of ENGINES) {
      const note = results[w.id][e.id].note;
      if (note && note !== 'n/a') console.log(`  * ${w.id} ${e.id}: ${note}`);
    }
  console.log(`GFLOP/s: the workload's arithmetic (2 per multiply-add) over the median call; ${describeMachine(info)}.`);
  console.log('n/a: the engine has no such operation (onnxruntime-node runs inference only; the C reference runs W2 and W3 only).');
  if (cReference && 'error' in cReference) console.log(`  (no C reference: ${cReference.error})`);
  for (const [id, v] of Object.entries(versions)) console.log(`  ${id}: ${v}`);
  if (jsonPath) {
    fs.mkdirSync(path.dirname(path.resolve(jsonPath)), { recursive: true });
    const json = {
      date: new Date().toISOString(),
      machine,
      machineInfo: info,
      loadavg: os.loadavg(),
      quick,
      rounds: ROUNDS,
      sampleMs: SAMPLE_MS,
      engines: ENGINES.map((e) => ({ id: e.id, label: e.label, ours: e.ours, version: versions[e.id] })),
      cReference: cReference && 'error' in cReference ? cReference.error : (cReference?.binary ?? null),
      workloads: rows.map(({ w, best, torch1, speedup, computeSpeedup, cSpeedup, hostStallMs }) => ({
        id: w.id,
        allCoresSpeedup: speedup,
        allCoresComputeSpeedup: computeSpeedup,
        cReferenceSpeedup: cSpeedup,
        hostStallMs,
        title: w.title,
        unit: w.unit,
        bestJsPeer: best?.p.id ?? null,
        engines: Object.fromEntries(
          ENGINES.map((e) => {
            const r = results[w.id][e.id];
            const s = summary(r);
            return [
              e.id,
              {
                ...s,
                ...(s ? { gflops: gflops(w.id, s.median) } : {}),
                ...(w.unit === 'steps' && s ? { stepsPerSecond: stepsPerSecond(s.median) } : {}),
                samplesMs: r.samples,
                ...(r.stats ? { sampleStats: r.stats } : {}),
                callsPerSample: r.calls,
                warmupCalls: r.warmupCalls,
                note: r.note ?? null,
              },
            ];
          }),
        ),
        timesBestJsPeer: Object.fromEntries(
          ourEngines.map((o) => {
            const s = summary(results[w.id][o.id]);
            return [o.id, s && best ? best.s!.median / s.median : null];
          }),
        ),
        timesPyTorch1t: Object.fromEntries(
          ourEngines.map((o) => {
            const s = summary(results[w.id][o.id]);
            return [o.id, s && torch1 ? torch1.median / s.median : null];
          }),
        ),
      })),
      table,
    };
    fs.writeFileSync(jsonPath, `${JSON.stringify(json, null, 2)}\n`);
    console.log(`Wrote ${jsonPath}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
