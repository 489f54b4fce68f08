// Builds the real worker bundle (src/workers/training-worker.ts → a temp dist/worker.js) once for the tests that talk to it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

let built: Promise<string> | undefined;

export function workerBundle(): Promise<string> {
  built ??= (async () => {
    const outfile = join(mkdtempSync(join(tmpdir(), 'tl-worker-')), 'worker.js');
    await build({
      entryPoints: [resolve(__dirname, '../../../src/workers/training-worker.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      logLevel: 'silent',
    });
    return outfile;
  })();
  return built;
}
