// W1–W9: the workload specs every engine runs, and our engine's implementations (bundled by bench/build.ts, then timed).
import { conv2d, convTranspose2d, crossEntropy, manualSeed, nn, optim, tensor, tidy } from '../src/core/engine/index';
import { TUTORIAL_EPOCHS, TUTORIAL_IMAGES } from './tutorial-data';
import { w8Workload } from './w8';

export type WorkloadId = 'W1' | 'W2' | 'W3' | 'W4' | 'W5' | 'W6' | 'W7' | 'W8' | 'W9';
export interface ConvSpec {
  input: number[];
  weight: number[];
  padding: number;
  groups: number;
}

export const W2: ConvSpec = { input: [1, 3, 224, 224], weight: [64, 3, 3, 3], padding: 1, groups: 1 };
export const W3: ConvSpec = { input: [8, 16, 32, 32], weight: [32, 16, 3, 3], padding: 1, groups: 1 };
export const W4: ConvSpec = { input: [1, 1, 64, 64], weight: [1, 1, 3, 3], padding: 1, groups: 1 };
/** The Convolve Image case: a 1024² RGB image, a 3×3 Sobel-x kernel per channel (groups = 3). */
export const W5: ConvSpec = { input: [1, 3, 1024, 1024], weight: [3, 1, 3, 3], padding: 1, groups: 3 };
export const SOBEL_X = [-1, 0, 1, -2, 0, 2, -1, 0, 1];
/** W9: a decoder's 2× upsampling, ConvTranspose2d(64, 32, 4, stride 2, padding 1) on 8×64×28², forward and backward. */
export const W9 = { input: [8, 64, 28, 28], weight: [64, 32, 4, 4], stride: 2, padding: 1 };
/** The PyTorch examples' MNIST net (without dropout), batch 64, SGD lr 0.01, cross-entropy on class indices. */
export const MNIST = { batch: 64, lr: 0.01 };

/** 'steps': a call is a training run of W7_STEPS steps, shown as steps per second. */
export const WORKLOADS: { id: WorkloadId; title: string; unit: 'ms' | 'us' | 'steps' }[] = [
  { id: 'W1', title: "W1 tutorial's 500-step training run", unit: 'ms' },
  { id: 'W2', title: 'W2 conv2d fwd 1×3×224² ⊛ 64×3×3×3, p1', unit: 'ms' },
  { id: 'W3', title: 'W3 conv2d fwd+bwd 8×16×32² ⊛ 32×16×3×3, p1', unit: 'ms' },
  { id: 'W4', title: 'W4 conv2d 1×1×64² ⊛ 3×3, p1 (hover)', unit: 'us' },
  { id: 'W5', title: 'W5 conv2d 1×3×1024² ⊛ Sobel 3×3, groups 3, p1', unit: 'ms' },
  { id: 'W6', title: 'W6 MNIST net SGD step, batch 64', unit: 'ms' },
  { id: 'W7', title: 'W7 Training view, MNIST net, batch 64 (steps/s)', unit: 'steps' },
  { id: 'W8', title: 'W8 Model Explorer, ResNet-18 forward 1×3×224², every step', unit: 'ms' },
  { id: 'W9', title: 'W9 conv_transpose2d fwd+bwd 8×64×28² → 8×32×56², k4 s2 p1', unit: 'ms' },
];

const convMacs = (spec: ConvSpec, outH: number, outW: number) =>
  spec.input[0] * spec.weight[0] * outH * outW * spec.weight[1] * spec.weight[2] * spec.weight[3];
const sameMacs = (spec: ConvSpec) => convMacs(spec, spec.input[2], spec.input[3]);
/** One MNIST-net step in multiply-adds: forward, then every gradient (conv1's input needs none). */
function mnistStepMacs(): number {
  const b = MNIST.batch;
  const conv1 = b * 32 * 26 * 26 * 9,
    conv2 = b * 64 * 24 * 24 * 32 * 9,
    fc1 = b * 128 * 9216,
    fc2 = b * 10 * 128;
  return conv1 + conv2 + fc1 + fc2 + (conv1 + 2 * conv2 + 2 * fc1 + 2 * fc2);
}
/** The tutorial's step: conv 1→10 5×5 on 10² (6² out), linear 360→10; forward, weight gradients, linear's input gradient. */
const tutorialStepMacs = 2 * (10 * 36 * 25) + 3 * 360 * 10;

/**
 * Floating-point operations of one call (2 per multiply-add), for each workload's effective GFLOP/s: the arithmetic the
 * workload asks for, not what an engine happens to do. W7's call is 10 steps (W7_STEPS)
 * plus the final snapshot's forward.
 */
