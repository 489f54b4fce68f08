// The whole-model goldens (models.py and PyTorch's model_shapes.json) from the layers reference set (test/goldens.ts).
import { readFileSync } from 'node:fs';
import { goldenLayersPath, goldensLayersDir } from '../../goldens';

export interface ModelCase {
  name: string;
  model: string;
  note: string;
  input_shape: number[];
  output_shape: number[] | null;
  error: { type: string; message: string } | null;
  module_outputs: Array<{ module: string; type: string; output_shape: number[] }>;
}

export const GOLDEN_DIR = goldensLayersDir();
export const MODELS_PY = readFileSync(goldenLayersPath('models.py'), 'utf8');
export const MODEL_CASES: ModelCase[] = JSON.parse(readFileSync(goldenLayersPath('model_shapes.json'), 'utf8')).cases;

/** Constructor arguments of a case, as the README names them: `MnistNet(9200)` is the wrong-fc1 variant. */
export function constructorArgs(c: ModelCase): string {
  return c.name === 'mnist_net_wrong_fc1' ? '9200' : '';
}
