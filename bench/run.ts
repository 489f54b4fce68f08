// `npm run bench`: W1–W4 on our engine next to tfjs-cpu, tfjs-wasm and (if installed) PyTorch, in one run, with ratios.
// Flags: --json [file] writes the figures as JSON (default bench/results/latest.json); --quick uses fewer runs.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { W2, W3, W4, convFlops, engineConvForward, engineConvForwardBackward, engineTrain } from './engine-workloads';
import { type Timing, formatMs, formatRatio, markdownTable, measure } from './stats';
import { type TfBackend, tfConvForward, tfConvForwardBackward, tfTrain, useBackend } from './tfjs-workloads';

type Peer = 'tfjs-cpu' | 'tfjs-wasm' | 'pytorch';
type WorkloadId = 'W1' | 'W2' | 'W3' | 'W4';
interface Row {
  id: WorkloadId;
  title: string;
  unit: 'ms' | 'us';
  ours: number;
  peers: Record<Peer, number | null>;
  notes: Partial<Record<Peer, string>>;
  gflops?: Partial<Record<Peer | 'ours', number>>;
}

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const jsonIdx = args.indexOf('--json');
const jsonPath =
  jsonIdx >= 0 ? (args[jsonIdx + 1] && !args[jsonIdx + 1].startsWith('--') ? args[jsonIdx + 1] : 'bench/results/latest.json') : null;
const RUNS = quick ? 3 : 7;
const SLOW = { warmup: 1, runs: quick ? 2 : 5 }; // peers that take seconds per run

const WORKLOADS: { id: WorkloadId; title: string; unit: 'ms' | 'us' }[] = [
  { id: 'W1', title: "W1 tutorial's 500-step training run", unit: 'ms' },
  { id: 'W2', title: 'W2 conv2d fwd 1×3×224×224 ⊛ 64×3×3×3, p1', unit: 'ms' },
  { id: 'W3', title: 'W3 conv2d fwd+bwd 8×16×32×32 ⊛ 32×16×3×3, p1', unit: 'ms' },
  { id: 'W4', title: 'W4 conv2d 1×1×64×64 ⊛ 3×3, p1 (hover)', unit: 'us' },
];

function timeOurs(id: WorkloadId): Timing {
  // W1 calls each op only 500 times per run: V8 needs ~8 runs to finish tiering (runs 1–3 take 2.5–7× the steady time).
  if (id === 'W1') return measure(engineTrain, { warmup: 10, runs: RUNS });
  if (id === 'W2') return measure(engineConvForward(W2), { warmup: 3, runs: RUNS });
  if (id === 'W3') return measure(engineConvForwardBackward(W3), { warmup: 3, runs: RUNS });
  return measure(engineConvForward(W4), { warmup: 200, runs: RUNS, calls: 500 });
}

async function timeTf(backend: TfBackend, id: WorkloadId): Promise<{ ms: number | null; note?: string }> {
  try {
    const tf = await useBackend(backend);
    const slow = backend === 'cpu' && (id === 'W1' || id === 'W3');
    let t: Timing;
    if (id === 'W1') t = measure(tfTrain(tf), slow ? SLOW : { warmup: 1, runs: RUNS });
    else if (id === 'W2') t = measure(tfConvForward(tf, W2), { warmup: 2, runs: RUNS });
    else if (id === 'W3') t = measure(tfConvForwardBackward(tf, W3), slow ? SLOW : { warmup: 2, runs: RUNS });
    else t = measure(tfConvForward(tf, W4), { warmup: 50, runs: RUNS, calls: 200 });
    return { ms: t.ms };
  } catch (err) {
    const msg = err instanceof Error ? err.message.split('\n')[0] : String(err);
    return {
      ms: null,
      note: /not registered|not supported|kernel/i.test(msg) ? `unsupported (${msg.slice(0, 60)})` : `failed (${msg.slice(0, 60)})`,
    };
  }
}

