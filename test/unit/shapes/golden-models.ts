// The whole-model goldens (models.py and PyTorch's model_shapes.json): $TENSOR_LENS_GOLDENS_LAYERS, else
// ../shared/goldens-layers, else the copy committed in fixtures/ so the tests never silently run nothing.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface ModelCase {
  name: string;
  model: string;
  note: string;
  input_shape: number[];
  output_shape: number[] | null;
  error: { type: string; message: string } | null;
  module_outputs: Array<{ module: string; type: string; output_shape: number[] }>;
}

function folder(): string {
  const candidates = [
    process.env.TENSOR_LENS_GOLDENS_LAYERS,
    resolve(__dirname, '../../../../shared/goldens-layers'),
    resolve(__dirname, 'fixtures'),
  ];
  return resolve(candidates.find((c): c is string => !!c && existsSync(resolve(c, 'model_shapes.json')))!);
}

export const GOLDEN_DIR = folder();
export const MODELS_PY = readFileSync(resolve(GOLDEN_DIR, 'models.py'), 'utf8');
export const MODEL_CASES: ModelCase[] = JSON.parse(readFileSync(resolve(GOLDEN_DIR, 'model_shapes.json'), 'utf8')).cases;

/** Constructor arguments of a case, as the README names them: `MnistNet(9200)` is the wrong-fc1 variant. */
export function constructorArgs(c: ModelCase): string {
  return c.name === 'mnist_net_wrong_fc1' ? '9200' : '';
}