export const FLOPS: Record<WorkloadId, number> = {
  W1: 2 * 500 * tutorialStepMacs,
  W2: 2 * sameMacs(W2),
  W3: 2 * 3 * sameMacs(W3),
  W4: 2 * sameMacs(W4),
  W5: 2 * sameMacs(W5), // weight[1] is already in-channels per group
  W6: 2 * mnistStepMacs(),
  // Every input cell meets every tap of its 32 output channels once; the input and weight gradients repeat that count.
  W9: 2 * 3 * W9.input.reduce((a, b) => a * b, 1) * W9.weight[1] * W9.weight[2] * W9.weight[3],
  // torchvision's ResNet-18 at 224²: 1.814 G multiply-adds (convolutions and the fc layer).
  W8: 2 * 1.814e9,
  W7: 2 * (10 * mnistStepMacs() + MNIST.batch * (32 * 26 * 26 * 9 + 64 * 24 * 24 * 288 + 128 * 9216 + 10 * 128)),
};

/** The weight tensor of a spec (W5: Sobel-x per channel; others: random). */
export function convWeight(id: WorkloadId, spec: ConvSpec): Float32Array {
  if (id === 'W5') return Float32Array.from({ length: numel(spec.weight) }, (_, i) => SOBEL_X[i % 9]);
  return randomData(numel(spec.weight), 2);
}

export function randomData(len: number, seed = 1): Float32Array {
  let s = seed >>> 0;
  const out = new Float32Array(len);
  for (let i = 0; i < len; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 4294967296 - 0.5;
  }
  return out;
}

/** MNIST-like batch: random pixels and labels (the step's cost does not depend on the values). */
export function mnistBatch(): { images: Float32Array; labels: Int32Array } {
  const images = randomData(MNIST.batch * 28 * 28, 4).map((v) => v + 0.5);
  const labels = Int32Array.from({ length: MNIST.batch }, (_, i) => (i * 7) % 10);
  return { images, labels };
}

export const numel = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/**
 * Sum of every element: the read-back every engine does on its outputs (tfjs: dataSync, ORT: .data, torch: .sum()).
 * Four running sums: one chain of dependent adds costs ~0.85 ns an element (2.7 ms of W2's 3.2 M outputs, as long as half
 * our single-thread conv), which timed the harness more than the engines; four chains halve it, for every JS engine alike.
 */
export function sum(data: ArrayLike<number>): number {
  const n = data.length,
    head = n % 4;
  let s0 = 0,
    s1 = 0,
    s2 = 0,
    s3 = 0;
  for (let i = 0; i < head; i++) s0 += data[i];
  for (let i = head; i < n; i += 4) {
    s0 += data[i];
    s1 += data[i + 1];
    s2 += data[i + 2];
    s3 += data[i + 3];
  }
  return s0 + s1 + s2 + s3;
}
// Every line of sum() runs (with V8 collecting type feedback, which starts after a few calls) before a big output makes V8
// compile its hot loop mid-call (on-stack replacement): code after that loop without feedback would otherwise throw the
// compiled loop away on every call (a deopt loop, 3-8× slower; seen with --trace-deopt).
for (let i = 0; i < 32; i++) sum(new Float32Array(5));

/** W1: the tutorial's 500-step training run; returns the final loss. */
function engineTrain(): number {
  manualSeed(0);
  const model = new nn.Sequential(new nn.Conv2d(1, 10, 5, 1), new nn.ReLU(), new nn.Flatten(), new nn.Linear(360, 10));
  const opt = new optim.Adam(model.parameters(), { lr: 0.01 });
  const images = TUTORIAL_IMAGES.map((t) => tensor(t.image).view(1, 1, 10, 10));
  const targets = TUTORIAL_IMAGES.map((t) => {
    const oneHot = new Float32Array(10);
    oneHot[t.label] = 1;
    return tensor(oneHot, [1, 10]);
  });
  let last = 0;
  for (let epoch = 0; epoch < TUTORIAL_EPOCHS; epoch++) {
    for (let i = 0; i < images.length; i++) {
      const out = model.forward(images[i]);
      opt.zeroGrad();
      const loss = crossEntropy(out, targets[i]);
      loss.backward();
      opt.step();
      last = loss.item();
    }
  }
  return last;
}

/** Hands a tensor's buffers back after the read-back, as tfjs's dispose() does (when the engine has dispose()). */
function release(t: unknown): void {
  (t as { dispose?: () => void } | null)?.dispose?.();
}

