// The goldens-explore cases (PyTorch's every-layer outputs for the models of models.py) read for explorer tests.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { memorySource } from '../../../src/core/tensor-files/byte-source';
import { openTensorFile } from '../../../src/core/tensor-files/open-tensor-file';
import { goldenLayersPath, goldensExploreDir } from '../../goldens';

export interface ExploreCase {
  name: string;
  model: string;
  weights: string;
  input: string;
  input_shape: number[];
  output_shape: number[];
  layers: Array<{ module: string; type: string; shape: number[] }>;
  expected: string;
}

export const EXPLORE_DIR = goldensExploreDir();
export const EXPLORE_CASES: ExploreCase[] = JSON.parse(fs.readFileSync(path.join(EXPLORE_DIR, 'explore.json'), 'utf8')).cases;

/** The cases' models: models.py of the layers reference set (the explore set names them, as shared/ lays them out). */
export const MODELS_PY_PATH = goldenLayersPath('models.py');
export const MODELS_PY = fs.readFileSync(MODELS_PY_PATH, 'utf8');

export const casePath = (file: string): string => path.join(EXPLORE_DIR, file);
export const caseBytes = (file: string): Uint8Array => new Uint8Array(fs.readFileSync(casePath(file)));

export const inflate = (data: Uint8Array): Promise<Uint8Array> => Promise.resolve(new Uint8Array(inflateRawSync(data)));

/** Every array of an .npz by name, as float32. */
export async function readNpzArrays(bytes: Uint8Array): Promise<Map<string, { shape: number[]; data: Float32Array }>> {
  const f = await openTensorFile(memorySource(bytes), { inflate });
  const out = new Map<string, { shape: number[]; data: Float32Array }>();
  for (const e of f.entries) {
    const v = await f.read(e);
    out.set(e.name, { shape: e.shape, data: v instanceof Float32Array ? v : Float32Array.from(v) });
  }
  return out;
}
