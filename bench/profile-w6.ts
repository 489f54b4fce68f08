// W6's time per op, forward and backward: `node --experimental-wasm-relaxed-simd --import tsx bench/profile-w6.ts [steps] [--wall]
// [--no-tidy]` (CPU time of the process unless --wall). Each layer's forward, each autograd node's backward, the loss, zero_grad and the
// SGD update are timed alone over warm steps; the table gives the median per step of each and its share of the step.
import { crossEntropy, manualSeed, nn, optim, tensor, tidy, type Tensor } from '../src/core/engine/index';
import { backendName } from '../src/core/engine/backend';
import type { GradFn } from '../src/core/engine/autograd-types';
import { median } from './stats';
import { MNIST, mnistBatch } from './workloads';

const steps = Number(process.argv[2] ?? 40);
const WARM = 10;

manualSeed(0);
const layers = [
  new nn.Conv2d(1, 32, 3, 1),
  new nn.ReLU(),
  new nn.Conv2d(32, 64, 3, 1),
  new nn.ReLU(),
  new nn.MaxPool2d(2),
  new nn.Flatten(),
  new nn.Linear(9216, 128),
  new nn.ReLU(),
  new nn.Linear(128, 10),
];
const names = ['conv1', 'relu1', 'conv2', 'relu2', 'maxpool', 'flatten', 'fc1', 'relu3', 'fc2'];
const model = new nn.Sequential(...layers);
const opt = new optim.SGD(model.parameters(), { lr: MNIST.lr });
const { images, labels } = mnistBatch();
const x = tensor(images, [MNIST.batch, 1, 28, 28]);
const y = tensor(Float32Array.from(labels), [MNIST.batch]);

const times = new Map<string, number[]>();
const add = (key: string, ms: number) => {
  const list = times.get(key) ?? [];
  list.push(ms);
  times.set(key, list);
};
/** CPU time of this process in ms: on a shared machine it moves far less with the neighbours' load than wall time does. */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const clock = process.argv.includes('--wall') ? () => performance.now() : cpuMs;
function timed<T>(key: string, fn: () => T, record: boolean): T {
  const t0 = clock();
  const out = fn();
  if (record) add(key, clock() - t0);
  return out;
}

/** Wraps every node's backward under the layer name that made it (so a node's time is attributed to its layer). */
function wrapBackward(t: Tensor, label: string, record: boolean): void {
  const fn = t.gradFn as (GradFn & { backward: GradFn['backward']; backwardInto: GradFn['backwardInto'] }) | null;
  if (!fn) return;
  const key = `${label} backward (${fn.name})`;
  const bw = fn.backward,
    into = fn.backwardInto;
  (fn as { backward: GradFn['backward'] }).backward = (g) => timed(key, () => bw(g), record);
  if (into) (fn as { backwardInto: GradFn['backwardInto'] }).backwardInto = (g, i) => timed(key, () => into(g, i), record);
}

let total: number[] = [];
for (let s = 0; s < WARM + steps; s++) {
  const rec = s >= WARM;
  const t0 = clock();
  // As W6 runs it: the step inside tidy() (--no-tidy: without, every step's activations on fresh pages).
  const step = () => {
    timed('zero_grad', () => opt.zeroGrad(), rec);
    let h = x;
    layers.forEach((layer, i) => {
      h = timed(`${names[i]} forward`, () => layer.forward(h), rec);
      wrapBackward(h, names[i], rec);
    });
    const loss = timed('cross_entropy forward', () => crossEntropy(h, y), rec);
    wrapBackward(loss, 'cross_entropy', rec);
    timed('backward (whole walk)', () => loss.backward(), rec);
    timed('sgd step', () => opt.step(), rec);
  };
  if (process.argv.includes('--no-tidy')) step();
  else tidy(step);
  if (rec) total.push(clock() - t0);
}
const step = median(total);
const rows = [...times.entries()].map(([k, v]) => [k, median(v)] as const);
console.log(
  `W6 profile (${backendName()}), ${steps} steps after ${WARM} warm: median step ${step.toFixed(1)} ms (${clock === cpuMs ? 'CPU' : 'wall'} time)`,
);
console.log('| part | ms per step | share |\n|---|---|---|');
for (const [k, ms] of rows) console.log(`| ${k} | ${ms.toFixed(2)} | ${((100 * ms) / step).toFixed(0)}% |`);
total = [];
