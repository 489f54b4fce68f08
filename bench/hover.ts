// Benchmark of hovers: a 64×64 literal in a 5,000-line file (target < 50 ms), 512×512 and 2,000×2,000 literals (hover worker).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { parseLiteral } from '../src/core/literals/index';
import { OFFLOAD_CHARS, type HoverDocument, type HoverEnvironment } from '../src/core/protocol/hover-worker';
import { HoverWorkerClient } from '../src/hover/worker-client';
import { chooseKernel } from '../src/hover/kernel-choice';
import { HoverService } from '../src/hover/service';
import { DEFAULT_HOVER_SETTINGS } from '../src/hover/settings';

const settings = DEFAULT_HOVER_SETTINGS;
const env: HoverEnvironment = { settings, kernel: chooseKernel(settings, undefined, (t) => parseLiteral(t)), theme: 'dark' };

function literal(name: string, n: number): string {
  const rows: string[] = [];
  for (let i = 0; i < n; i++) {
    const row: string[] = [];
    for (let j = 0; j < n; j++) row.push((Math.sin(i / 7) * Math.cos(j / 5) + (((i * 7919 + j * 104729) % 101) - 50) / 500).toFixed(3));
    rows.push(`    [${row.join(', ')}],`);
  }
  return `${name} = torch.tensor([\n${rows.join('\n')}\n], dtype=torch.float32)\n`;
}

function fileAround(lit: string, lines = 5000): string {
  const out: string[] = [];
  for (let i = 0; out.length < lines - lit.split('\n').length; i++)
    out.push(i % 40 === 0 ? `def step_${i}(x, w):` : `    y${i} = F.relu(x @ w[${i % 7}]) + bias[${i}]  # ${i}`);
  out.splice(Math.floor(out.length / 2), 0, lit);
  return out.join('\n');
}

let version = 0;
const doc = (text: string): HoverDocument => ({ uri: 'file:///bench.py', version: ++version, language: 'python', text, label: 'bench.py' });
const median = (xs: number[]): number => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Hovers a big literal as the extension does (through the hover worker), watching how long the host thread stalls. */
async function big(n: number, client: HoverWorkerClient): Promise<string> {
  const text = fileAround(literal(`img${n}`, n), 200);
  if (text.length <= OFFLOAD_CHARS) throw new Error('expected a document the extension sends to the worker');
  const at = text.indexOf(`img${n} = `) + 40;
  let stall = 0;
  let last = performance.now();
  const ticker = setInterval(() => {
    stall = Math.max(stall, performance.now() - last);
    last = performance.now();
  }, 2);
  const t0 = performance.now();
  const { text: t, ...rest } = doc(text);
  const r = client.request(rest, () => t, at, env);
  await r.first;
  const first = performance.now() - t0;
  const full = await r.final;
  const ready = performance.now() - t0;
  clearInterval(ticker);
  return `${n}×${n} (${(text.length / 1e6).toFixed(1)} MB of text): first answer (parse, stats) ${first.toFixed(0)} ms · images ${ready.toFixed(0)} ms · longest host stall ${stall.toFixed(1)} ms · ${full?.markdown.length.toLocaleString('en-US')} chars`;
}

async function main(): Promise<void> {
  const text = fileAround(literal('img64', 64));
  const at = text.indexOf('img64 = ') + 40;
  const cold: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t0 = performance.now();
    new HoverService().provide(doc(text), at, env);
    cold.push(performance.now() - t0);
  }
  const service = new HoverService();
  const d = doc(text);
  service.provide(d, at, env);
  const warm: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t0 = performance.now();
    service.provide(d, at + (i % 5), env);
    warm.push(performance.now() - t0);
  }
  const ok = median(cold) < 50;
  console.log(
    `hover 64×64 in 5,000 lines: median ${median(cold).toFixed(1)} ms cold (parse + stats + 2 PNGs), ${median(warm).toFixed(2)} ms cached — target < 50 ms ${ok ? '✓' : '✗'}`,
  );
  const workerPath = join(mkdtempSync(join(tmpdir(), 'tl-bench-')), 'hover-worker.js');
  await build({
    entryPoints: ['src/workers/hover-worker.ts'],
    outfile: workerPath,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'silent',
  });
  const client = new HoverWorkerClient(workerPath, (m) => console.error(m));
  console.log(`hover ${await big(512, client)}`);
  console.log(`hover ${await big(2000, client)}`);
  client.dispose();
  if (!ok) process.exitCode = 1;
}

void main();
