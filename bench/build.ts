// Bundles the bench runners with esbuild the way esbuild.mjs bundles the extension (production: minified, no source
// maps, node20 cjs), so `npm run bench` times the code we ship, not TypeScript run through tsx.
import * as path from 'node:path';
import { build } from 'esbuild';

export const BUILD_DIR = path.join(__dirname, '..', 'out', 'bench');

export async function buildRunners(): Promise<void> {
  await build({
    entryPoints: ['engine', 'tfjs', 'onnxruntime'].map((n) => path.join(__dirname, 'runners', `${n}.ts`)),
    outdir: BUILD_DIR,
    bundle: true,
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Peers are loaded from node_modules as published; only our engine (and the shared runner loop) is bundled.
    external: ['@tensorflow/*', 'onnxruntime-node'],
    logLevel: 'warning',
  });
  // W7's training worker, bundled exactly as esbuild.mjs bundles dist/worker.js for the extension.
  await build({
    entryPoints: [path.join(__dirname, '..', 'src', 'workers', 'training-worker.ts')],
    outfile: path.join(BUILD_DIR, 'training-worker.js'),
    bundle: true,
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
  });
}
