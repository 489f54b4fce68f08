// Builds a real worker bundle (src/workers/<name>.ts → a temp .js) once per run, for the tests that talk to that worker.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const built = new Map<string, Promise<string>>();

export function workerBundle(name: 'training-worker' | 'hover-worker' = 'training-worker'): Promise<string> {
  let out = built.get(name);
  if (!out) {
    out = (async () => {
      const outfile = join(mkdtempSync(join(tmpdir(), `tl-${name}-`)), `${name}.js`);
      await build({
        entryPoints: [resolve(__dirname, '../../src/workers', `${name}.ts`)],
        outfile,
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        logLevel: 'silent',
      });
      return outfile;
    })();
    built.set(name, out);
  }
  return out;
}
