// The training worker through its real protocol: start → progress → done, throttling, stop, errors, a crash and recovery.
import assert from 'node:assert/strict';
import type { DoneMessage, ProgressMessage, StateDict, TrainConfig } from '../../../src/core/protocol/worker';
import { TrainingRunner } from '../../../src/training/training-runner';
import { tutorialConfig } from '../../../src/training/tutorial';
import { workerBundle } from '../worker-bundle';
import { readGolden } from '../../goldens';
import { assertClose, assertLosses, TRAINED_LOGITS_TOLERANCE, TRAINED_STATE_TOLERANCE, type JsonTensor } from '../engine/golden-helpers';
import { softmax } from '../../../src/training/trainer';

const golden = readGolden('train_seed_cnn.json').cases[0] as {
  initial_state: StateDict;
  losses: number[];
  final_predictions: number[];
  final_logits: JsonTensor[];
  final_state: Record<string, JsonTensor>;
};

interface Outcome {
  progress: Array<ProgressMessage & { at: number }>;
  done?: DoneMessage & { at: number };
  error?: { message: string; crashed: boolean; at: number };
}

function startRun(
  runner: TrainingRunner,
  config: TrainConfig,
  onProgress?: (m: ProgressMessage) => void,
): { outcome: Outcome; finished: Promise<Outcome> } {
  const outcome: Outcome = { progress: [] };
  const finished = new Promise<Outcome>((resolveRun) => {
    runner.start(config, {
      onProgress: (m) => {
        outcome.progress.push({ ...m, at: performance.now() });
        onProgress?.(m);
      },
      onDone: (m) => resolveRun(Object.assign(outcome, { done: { ...m, at: performance.now() } })),
      onError: (message, crashed) => resolveRun(Object.assign(outcome, { error: { message, crashed, at: performance.now() } })),
    });
  });
  return { outcome, finished };
}

/** Every loss of a run, in step order, checking the batches are contiguous. */
function allLosses(o: Outcome): number[] {
  const batches = [
    ...o.progress.map((p) => ({ firstStep: p.firstStep, losses: p.losses })),
    ...(o.done ? [{ firstStep: o.done.firstStep, losses: o.done.losses }] : []),
  ];
  const out: number[] = [];
  for (const b of batches) {
    assert.equal(b.firstStep, out.length, 'loss batches are contiguous');
    out.push(...b.losses);
  }
  return out;
}

const argmax = (p: number[]) => p.indexOf(Math.max(...p));

