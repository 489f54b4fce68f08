// W7: the Training view's step rate on the MNIST net at batch 64, driven exactly as the view drives it: a TrainingSession
// (the view's host-side state, its stall probe included) over a TrainingRunner and the shipped training-worker bundle.
import type { ModelSpec } from '../src/core/protocol/worker';
import type { ImageInfo } from '../src/core/protocol/training';
import { TrainingRunner } from '../src/training/training-runner';
import { type RunSummary, TrainingSession } from '../src/training/training-session';
import type { Workload } from './runners/serve';
import { MNIST, randomData } from './workloads';

/** Optimisation steps per W7 call: this many epochs of one batch of 64 images (bench/pytorch_workloads.py runs the same). */
export const W7_STEPS = 10;

const conv = (name: string, inChannels: number, outChannels: number) => ({
  kind: 'conv2d' as const,
  name,
  inChannels,
  outChannels,
  kernelSize: [3, 3] as [number, number],
  stride: [1, 1] as [number, number],
  padding: [0, 0] as [number, number],
  dilation: [1, 1] as [number, number],
  groups: 1,
  bias: true,
  paddingMode: 'zeros' as const,
});

/** The PyTorch examples' MNIST net (without dropout), as the Training view's model spec. */
export function mnistModel(): ModelSpec {
  return {
    name: 'Net',
    inputShape: [1, 1, 28, 28],
    layers: [
      conv('conv1', 1, 32),
      { kind: 'relu' },
      conv('conv2', 32, 64),
      { kind: 'relu' },
      { kind: 'maxPool2d', kernelSize: [2, 2], stride: [2, 2], padding: [0, 0] },
      { kind: 'flatten' },
      { kind: 'linear', name: 'fc1', inFeatures: 9216, outFeatures: 128, bias: true },
      { kind: 'relu' },
      { kind: 'linear', name: 'fc2', inFeatures: 128, outFeatures: 10, bias: true },
    ],
  };
}

/** 64 MNIST-sized images with labels (pixel values do not change a step's cost). */
export function mnistImages(): ImageInfo[] {
  const pixels = randomData(MNIST.batch * 784, 5);
  return Array.from({ length: MNIST.batch }, (_, i) => ({
    name: `img${i}`,
    label: (i * 7) % 10,
    shape: [1, 28, 28],
    data: Array.from(pixels.subarray(i * 784, (i + 1) * 784), (v) => v + 0.5),
  }));
}

/**
 * One call = one Train press: a run of W7_STEPS epochs of one batch of 64 (SGD, lr 0.01) from fresh weights, until the view
 * gets 'done' (its final snapshot included). Every message the session posts for the webview is serialised, as the webview's postMessage would.
 * `stats()` gives the largest host stall of the sample's runs, measured by the session's own stall probe.
 */
export function w7Workload(workerPath: string): Workload {
  const runner = new TrainingRunner(workerPath);
  let ends: ((s: RunSummary | null, e: string | null) => void) | null = null;
  const session = new TrainingSession(
    runner,
    (m) => void JSON.stringify(m),
    (summary, error) => ends?.(summary, error),
  );
  session.setSource({ kind: 'file', model: mnistModel(), images: mnistImages() });
  let worstStall = 0;
  const call = (): Promise<number> =>
    new Promise((resolve, reject) => {
      ends = (summary, error) => {
        ends = null;
        if (!summary) return reject(new Error(error ?? 'the run failed'));
        if (summary.steps !== W7_STEPS) return reject(new Error(`the run took ${summary.steps} steps, not ${W7_STEPS}`));
        worstStall = Math.max(worstStall, summary.hostStallMs);
        resolve(summary.finalLoss);
      };
      const why = session.start({
        type: 'train',
        settings: { optimizer: 'sgd', lr: MNIST.lr, momentum: 0, epochs: W7_STEPS, seed: 0, batchSize: MNIST.batch },
      });
      if (why) reject(new Error(why));
    });
  return Object.assign(call, {
    stats: () => {
      const s = { hostStallMs: worstStall };
      worstStall = 0;
      return s;
    },
  });
}
