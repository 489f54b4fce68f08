// Where every test finds the PyTorch reference sets: each has an env override, else its copy committed under test/fixtures/.
import * as fs from 'node:fs';
import * as path from 'node:path';

const fixtures = path.resolve(__dirname, 'fixtures');

/** One reference set: the folder the committed copy lives in and the variable that points tests at another one. */
interface ReferenceSet {
  folder: string;
  env: string;
}

const GOLDENS: ReferenceSet = { folder: 'goldens', env: 'TENSOR_LENS_GOLDENS' };
const GOLDENS_LAYERS: ReferenceSet = { folder: 'goldens-layers', env: 'TENSOR_LENS_GOLDENS_LAYERS' };
const GOLDENS_EXPLORE: ReferenceSet = { folder: 'goldens-explore', env: 'TENSOR_LENS_GOLDENS_EXPLORE' };

function resolveSet(set: ReferenceSet): string {
  const override = process.env[set.env];
  return override ? path.resolve(override) : path.join(fixtures, set.folder);
}

/** conv2d, errors, layers, the tutorial's training run and worked examples: $TENSOR_LENS_GOLDENS, else test/fixtures/goldens. */
export function goldensDir(): string {
  return resolveSet(GOLDENS);
}

/** The layers real CNNs use, whole-model shapes, a mini-batch run: $TENSOR_LENS_GOLDENS_LAYERS, else test/fixtures/goldens-layers. */
export function goldensLayersDir(): string {
  return resolveSet(GOLDENS_LAYERS);
}

/** Whole models' activations layer by layer: $TENSOR_LENS_GOLDENS_EXPLORE, else test/fixtures/goldens-explore. */
export function goldensExploreDir(): string {
  return resolveSet(GOLDENS_EXPLORE);
}

/** A file of a reference folder; throws (at suite definition, so the run fails) when it is missing. */
function existing(dir: string, file: string, env: string): string {
  const p = path.join(dir, file);
  if (!fs.existsSync(p)) throw new Error(`reference file ${p} is missing (${env} points tests at another folder)`);
  return p;
}

/** One file of the goldens folder; throws when it is missing. */
export function goldenPath(file: string): string {
  return existing(goldensDir(), file, GOLDENS.env);
}

/** One file of the layers goldens folder; throws when it is missing. */
export function goldenLayersPath(file: string): string {
  return existing(goldensLayersDir(), file, GOLDENS_LAYERS.env);
}

/** One file of the explore goldens folder; throws when it is missing. */
export function goldenExplorePath(file: string): string {
  return existing(goldensExploreDir(), file, GOLDENS_EXPLORE.env);
}

/** One golden file's text; throws when it is missing. */
export function readGoldenText(file: string): string {
  return fs.readFileSync(goldenPath(file), 'utf8');
}

/** One golden file, parsed; throws when it is missing. */
export function readGolden<T = { cases: Record<string, any>[] }>(file: string): T {
  return JSON.parse(readGoldenText(file)) as T;
}

/** One layers golden file, parsed; throws when it is missing. */
export function readGoldenLayers<T = { cases: Record<string, any>[] }>(file: string): T {
  return JSON.parse(fs.readFileSync(goldenLayersPath(file), 'utf8')) as T;
}
