// Bundles the bench runners with esbuild the way esbuild.mjs bundles the extension (production: minified, no source
// maps, node20 cjs), so `npm run bench` times the code we ship, not TypeScript run through tsx.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';

export const BUILD_DIR = path.join(__dirname, '..', 'out', 'bench');

/** esbuild.mjs's production settings for the extension's bundles. */
const SHIPPED = {
  bundle: true,
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
} as const;

export async function buildRunners(): Promise<void> {
  await build({
    ...SHIPPED,
    entryPoints: ['engine', 'tfjs', 'onnxruntime'].map((n) => path.join(__dirname, 'runners', `${n}.ts`)),
    outdir: BUILD_DIR,
    // Peers are loaded from bench/node_modules as published; only our engine (and the shared runner loop) is bundled.
    external: ['@tensorflow/*', 'onnxruntime-node'],
  });
  // W7's training worker, bundled exactly as esbuild.mjs bundles dist/worker.js for the extension.
  await build({
    ...SHIPPED,
    entryPoints: [path.join(__dirname, '..', 'src', 'workers', 'training-worker.ts')],
    outfile: path.join(BUILD_DIR, 'training-worker.js'),
  });
}

/**
 * Compiles the C reference for the all-cores target (runners/c128.c) with gcc; returns the binary's path, or why not
 * (no gcc, or no AVX2/FMA to compile for): the bench then runs without it and says so.
 */
export function buildCReference(): { binary: string } | { error: string } {
  const binary = path.join(BUILD_DIR, 'c128');
  fs.mkdirSync(BUILD_DIR, { recursive: true });
  const r = spawnSync('gcc', ['-O3', '-mavx2', '-mfma', '-pthread', path.join(__dirname, 'runners', 'c128.c'), '-o', binary], {
    encoding: 'utf8',
  });
  if (r.error) return { error: `gcc: ${r.error.message}` };
  return r.status === 0 ? { binary } : { error: `gcc failed: ${r.stderr.trim().split('\n')[0]}` };
}
