// The real training worker on train_mini_batch.json: Conv2d → BatchNorm2d → … → Linear, batch 4, SGD with momentum and
// weight decay, from PyTorch's initial state: every loss within 1e-5, the final state (running stats included) at float32 tolerance.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { DoneMessage, StateDict, TrainConfig } from '../../../src/core/protocol/worker';
import { modelSpecFromSource } from '../../../src/training/model-from-source';
import { TrainingRunner } from '../../../src/training/training-runner';
import { workerBundle } from '../worker-bundle';
import { goldenLayersPath } from '../../goldens';
import { isClose as close } from '../../support/close';

const golden = JSON.parse(readFileSync(goldenLayersPath('train_mini_batch.json'), 'utf8')).cases[0] as {
  images: { shape: number[]; data: number[] };
  labels: number[];
  batch_size: number;
  epochs: number;
  optimizer: { lr: number; momentum: number; weight_decay: number };
  initial_state: StateDict;
  final_state: StateDict;
  losses: number[];
  eval_logits: { shape: number[]; data: number[] };
};

/** PyTorch's nn.Sequential of the golden, as the file class the Training view reads (keys gain the "net." prefix). */
const SOURCE = `import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(1, 4, 3, padding=1),
            nn.BatchNorm2d(4),
            nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(4, 8, 3),
            nn.ReLU(),
            nn.AdaptiveAvgPool2d((2, 2)),
            nn.Flatten(),
            nn.Linear(32, 3),
        )

    def forward(self, x):
        return self.net(x)
`;
const prefixed = (state: StateDict): StateDict => Object.fromEntries(Object.entries(state).map(([k, t]) => [`net.${k}`, t]));

function config(): TrainConfig {
  const [n, c, h, w] = golden.images.shape;
  const per = c * h * w;
  return {
    model: modelSpecFromSource(SOURCE, [1, c, h, w]),
    images: Array.from({ length: n }, (_, i) => ({
      name: `image ${i}`,
      label: golden.labels[i],
      shape: [c, h, w],
      data: golden.images.data.slice(i * per, (i + 1) * per),
    })),
    optimizer: 'sgd',
    lr: golden.optimizer.lr,
    momentum: golden.optimizer.momentum,
    weightDecay: golden.optimizer.weight_decay,
    batchSize: golden.batch_size,
    epochs: golden.epochs,
    seed: 0,
    initialState: prefixed(golden.initial_state),
  };
}

describe('training worker: mini-batches with BatchNorm and SGD momentum + weight decay', function () {
  this.timeout(60_000);
  let runner: TrainingRunner;
  before(async () => {
    runner = new TrainingRunner(await workerBundle());
  });
  after(() => runner.dispose());

  it('matches PyTorch’s 20 losses within 1e-5 and its final state and eval predictions', async () => {
    const losses: number[] = [];
    const done = await new Promise<DoneMessage>((resolveRun, reject) => {
      runner.start(config(), {
        onProgress: (m) => losses.splice(m.firstStep, m.losses.length, ...m.losses),
        onDone: resolveRun,
        onError: (message) => reject(new Error(message)),
      });
    });
    losses.splice(done.firstStep, done.losses.length, ...done.losses);
    assert.equal(done.reason, 'finished');
    assert.equal(done.totalSteps, golden.losses.length);
    assert.equal(losses.length, golden.losses.length);
    losses.forEach((l, i) => assert.ok(Math.abs(l - golden.losses[i]) <= 1e-5, `step ${i + 1}: ${l} vs PyTorch ${golden.losses[i]}`));
    for (const [key, t] of Object.entries(golden.final_state)) {
      const got = done.state[`net.${key}`];
      assert.ok(got, `state has ${key}`);
      t.data.forEach((v, i) => assert.ok(close(got.data[i], v), `${key}[${i}]: ${got.data[i]} vs PyTorch ${v}`));
    }
    assert.deepEqual(Array.from(done.state['net.1.num_batches_tracked'].data), [golden.losses.length]);
    // Weights come back as Float32Array (one copy to clone), not as numbers the host would deserialise one by one.
    for (const t of Object.values(done.state)) assert.ok(t.data instanceof Float32Array);
    // Snapshots run in eval mode (running statistics): the same per-image predictions as PyTorch's model.eval().
    const classes = golden.eval_logits.shape[1];
    done.snapshot.probabilities.forEach((p, i) => {
      const logits = golden.eval_logits.data.slice(i * classes, (i + 1) * classes);
      const max = Math.max(...logits);
      const exps = logits.map((v) => Math.exp(v - max));
      const sum = exps.reduce((a, b) => a + b, 0);
      exps.forEach((e, j) => assert.ok(Math.abs(p[j] - e / sum) <= 1e-5, `image ${i} class ${j}: ${p[j]} vs ${e / sum}`));
    });
  });
});
