// Where every test finds the PyTorch goldens: $TENSOR_LENS_GOLDENS, else ../shared/goldens beside the repo; a missing file fails loudly.
import * as fs from 'node:fs';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '..');

/** The golden folder every test reads: $TENSOR_LENS_GOLDENS, else ../shared/goldens next to the repo. */
export function goldensDir(): string {
  return process.env.TENSOR_LENS_GOLDENS
    ? path.resolve(process.env.TENSOR_LENS_GOLDENS)
    : path.resolve(repoRoot, '..', 'shared', 'goldens');
}

/** One golden file's path; throws (at suite definition, so the run fails) when it is missing. */
export function goldenPath(file: string): string {
  const p = path.join(goldensDir(), file);
  if (!fs.existsSync(p)) throw new Error(`golden file ${p} is missing (set TENSOR_LENS_GOLDENS to the PyTorch goldens folder)`);
  return p;
}

/** One golden file's text; throws when it is missing. */
export function readGoldenText(file: string): string {
  return fs.readFileSync(goldenPath(file), 'utf8');
}

/** One golden file, parsed; throws when it is missing. */
export function readGolden<T = { cases: Record<string, any>[] }>(file: string): T {
  return JSON.parse(readGoldenText(file)) as T;
}

/** The whole-model goldens (every layer's output): $TENSOR_LENS_GOLDENS_EXPLORE, else the committed test/fixtures copy. */
export function goldensExploreDir(): string {
  const dir = process.env.TENSOR_LENS_GOLDENS_EXPLORE
    ? path.resolve(process.env.TENSOR_LENS_GOLDENS_EXPLORE)
    : path.resolve(repoRoot, 'test', 'fixtures', 'goldens-explore');
  if (!fs.existsSync(path.join(dir, 'explore.json')))
    throw new Error(`goldens-explore folder ${dir} is missing its explore.json (set TENSOR_LENS_GOLDENS_EXPLORE)`);
  return dir;
}
