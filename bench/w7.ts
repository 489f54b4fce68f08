// W7: the Training view's step rate on the MNIST net at batch 64, driven exactly as the view drives it: a TrainingSession
// (the view's host-side state, its stall probe included) over a TrainingRunner and the shipped training-worker bundle.
import type { ModelSpec } from '../src/core/protocol/worker';
import type { ImageInfo } from '../src/core/protocol/training';
import { modelSpecFromSource } from '../src/training/model-from-source';
import { TrainingRunner } from '../src/training/training-runner';
import { type RunSummary, TrainingSession } from '../src/training/training-session';
import type { Workload } from './runners/serve';
import { MNIST, randomData } from './workloads';

/** Optimisation steps per W7 call: this many epochs of one batch of 64 images (bench/pytorch_workloads.py runs the same). */
export const W7_STEPS = 10;

/** The PyTorch examples' MNIST net (without dropout), as the Training view's model spec. */
export function mnistModel(): ModelSpec {
  return modelSpecFromSource(
    `import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3, 1)
        self.conv2 = nn.Conv2d(32, 64, 3, 1)
        self.fc1 = nn.Linear(9216, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = F.relu(self.conv1(x))
        x = F.relu(self.conv2(x))
        x = F.max_pool2d(x, 2)
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        return self.fc2(x)
`,
    [1, 1, 28, 28],
  );
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
