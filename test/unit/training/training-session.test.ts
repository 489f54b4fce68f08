// The host-side session with the real worker: what the view is sent, the run record, the summary, and starts it refuses.
import assert from 'node:assert/strict';
import type { RunStateMessage, TrainingHostMessage } from '../../../src/core/protocol/training';
import { TrainingRunner } from '../../../src/training/training-runner';
import { summaryText, TrainingSession, type RunSummary } from '../../../src/training/training-session';
import { workerBundle } from '../worker-bundle';

describe('training session', function () {
  this.timeout(30_000);
  let runner: TrainingRunner;
  before(async () => {
    runner = new TrainingRunner(await workerBundle());
  });
  after(() => runner.dispose());

  function session() {
    const sent: TrainingHostMessage[] = [];
    let ended: (v: { summary: RunSummary | null; error: string | null }) => void = () => undefined;
    const end = new Promise<{ summary: RunSummary | null; error: string | null }>((r) => (ended = r));
    const s = new TrainingSession(
      runner,
      (m) => sent.push(structuredClone(m)),
      (summary, error) => ended({ summary, error }),
    );
    return { s, sent, end };
  }

  it('describes the example, trains it with the chosen settings and keeps the whole run for a reloaded view', async () => {
    const { s, sent, end } = session();
    const init = s.initMessage();
    assert.equal(init.model, 'Conv2d(1,10,5) → ReLU → Linear(360,10)');
    assert.equal(init.data, '5 images (4 × "1", 1 × "2")');
    assert.equal(init.classes, 10);
    assert.equal(s.start({ type: 'train', settings: { lr: 0.01, epochs: 20, optimizer: 'adam', momentum: 0, seed: 3 } }), null);
    assert.equal(s.start({ type: 'train' }), 'training is already running');
    const { summary, error } = await end;
    assert.equal(error, null);
    assert.equal(summary!.steps, 100);
    assert.equal(s.record.losses.length, 100);
    assert.equal(s.record.status, 'finished');
    assert.ok(s.trained && s.trained['linear.weight'].data.length === 3600);
    assert.ok(Array.isArray(s.trained['linear.weight'].data), 'exported as plain numbers');
    const last = sent.at(-1) as RunStateMessage;
    assert.equal(last.type, 'run');
    assert.equal(last.message, summaryText(summary!));
    assert.match(last.message!, /^Finished 100 steps in [\d.]+ s · loss [\d.e-]+ · \d\/5 correct · host stall ≤ \d+ ms$/);
    assert.equal((sent[0] as RunStateMessage).status, 'running');
    assert.ok(summary!.hostStallMs >= 0 && Number.isFinite(summary!.hostStallMs));
  });

  it('refuses to train without labelled images and reports model errors before starting a worker', () => {
    const { s } = session();
    s.setSource({ ...s.source, kind: 'file', fileName: 'x.py', images: s.source.images.map((i) => ({ ...i, label: null })) });
    assert.match(s.start({ type: 'train' })!, /no image has a label/);
    s.setSource({
      ...s.source,
      model: {
        ...s.source.model,
        source: { ...s.source.model.source, text: s.source.model.source.text.replace('nn.Linear(10 * 6 * 6, 10)', 'nn.Linear(100, 10)') },
      },
    });
    assert.match(
      s.start({ type: 'train', labels: { one_image_1: 1 } })!,
      /Linear\(100,10\) on input \[1, 360\]: mat1 and mat2 shapes cannot be multiplied \(1x360 and 100x10\)/,
    );
    assert.equal(s.running, false);
  });

  it('tells listeners when a run stops (no polling): stopped() resolves after Stop, and at once when idle', async () => {
    const { s, end } = session();
    let stops = 0;
    const sub = s.onDidStop(() => stops++);
    await s.stopped();
    assert.equal(stops, 0, 'nothing ran');
    assert.equal(s.start({ type: 'train', settings: { lr: 0.01, epochs: 1000, optimizer: 'adam', momentum: 0, seed: 0 } }), null);
    assert.equal(s.running, true);
    const stopped = s.stopped();
    s.stop();
    await stopped;
    assert.equal(s.running, false);
    assert.equal(stops, 1);
    assert.equal((await end).summary?.status, 'stopped');
    sub.dispose();
  });
});
