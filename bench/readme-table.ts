// Prints bench/README.md's results table from a bench JSON (default: the newest dated file in bench/results/):
// `npx tsx bench/readme-table.ts [file]`.
// Columns as in the README: our three paths, every peer, spread (max/min of per-round medians) of ours, × best JS peer and
// × PyTorch 1 thread.
import * as fs from 'node:fs';
import * as path from 'node:path';

interface EngineResult {
  median?: number;
  min?: number;
  max?: number;
  spread?: number;
  note: string | null;
}
interface Workload {
  id: string;
  title: string;
  unit: 'ms' | 'us' | 'steps';
  bestJsPeer: string | null;
  allCoresSpeedup?: number | null;
  allCoresComputeSpeedup?: number | null;
  cReferenceSpeedup?: number | null;
  hostStallMs?: number | null;
  engines: Record<string, EngineResult>;
  timesBestJsPeer: Record<string, number | null>;
  timesPyTorch1t: Record<string, number | null>;
}

/** The newest published result: bench/results/YYYY-MM-DD.json (latest.json is a run's scratch output, not committed). */
function newestDated(): string {
  const dir = path.join(__dirname, 'results');
  const dated = fs.readdirSync(dir).filter((f) => /^\d{4}-\d{2}-\d{2}\.json$/.test(f));
  if (dated.length === 0) throw new Error(`no dated result in ${dir}`);
  return path.join(dir, dated.sort().at(-1)!);
}

const file = process.argv[2] ?? newestDated();
const json = JSON.parse(fs.readFileSync(file, 'utf8')) as {
  date: string;
  machine: string;
  loadavg: number[];
  quick: boolean;
  rounds: number;
  workloads: Workload[];
};
const W7_STEPS = 10;

function fmt(ms: number, unit: Workload['unit']): string {
  if (unit === 'steps') return `${((W7_STEPS * 1000) / ms).toFixed(2)} steps/s`;
  if (unit === 'us') return `${(ms * 1000).toFixed(ms * 1000 >= 100 ? 0 : 1)} µs`;
  return ms >= 100 ? `${ms.toFixed(0)} ms` : ms >= 10 ? `${ms.toFixed(1)} ms` : `${ms.toFixed(2)} ms`;
}

function cell(w: Workload, id: string): string {
  const r = w.engines[id];
  if (!r) return '—';
  if (r.median === undefined) return r.note === 'n/a' || r.note?.startsWith('unsupported') ? '—' : (r.note?.split(':')[0] ?? '—');
  return fmt(r.median, w.unit);
}

const ours = ['ours', 'ours-relaxed', 'ours-all-cores'];
const peers = ['tfjs-cpu', 'tfjs-wasm', 'onnxruntime', 'pytorch-1t', 'pytorch-2t'];
console.log(
  `${json.quick ? 'quick' : 'full'} run, ${json.rounds} rounds, ${json.date}, ${json.machine}, load average ${json.loadavg.map((l) => l.toFixed(1)).join(' ')}\n`,
);
console.log(
  '| workload | SIMD (min–max) | relaxed | all cores | all cores ÷ relaxed | tfjs-cpu | tfjs-wasm | onnxruntime 1t | PyTorch 1t | PyTorch 2t | spread SIMD / relaxed / all cores | relaxed × best JS peer | relaxed × PyTorch 1t |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const w of json.workloads) {
  const simd = w.engines.ours;
  const range =
    simd?.median === undefined
      ? ''
      : w.unit === 'steps'
        ? ` (${fmt(simd.max!, w.unit).replace(/ .*$/, '')}–${fmt(simd.min!, w.unit).replace(/ .*$/, '')})`
        : ` (${fmt(simd.min!, w.unit).replace(/ .*$/, '')}–${fmt(simd.max!, w.unit).replace(/ .*$/, '')})`;
  const ratio = (r: Record<string, number | null>) => {
    const v = r['ours-relaxed'] ?? r.ours;
    return v ? `${v.toFixed(2)}×` : '—';
  };
  const spreads = ours.map((o) => (w.engines[o]?.spread ? `${w.engines[o].spread!.toFixed(2)}` : '—')).join(' / ');
  const stall = w.hostStallMs != null ? `; host stall ≤ ${Math.ceil(w.hostStallMs)} ms` : '';
  console.log(
    `| ${w.title} | ${cell(w, 'ours')}${range} | ${cell(w, 'ours-relaxed')} | ${cell(w, 'ours-all-cores')} | ${
      w.allCoresSpeedup
        ? `${w.allCoresSpeedup.toFixed(2)}×${w.allCoresComputeSpeedup ? ` (compute ${w.allCoresComputeSpeedup.toFixed(2)}×)` : ''}` +
          `${w.cReferenceSpeedup ? `; C ${w.cReferenceSpeedup.toFixed(2)}×` : ''}`
        : '—'
    } | ${peers.map((p) => cell(w, p)).join(' | ')} | ${spreads} | ${ratio(w.timesBestJsPeer)} | ${ratio(w.timesPyTorch1t)}${stall} |`,
  );
}
