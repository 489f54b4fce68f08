// W8: a ResNet-18-sized forward (1×3×224×224, 11.7 M parameters) through the Model Explorer's core, every step
// recorded as the panel records it; each sample also reports the runner process's peak resident memory.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildModel, runSteps } from '../src/core/explore/explore-model';
import { Tensor } from '../src/core/engine/index';

/** The model's source, shared with PyTorch's runner (bench/pytorch_workloads.py imports the same file). */
export const RESNET18_PY = path.join(__dirname, '..', '..', 'bench', 'resnet18.py');

export function w8Workload(randomData: (n: number, seed: number) => Float32Array, sum: (d: ArrayLike<number>) => number) {
  const { net } = buildModel(fs.readFileSync(RESNET18_PY, 'utf8'), 'ResNet18', { seed: 0 });
  const x = new Tensor(randomData(3 * 224 * 224, 1), [1, 3, 224, 224]);
  const fn = () => {
    const run = runSteps(net, x);
    return sum(run.output.data) + run.steps.length;
  };
  return Object.assign(fn, { stats: () => ({ peakRssMB: process.resourceUsage().maxRSS / 1024 }) });
}
