// Training view in Chromium under the real CSP: chart, predictions table, kernels and feature maps from a scripted message sequence.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { InitMessage, ProgressUpdateMessage, RunStateMessage } from '../../src/core/protocol/training';
import type { StateDict } from '../../src/core/protocol/worker';
import { describeModel } from '../../src/training/model-spec';
import { Trainer } from '../../src/training/trainer';
import { describeData } from '../../src/training/training-session';
import { TUTORIAL_HYPERPARAMETERS, tutorialConfig, tutorialImages, tutorialModel } from '../../src/training/tutorial';
import { useWebviewHarness, type Theme } from './harness';
import { readGolden } from '../goldens';

const ROOT = resolve(__dirname, '..', '..');
const golden = readGolden('train_seed_cnn.json').cases[0] as {
  initial_state: StateDict;
};
const NAMES = tutorialImages().map((i) => i.name);

const init: InitMessage = {
  type: 'init',
  model: describeModel(tutorialModel()),
  data: describeData(tutorialImages()),
  source: 'example',
  images: tutorialImages(),
  classes: 10,
  settings: { ...TUTORIAL_HYPERPARAMETERS },
  weights: 'PyTorch initial weights (torch.manual_seed(0))',
};

/** A real run on the engine, cut into progress messages of 50 steps with a snapshot in every other one, like the worker's stream. */
function scriptedRun(): { progress: ProgressUpdateMessage[]; done: RunStateMessage } {
  const trainer = new Trainer({ ...tutorialConfig(), initialState: golden.initial_state });
  const progress: ProgressUpdateMessage[] = [];
  const losses: number[] = [];
  while (!trainer.finished) {
    const first = trainer.step;
    const batch: number[] = [];
    for (let i = 0; i < 50 && !trainer.finished; i++) batch.push(trainer.next());
    losses.push(...batch);
    progress.push({
      type: 'progress',
      firstStep: first,
      losses: batch,
      step: trainer.step,
      totalSteps: 500,
      elapsedMs: trainer.step * 0.2,
      stepsPerSecond: 5000,
      snapshot: progress.length % 2 ? null : trainer.snapshot(),
    });
  }
  const done: RunStateMessage = {
    type: 'run',
    status: 'finished',
    losses,
    step: 500,
    totalSteps: 500,
    stepsPerEpoch: 5,
    elapsedMs: 100,
    stepsPerSecond: 5000,
    snapshot: trainer.snapshot(),
    imageNames: NAMES,
    message: 'Finished 500 steps in 0.10 s · loss 0.00100 · 5/5 correct · host stall ≤ 3 ms',
  };
  return { progress, done };
}

const running: RunStateMessage = {
  type: 'run',
  status: 'running',
  losses: [],
  step: 0,
  totalSteps: 500,
  stepsPerEpoch: 5,
  elapsedMs: 0,
  stepsPerSecond: 0,
  snapshot: null,
  imageNames: NAMES,
  message: null,
};