describe('training worker protocol', function () {
  this.timeout(30_000);
  let runner: TrainingRunner;

  before(async () => {
    runner = new TrainingRunner(await workerBundle());
  });
  after(() => runner.dispose());

  it('runs the tutorial from PyTorch initial weights: 500 losses within 1e-6, final weights and probabilities as PyTorch', async () => {
    const { finished } = startRun(runner, { ...tutorialConfig(), initialState: golden.initial_state });
    assert.equal(runner.running, true);
    const o = await finished;
    assert.equal(o.error, undefined);
    assert.equal(o.done!.reason, 'finished');
    assert.equal(o.done!.steps, 500);
    const losses = allLosses(o);
    assert.equal(losses.length, 500);
    assertLosses(losses, golden.losses);
    assert.deepEqual(o.done!.snapshot.probabilities.map(argmax), golden.final_predictions);
    // Probabilities are softmax(logits): they move no more than the logits do, so the logits' stated bound holds for them.
    golden.final_logits.forEach((t, i) =>
      assertClose(
        Float32Array.from(o.done!.snapshot.probabilities[i]),
        { shape: [10], data: softmax(t.data) },
        `probabilities[${i}]`,
        TRAINED_LOGITS_TOLERANCE,
      ),
    );
    for (const [key, t] of Object.entries(golden.final_state)) {
      assertClose(Float32Array.from(o.done!.state[key].data), t, `final_state ${key}`, TRAINED_STATE_TOLERANCE);
    }
    assert.deepEqual(o.done!.state['conv1.weight'].shape, [10, 1, 5, 5]);
    assert.deepEqual(o.done!.snapshot.kernels!.shape, [10, 1, 5, 5]);
    assert.equal(o.done!.snapshot.featureMaps.length, 5);
    assert.deepEqual(o.done!.snapshot.featureMaps[0].shape, [10, 6, 6]);
    assert.ok(
      o.done!.snapshot.featureMaps[0].data.every((v) => v >= 0),
      'feature maps are taken after the ReLU',
    );
    assert.equal(runner.running, false);
  });

  it('throttles progress to about 20 messages a second (by the worker clock) and stops when asked', async () => {
    let stopAt = 0;
    const run = startRun(runner, { ...tutorialConfig(), epochs: 100_000 }, () => {
      if (!stopAt && run.outcome.progress.length >= 12) {
        stopAt = performance.now();
        runner.stop();
      }
    });
    const o = await run.finished;
    assert.equal(o.error, undefined);
    assert.equal(o.done!.reason, 'stopped');
    // How soon it stops is a speed target (bench W7 and the Training view's summary), not asserted here.
    console.log(`      stopped ${(o.done!.at - stopAt).toFixed(1)} ms after Stop`);
    // The worker's own clock (elapsedMs): arrival times at the host also carry the host's scheduling jitter.
    const gaps = o.progress.slice(1).map((p, i) => p.elapsedMs - o.progress[i].elapsedMs);
    assert.ok(Math.min(...gaps) >= 49, `progress gaps ${gaps.map((g) => g.toFixed(0)).join(', ')} ms`);
    assert.ok(
      o.progress.every((p) => p.losses.length > 1),
      'losses come in batches, not one message per step',
    );
    const snapshots = o.progress.filter((p) => p.snapshot !== null);
    assert.ok(snapshots.length >= 1 && snapshots.length < o.progress.length, 'snapshots are sent less often than losses');
    const snapGaps = snapshots.slice(1).map((p, i) => p.elapsedMs - snapshots[i].elapsedMs);
    assert.ok(
      snapGaps.every((g) => g >= 199),
      `snapshot gaps ${snapGaps.map((g) => g.toFixed(0)).join(', ')} ms`,
    );
    const losses = allLosses(o);
    assert.equal(losses.length, o.done!.steps, 'every step’s loss arrives, stopped runs included');
    assert.ok(o.done!.steps < o.done!.totalSteps);
    assert.equal(o.progress.at(-1)!.epoch, Math.ceil(o.progress.at(-1)!.step / 5));
  });

  it('reports a bad configuration as an error and can train again', async () => {
    const config = tutorialConfig();
    config.images[4] = { ...config.images[4], label: 12 };
    const o = await startRun(runner, config).finished;
    assert.match(o.error!.message, /two_image_1: label 12 is not a class of this model \(0 to 9\)/);
    assert.equal(o.error!.crashed, false);
    const again = await startRun(runner, { ...tutorialConfig(), epochs: 2 }).finished;
    assert.equal(again.done!.steps, 10);
  });

  it('never runs two trainings at once', async () => {
    const run = startRun(runner, { ...tutorialConfig(), epochs: 100_000 });
    assert.throws(() => runner.start(tutorialConfig(), { onProgress() {}, onDone() {}, onError() {} }), /already in progress/);
    runner.stop();
    assert.equal((await run.finished).done!.reason, 'stopped');
  });

  it('reports a dead worker and trains again with a fresh one', async () => {
    const run = startRun(runner, { ...tutorialConfig(), epochs: 100_000 }, () => runner.crashWorkerForTest());
    const o = await run.finished;
    assert.equal(o.error!.crashed, true);
    assert.match(o.error!.message, /worker stopped unexpectedly \(exit code 3\)/);
    assert.equal(runner.running, false);
    const again = await startRun(runner, { ...tutorialConfig(), initialState: golden.initial_state }).finished;
    assert.equal(again.done!.reason, 'finished');
    assert.ok(Math.abs(allLosses(again)[499] - golden.losses[499]) < 1e-3);
  });
});