function timePyTorch(): { figures: Partial<Record<WorkloadId, number>>; version?: string; note?: string } {
  const script = path.join(__dirname, 'pytorch_workloads.py');
  const res = spawnSync('/usr/bin/python3', [script, quick ? '1' : '2', String(RUNS)], {
    encoding: 'utf8',
    timeout: 300_000,
    env: { ...process.env, OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
  });
  if (res.error || res.status !== 0) return { figures: {}, note: 'PyTorch: not installed' };
  try {
    const out = JSON.parse(res.stdout.trim().split('\n').pop() ?? '{}');
    if (out.error) return { figures: {}, note: 'PyTorch: not installed' };
    return { figures: out, version: out.version };
  } catch {
    return { figures: {}, note: 'PyTorch: not installed' };
  }
}

function cpuModel(): string {
  try {
    const m = /model name\s*:\s*(.*)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) return m[1].trim();
  } catch {
    /* not Linux */
  }
  return os.cpus()[0]?.model ?? 'unknown CPU';
}

async function main(): Promise<void> {
  const machine = `${os.cpus().length} cores, ${cpuModel()}, Node ${process.versions.node}`;
  console.log(`Tensor Lens bench — ${new Date().toISOString().slice(0, 10)} — ${machine}${quick ? ' (quick)' : ''}\n`);
  const rows: Row[] = WORKLOADS.map((w) => ({
    ...w,
    ours: timeOurs(w.id).ms,
    peers: { 'tfjs-cpu': null, 'tfjs-wasm': null, pytorch: null },
    notes: {},
  }));
  for (const backend of ['cpu', 'wasm'] as const) {
    for (const row of rows) {
      const r = await timeTf(backend, row.id);
      row.peers[`tfjs-${backend}`] = r.ms;
      if (r.note) row.notes[`tfjs-${backend}`] = r.note;
    }
  }
  const py = timePyTorch();
  for (const row of rows) {
    row.peers.pytorch = py.figures[row.id] ?? null;
    if (py.note) row.notes.pytorch = py.note;
  }
  const w2 = rows.find((r) => r.id === 'W2')!;
  const flops = convFlops(W2.input, W2.weight);
  w2.gflops = { ours: flops / (w2.ours * 1e6) };
  for (const p of ['tfjs-cpu', 'tfjs-wasm', 'pytorch'] as const) if (w2.peers[p]) w2.gflops[p] = flops / (w2.peers[p]! * 1e6);

  const cell = (row: Row, p: Peer | 'ours') => {
    const ms = p === 'ours' ? row.ours : row.peers[p];
    if (ms === null) return row.notes[p as Peer]?.startsWith('unsupported') ? 'unsupported' : p === 'pytorch' ? 'not installed' : 'failed';
    const g = row.gflops?.[p];
    return `${formatMs(ms, row.unit)}${g ? ` (${g.toFixed(1)} GFLOP/s)` : ''}`;
  };
  const table = markdownTable(
    ['workload', 'Tensor Lens', 'tfjs-cpu', 'tfjs-wasm', 'PyTorch 1 thread', '× vs tfjs-cpu', '× vs tfjs-wasm', '× vs PyTorch'],
    rows.map((r) => [
      r.title,
      cell(r, 'ours'),
      cell(r, 'tfjs-cpu'),
      cell(r, 'tfjs-wasm'),
      cell(r, 'pytorch'),
      formatRatio(r.peers['tfjs-cpu'], r.ours),
      formatRatio(r.peers['tfjs-wasm'], r.ours),
      formatRatio(r.peers.pytorch, r.ours),
    ]),
  );
  console.log(table);
  if (py.note) console.log(`\n${py.note}`);
  for (const r of rows) for (const [p, note] of Object.entries(r.notes)) if (p !== 'pytorch') console.log(`${r.id} ${p}: ${note}`);
  console.log(
    `\nMedians of ${RUNS} runs after warm-up (slow peers: ${SLOW.runs}); "× vs" = peer time / our time (higher is better for us).`,
  );
  if (jsonPath) {
    fs.mkdirSync(path.dirname(path.resolve(jsonPath)), { recursive: true });
    const json = {
      date: new Date().toISOString(),
      machine,
      node: process.versions.node,
      pytorch: py.version ?? null,
      quick,
      workloads: rows.map((r) => ({
        id: r.id,
        title: r.title,
        unit: r.unit,
        oursMs: r.ours,
        peersMs: r.peers,
        notes: r.notes,
        gflops: r.gflops ?? null,
        speedup: Object.fromEntries(Object.entries(r.peers).map(([p, ms]) => [p, ms === null ? null : ms / r.ours])),
      })),
      table,
    };
    fs.writeFileSync(jsonPath, JSON.stringify(json, null, 2));
    console.log(`Wrote ${jsonPath}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