/**
 * A conv workload whose `stats()` also gives `computeMs`: the median time of its calls' computation alone, without the
 * read-back (a single-threaded sum the harness adds to every engine): how far the compute itself scales on all cores.
 */
function withComputeTime(compute: () => () => number): (() => number) & { stats: () => Record<string, number> } {
  let times: number[] = [];
  const fn = () => {
    const t0 = performance.now();
    const readBack = compute();
    times.push(performance.now() - t0);
    return readBack();
  };
  const stats = (): Record<string, number> => {
    const sorted = times.sort((a, b) => a - b);
    times = [];
    return sorted.length ? { computeMs: sorted[sorted.length >> 1] } : {};
  };
  return Object.assign(fn, { stats });
}

function convForward(id: WorkloadId, spec: ConvSpec): () => number {
  const x = tensor(randomData(numel(spec.input), 1), spec.input);
  const w = tensor(convWeight(id, spec), spec.weight);
  return withComputeTime(() => {
    const y = conv2d(x, w, null, { padding: spec.padding, groups: spec.groups });
    return () => {
      const s = sum(y.data);
      release(y);
      return s;
    };
  });
}

function convForwardBackward(spec: ConvSpec): () => number {
  const x = tensor(randomData(numel(spec.input), 1), spec.input, { requiresGrad: true });
  const w = tensor(randomData(numel(spec.weight), 2), spec.weight, { requiresGrad: true });
  const [n, , h, wd] = spec.input;
  const gy = tensor(randomData(n * spec.weight[0] * h * wd, 3), [n, spec.weight[0], h, wd]);
  return withComputeTime(() => {
    x.grad = null;
    w.grad = null;
    // The forward output is an intermediate: handed back once the backward is done, as tf.grads frees it and PyTorch's
    // reference count does (kept, it cost a fresh 1 MiB buffer and its page faults on every call).
    const y = conv2d(x, w, null, { padding: spec.padding });
    y.backward(gy);
    release(y);
    return () => {
      const s = sum(x.grad!.data) + sum(w.grad!.data);
      release(x.grad);
      release(w.grad);
      return s;
    };
  });
}

function mnistStep(): () => number {
  manualSeed(0);
  const model = new nn.Sequential(
    new nn.Conv2d(1, 32, 3, 1),
    new nn.ReLU(),
    new nn.Conv2d(32, 64, 3, 1),
    new nn.ReLU(),
    new nn.MaxPool2d(2),
    new nn.Flatten(),
    new nn.Linear(9216, 128),
    new nn.ReLU(),
    new nn.Linear(128, 10),
  );
  const opt = new optim.SGD(model.parameters(), { lr: MNIST.lr });
  const { images, labels } = mnistBatch();
  const x = tensor(images, [MNIST.batch, 1, 28, 28]);
  const y = tensor(Float32Array.from(labels), [MNIST.batch]);
  // The step's activations are handed back when it ends (tidy), as PyTorch's reference counts free them.
  return () =>
    tidy(() => {
      opt.zeroGrad();
      const loss = crossEntropy(model.forward(x), y);
      loss.backward();
      opt.step();
      return loss.item();
    });
}

/** W9: forward, then the input and weight gradients from a fixed output gradient; the forward output is handed back. */
function transposedForwardBackward(): () => number {
  const x = tensor(randomData(numel(W9.input), 1), W9.input, { requiresGrad: true });
  const w = tensor(randomData(numel(W9.weight), 2), W9.weight, { requiresGrad: true });
  const out = [W9.input[0], W9.weight[1], 2 * W9.input[2], 2 * W9.input[3]];
  const gy = tensor(randomData(numel(out), 3), out);
  return withComputeTime(() => {
    x.grad = null;
    w.grad = null;
    const y = convTranspose2d(x, w, null, { stride: W9.stride, padding: W9.padding });
    y.backward(gy);
    release(y);
    return () => {
      const s = sum(x.grad!.data) + sum(w.grad!.data);
      release(x.grad);
      release(w.grad);
      return s;
    };
  });
}

/** Our engine's workloads: each returns a number computed from every output element (the read-back). */
export const ENGINE: Record<Exclude<WorkloadId, 'W7'>, () => () => number> = {
  W1: () => engineTrain,
  W2: () => convForward('W2', W2),
  W3: () => convForwardBackward(W3),
  W4: () => convForward('W4', W4),
  W5: () => convForward('W5', W5),
  W6: mnistStep,
  W8: () => w8Workload(randomData, sum),
  W9: transposedForwardBackward,
};
