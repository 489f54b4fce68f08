// Benchmark of the tensor-file editor's worker: a 1 GB .safetensors (written to a temp dir, deleted after) shows its
// index (target < 300 ms) and a 100 MB tensor's heatmap summary (target < 2 s), with the host thread's longest stall.
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { FilesWorkerClient } from '../src/files/files-worker-client';

const MB = 1024 * 1024;
const BIG = { name: 'features.big.weight', shape: [5000, 5000] }; // 25 M float32 = 100 MB
const SMALL = 1800; // + 1,800 tensors of 128×1024 float32 (0.5 MB each) ≈ 900 MB
const SMALL_SHAPE = [128, 1024];

function writeSafetensors(path: string): number {
  const header: Record<string, unknown> = { __metadata__: { format: 'pt' } };
  let off = 0;
  const add = (name: string, shape: number[]) => {
    const bytes = shape.reduce((a, b) => a * b, 1) * 4;
    header[name] = { dtype: 'F32', shape, data_offsets: [off, off + bytes] };
    off += bytes;
  };
  add(BIG.name, BIG.shape);
  for (let i = 0; i < SMALL; i++) add(`layers.${i}.weight`, SMALL_SHAPE);
  let json = JSON.stringify(header);
  json += ' '.repeat((8 - (json.length % 8)) % 8);
  const fd = openSync(path, 'w');
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(json.length));
  writeSync(fd, len);
  writeSync(fd, Buffer.from(json));
  // A smooth pattern, so the heatmap and histogram have something to show.
  const chunk = new Float32Array(4 * MB);
  for (let i = 0; i < chunk.length; i++) chunk[i] = Math.sin(i / 977) * Math.cos(i / 5003);
  const buf = Buffer.from(chunk.buffer);
  for (let left = off; left > 0; left -= buf.length) writeSync(fd, buf, 0, Math.min(buf.length, left));
  closeSync(fd);
  return 8 + json.length + off;
}

/** Runs fn while sampling the event loop every 5 ms; returns its time and the longest gap the host thread saw. */
async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; stall: number; value: T }> {
  let last = performance.now();
  let stall = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last - 5);
    last = now;
  }, 5);
  const t0 = performance.now();
  const value = await fn();
  const ms = performance.now() - t0;
  clearInterval(timer);
  return { ms, stall: Math.max(0, stall), value };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tensor-lens-bench-files-'));
  try {
    const workerPath = join(dir, 'files-worker.js');
    await build({
      entryPoints: ['src/workers/files-worker.ts'],
      outfile: workerPath,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      logLevel: 'silent',
    });
    const file = join(dir, 'model.safetensors');
    const t0 = performance.now();
    const size = writeSafetensors(file);
    console.log(`wrote ${(size / MB).toFixed(0)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const client = new FilesWorkerClient(workerPath);
    await client.request({ op: 'close', path: file }); // start the worker outside the timings
    const rows: string[] = [];
    for (let run = 0; run < 3; run++) {
      const index = await timed(() => client.request({ op: 'open', path: file, grayscale: false }));
      if (!index.value.ok) throw new Error(index.value.message);
      const heat = await timed(() => client.request({ op: 'summary', path: file, name: BIG.name }));
      if (!heat.value.ok) throw new Error(heat.value.message);
      rows.push(
        `| ${run + 1} | ${index.value.index!.entries.length} tensors | ${index.ms.toFixed(0)} ms | ${heat.ms.toFixed(0)} ms | ${Math.max(index.stall, heat.stall).toFixed(0)} ms |`,
      );
    }
    client.dispose();
    console.log(`\n1 GB .safetensors (${(size / MB).toFixed(0)} MB), 100 MB tensor ${BIG.shape.join('×')} float32\n`);
    console.log('| run | index | index time (target < 300 ms) | 100 MB heatmap (target < 2 s) | longest host stall |');
    console.log('|---|---|---|---|---|');
    for (const r of rows) console.log(r);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
