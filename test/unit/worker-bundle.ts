// Builds a real worker bundle (src/workers/<name>.ts → a temp .js) once per run, for the tests that talk to that worker:
// the desktop build (worker_threads) or the web build (a classic Web Worker script, platform seams from *.web.ts).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { build } from 'esbuild';

const built = new Map<string, Promise<string>>();

export type WorkerName = 'training-worker' | 'hover-worker' | 'files-worker';

export function workerBundle(name: WorkerName = 'training-worker'): Promise<string> {
  return bundleEntry(resolve(__dirname, '../../src/workers', `${name}.ts`), 'node');
}

/** The same worker as esbuild.mjs builds it into dist/web/. */
export function webWorkerBundle(name: WorkerName = 'training-worker'): Promise<string> {
  return bundleEntry(resolve(__dirname, '../../src/workers', `${name}.ts`), 'web');
}

/** Any entry file, bundled as a worker_threads script ('node') or as a Web Worker script ('web'). */
export function bundleEntry(entry: string, target: 'node' | 'web'): Promise<string> {
  const key = `${target}:${entry}`;
  let out = built.get(key);
  if (!out) {
    out = (async () => {
      const name = basename(entry, '.ts');
      const outfile = join(mkdtempSync(join(tmpdir(), `tl-${target}-${name}-`)), `${name}.js`);
      await build({
        entryPoints: [entry],
        outfile,
        bundle: true,
        logLevel: 'silent',
        ...(target === 'node'
          ? { platform: 'node', format: 'cjs', target: 'node20' }
          : { platform: 'browser', format: 'iife', target: 'es2022', resolveExtensions: ['.web.ts', '.ts', '.js', '.mjs', '.json'] }),
      });
      return outfile;
    })();
    built.set(key, out);
  }
  return out;
}
