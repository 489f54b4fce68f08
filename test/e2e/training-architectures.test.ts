// Training e2e in code-server for an architecture that is not a chain: a residual network with its own Block class and
// torch.cat, read from the open file through the model IR, trained in mini-batches with SGD (momentum, weight decay).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { useVSCode } from './harness';

const FILE = 'resnet_train.py';
const SOURCE = readFileSync(join(__dirname, 'fixtures', FILE), 'utf8');

async function setNumber(frame: Frame, cls: string, value: number): Promise<void> {
  const input = frame.locator(`tl-training-view input.${cls}`);
  await input.fill(String(value));
  await input.dispatchEvent('change');
}

describe('training real architectures (code-server)', function () {
  this.timeout(420_000);
  const code = useVSCode({ height: 1000, files: { [FILE]: SOURCE } });

  it('trains a residual model of the open file with mini-batches and learns its three images', async () => {
    const vs = code();
    await vs.openFile(FILE);
    // Open the Training view first: the extension is active once its view shows.
    await vs.page.locator('.activitybar .action-item a[aria-label^="Tensor Lens"]').click();
    await (await vs.webviewFrame('training', 120_000)).locator('tl-training-view button.train').waitFor({ timeout: 60_000 });
    await vs.openFile(FILE);
    await vs.runCommand('Tensor Lens: Train Model in This File');
    const frame = await vs.webviewFrame('training');
    const view = frame.locator('tl-training-view');
    await view
      .locator('.model')
      .getByText(/SmallResNet: \d+ layers, [\d,]+ parameters/)
      .waitFor();
    assert.equal(await view.locator('table.labels select').count(), 3);
    // The automatic first run (Adam, batch 1) finishes; then SGD with momentum, weight decay and batches of 2.
    const summary = view.locator('div.summary');
    await summary.getByText(/^Finished \d+ steps/).waitFor({ timeout: 120_000 });
    await view.locator('select.optimizer').selectOption('sgd');
    await setNumber(frame, 'momentum', 0.9);
    await setNumber(frame, 'batchSize', 2);
    await setNumber(frame, 'weightDecay', 0.0001);
    await setNumber(frame, 'lr', 0.05);
    await setNumber(frame, 'epochs', 60);
    await view.locator('button.train').click();
    // 3 images in batches of 2: 2 steps an epoch, 120 steps.
    await summary.getByText(/^Finished 120 steps/).waitFor({ timeout: 120_000 });
    assert.equal(await view.locator('tl-loss-chart .plot').getAttribute('data-points'), '120');
    assert.deepEqual(await view.locator('tl-predictions-table td.pred').allTextContents(), ['0', '1', '2']);
    await vs.screenshot('training-architectures-01-resnet');
  });
});
