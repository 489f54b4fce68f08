// The real training worker on a model of a Python file that is not a chain (its own residual Block, torch.cat, F.*):
// built from the source through the model IR, trained in mini-batches with SGD and with Adam, matching PyTorch 1.13
// (fixtures/ir-training.json from gen-ir-training.py): every loss within 1e-5, final state and eval logits at float32 tolerance.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DoneMessage, StateDict, TrainConfig } from '../../../src/core/protocol/worker';
import { TrainingRunner } from '../../../src/training/training-runner';
import { workerBundle } from '../worker-bundle';
import { isClose as close } from '../../support/close';

interface Fixture {
  source: string;
  model: string;
  batch_size: number;
  epochs: number;
  images: { shape: number[]; data: number[] };
  labels: number[];
  initial_state: StateDict;
  cases: Array<{
    name: string;
    optimizer: 'sgd' | 'adam';
    lr: number;
    momentum: number;
    weight_decay: number;
    losses: number[];
    final_state: StateDict;
    eval_logits: { shape: number[]; data: number[] };
  }>;
}

const fx = JSON.parse(readFileSync(resolve(__dirname, 'fixtures/ir-training.json'), 'utf8')) as Fixture;

function config(c: Fixture['cases'][number]): TrainConfig {
  const [n, ch, h, w] = fx.images.shape;
  const per = ch * h * w;
  return {
    model: { name: fx.model, inputShape: [1, ch, h, w], source: { text: fx.source, classes: 3 } },
    images: Array.from({ length: n }, (_, i) => ({
      name: `image ${i}`,
      label: fx.labels[i],
      shape: [ch, h, w],
      data: fx.images.data.slice(i * per, (i + 1) * per),
    })),
    optimizer: c.optimizer,
    lr: c.lr,
    momentum: c.momentum,
    weightDecay: c.weight_decay,
    batchSize: fx.batch_size,
    epochs: fx.epochs,
    seed: 0,
    initialState: fx.initial_state,
  };
}

describe('training worker: a residual model of a Python file, built through the model IR', function () {
  this.timeout(60_000);
  let runner: TrainingRunner;
  before(async () => {
    runner = new TrainingRunner(await workerBundle());
  });
  after(() => runner.dispose());

  for (const c of fx.cases) {
    it(`${c.name}: ${c.losses.length} losses within 1e-5, final state and eval predictions as PyTorch`, async () => {
      const losses: number[] = [];
      const done = await new Promise<DoneMessage>((resolveRun, reject) => {
        runner.start(config(c), {
          onProgress: (m) => losses.splice(m.firstStep, m.losses.length, ...m.losses),
          onDone: resolveRun,
          onError: (message) => reject(new Error(message)),
        });
      });
      losses.splice(done.firstStep, done.losses.length, ...done.losses);
      assert.equal(done.reason, 'finished');
      assert.equal(losses.length, c.losses.length);
      losses.forEach((l, i) => assert.ok(Math.abs(l - c.losses[i]) <= 1e-5, `step ${i + 1}: ${l} vs PyTorch ${c.losses[i]}`));
      assert.deepEqual(Object.keys(done.state).sort(), Object.keys(c.final_state).sort());
      for (const [key, t] of Object.entries(c.final_state)) {
        t.data.forEach((v, i) => assert.ok(close(done.state[key].data[i], v), `${key}[${i}]: ${done.state[key].data[i]} vs PyTorch ${v}`));
      }
      const classes = c.eval_logits.shape[1];
      done.snapshot.probabilities.forEach((p, i) => {
        const logits = c.eval_logits.data.slice(i * classes, (i + 1) * classes);
        const max = Math.max(...logits);
        const exps = logits.map((v) => Math.exp(v - max));
        const sum = exps.reduce((a, b) => a + b, 0);
        exps.forEach((e, j) => assert.ok(Math.abs(p[j] - e / sum) <= 1e-5, `image ${i} class ${j}: ${p[j]} vs ${e / sum}`));
      });
    });
  }
});