describe('training view (webview)', function () {
  this.timeout(60_000);
  const h = useWebviewHarness();
  const script = scriptedRun();

  async function openNarrow(theme: Theme = 'dark') {
    await h.openView('training', { width: 300, height: 1400, theme });
    await h.waitForPosted('ready');
    await h.send(init);
  }

  it('draws the loss curve, predictions, kernels and feature maps as progress arrives, in 300 px', async () => {
    await openNarrow();
    const view = h.page.locator('tl-training-view');
    await view.locator('.model').getByText('Conv2d(1,10,5) → ReLU → Linear(360,10)').waitFor();
    await h.send(running);
    await h.send(script.progress[0]);
    await view.locator('tl-loss-chart .plot[data-points="50"] canvas').waitFor();
    assert.match((await view.locator('.status').textContent()) ?? '', /step 50\/500 · epoch 10\/100/);
    assert.equal(await view.locator('button.stop').isEnabled(), true);
    for (const p of script.progress.slice(1, 5)) await h.send(p);
    await view.locator('tl-loss-chart .plot[data-points="250"]').waitFor();
    for (const p of script.progress.slice(5)) await h.send(p);
    await view.locator('tl-loss-chart .plot[data-points="500"]').waitFor();
    await h.send(script.done);
    await view
      .locator('.summary')
      .getByText(/5\/5 correct/)
      .waitFor();
    assert.deepEqual(await view.locator('tl-predictions-table td.pred').allTextContents(), ['1', '1', '1', '1', '2']);
    assert.equal(await view.locator('tl-predictions-table tr.right').count(), 5);
    assert.equal(await view.locator('tl-predictions-table tr').nth(1).locator('.bars span').count(), 10);
    assert.equal(await view.locator('.kernel-grid tl-tensor-thumb').count(), 10);
    assert.equal(await view.locator('.map-grid tl-tensor-thumb').count(), 10);
    assert.equal(await view.locator('button.stop').isEnabled(), false);
    // Nothing overflows the narrow sidebar.
    const widths = await h.page.evaluate(() => ({
      doc: document.documentElement.scrollWidth as number,
      win: innerWidth,
    }));
    assert.ok(widths.doc <= widths.win, `content ${widths.doc}px wider than ${widths.win}px`);
    // Kernel heatmaps are really painted (not blank canvases).
    const painted = await view
      .locator('.kernel-grid tl-tensor-thumb')
      .first()
      .evaluate((el) => {
        const c = el.shadowRoot!.querySelector('canvas')!;
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        return new Set(Array.from({ length: d.length / 4 }, (_, i) => `${d[i * 4]},${d[i * 4 + 1]},${d[i * 4 + 2]}`)).size;
      });
    assert.ok(painted > 3, `kernel thumb has ${painted} distinct colours`);
    mkdirSync(resolve(ROOT, 'test-results'), { recursive: true });
    await h.page.screenshot({ path: resolve(ROOT, 'test-results/training-view-webview.png'), fullPage: true });
    assert.deepEqual(h.errors(), []);
  });

  it('posts train with the edited settings, stop, copy and open requests, and picks an image for feature maps', async () => {
    await openNarrow('light');
    const view = h.page.locator('tl-training-view');
    await view.locator('input.lr').fill('0.05');
    await view.locator('input.lr').dispatchEvent('change');
    await view.locator('select.optimizer').selectOption('sgd');
    await view.locator('input.momentum').fill('0.9');
    await view.locator('input.momentum').dispatchEvent('change');
    await view.locator('input.batchSize').fill('4');
    await view.locator('input.batchSize').dispatchEvent('change');
    await view.locator('input.weightDecay').fill('0.0001');
    await view.locator('input.weightDecay').dispatchEvent('change');
    await view.locator('button.train').click();
    const train = await h.waitForPosted<{ type: string; settings: Record<string, unknown> }>('train');
    assert.deepEqual(train.settings, {
      lr: 0.05,
      epochs: 100,
      optimizer: 'sgd',
      momentum: 0.9,
      seed: 0,
      batchSize: 4,
      weightDecay: 0.0001,
    });
    await h.send(running);
    await h.send(script.progress[3]);
    await view.locator('button.stop').click();
    await h.waitForPosted('stop');
    await h.send(script.done);
    await view.locator('select.image-picker').selectOption('two_image_1');
    await view.locator('button.open-map').click();
    const open = await h.waitForPosted<{ type: string; title: string; tensor: { shape: number[]; data: number[] } }>('openTensor');
    assert.equal(open.title, 'two_image_1 → feature map 0');
    assert.deepEqual(open.tensor.shape, [6, 6]);
    assert.deepEqual(open.tensor.data, script.done.snapshot!.featureMaps[4].data.slice(0, 36));
    await view.locator('.kernel-grid button').nth(3).click();
    await view.locator('button.copy-kernels').click();
    const copy = await h.waitForPosted<{ type: string; tensor: { shape: number[] } }>('copyTensor');
    assert.deepEqual(copy.tensor.shape, [10, 1, 5, 5]);
    await view.locator('button.open-kernel').click();
    await h.waitForPosted<{ type: string; title: string }>('openTensor', (m) => m.title === 'conv1.weight[3] (trained)');
    await view.locator('button.load-pytorch').click();
    await h.waitForPosted<{ type: string; from: string }>('loadWeights', (m) => m.from === 'pytorch');
    assert.deepEqual(h.errors(), []);
  });

  it('refuses invalid settings with a message instead of posting train', async () => {
    await openNarrow('high-contrast');
    const view = h.page.locator('tl-training-view');
    await view.locator('input.epochs').fill('2.5');
    await view.locator('input.epochs').dispatchEvent('change');
    await view.getByText('Epochs must be a whole number from 1 to 100,000.').waitFor();
    assert.equal(await view.locator('button.train').isDisabled(), true);
    await view.locator('input.epochs').fill('3');
    await view.locator('input.epochs').dispatchEvent('change');
    await view.locator('input.batchSize').fill('0');
    await view.locator('input.batchSize').dispatchEvent('change');
    await view.getByText('The batch size must be a whole number from 1 to 4,096.').waitFor();
    assert.equal(await view.locator('button.train').isDisabled(), true);
  });

  it('shows a failed run and the file-mode label table', async () => {
    await openNarrow();
    await h.send({
      ...init,
      source: 'file',
      fileName: 'digits.py',
      images: init.images.map((i, k) => ({ ...i, label: k === 0 ? null : i.label })),
    });
    const view = h.page.locator('tl-training-view');
    await view.locator('select[data-name="one_image_1"]').selectOption('7');
    await h.send({
      ...running,
      status: 'failed',
      message: 'the training worker stopped unexpectedly (exit code 3). Press Train to start again.',
    });
    await view
      .locator('.summary.failed')
      .getByText(/stopped unexpectedly/)
      .waitFor();
    await view.locator('button.train').click();
    const train = await h.waitForPosted<{ type: string; labels: Record<string, number | null> }>('train');
    assert.equal(train.labels.one_image_1, 7);
    assert.equal(train.labels.two_image_1, 2);
  });
});
