// W1–W4 on the Tensor Lens engine (what `npm run bench` times for "ours").
import { conv2d, crossEntropy, manualSeed, nn, optim, tensor } from '../src/core/engine/index';
import type { Tensor } from '../src/core/engine/index';
import { TUTORIAL_EPOCHS, TUTORIAL_IMAGES } from './tutorial-data';

export const W2 = { input: [1, 3, 224, 224], weight: [64, 3, 3, 3], padding: 1 };
export const W3 = { input: [8, 16, 32, 32], weight: [32, 16, 3, 3], padding: 1 };
export const W4 = { input: [1, 1, 64, 64], weight: [1, 1, 3, 3], padding: 1 };

/** Multiply-adds ×2 of a stride-1 'same' conv2d forward. */
export function convFlops(input: number[], weight: number[]): number {
  const [n, , h, w] = input;
  const [o, c, kh, kw] = weight;
  return 2 * n * o * h * w * c * kh * kw;
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

const numel = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** W1: the tutorial's 500-step training run; returns the final loss. */
export function engineTrain(): number {
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

export function engineConvForward(spec: { input: number[]; weight: number[]; padding: number }): () => Tensor {
  const x = tensor(randomData(numel(spec.input), 1), spec.input);
  const w = tensor(randomData(numel(spec.weight), 2), spec.weight);
  return () => conv2d(x, w, null, { padding: spec.padding });
}

export function engineConvForwardBackward(spec: { input: number[]; weight: number[]; padding: number }): () => void {
  const x = tensor(randomData(numel(spec.input), 1), spec.input, { requiresGrad: true });
  const w = tensor(randomData(numel(spec.weight), 2), spec.weight, { requiresGrad: true });
  const n = spec.input[0],
    o = spec.weight[0],
    h = spec.input[2],
    wd = spec.input[3];
  const gy = tensor(randomData(n * o * h * wd, 3), [n, o, h, wd]);
  return () => {
    x.grad = null;
    w.grad = null;
    conv2d(x, w, null, { padding: spec.padding }).backward(gy);
  };
}
