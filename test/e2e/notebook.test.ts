// Notebook tensors e2e: a Jupyter notebook run in a real ipykernel (through the test-only ms-toolsai.jupyter bridge) and
// its kernel's tensors seen through Tensor Lens as a user would: hover, Tensors view, panel, Explain This Layer.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { formatStat } from '../../src/hover/stats';
import { ROOT, useVSCode } from './harness';
import { notebookGoTo, pickCommand, runCommand, waitForWebviewText } from './workbench';

const NOTEBOOK = 'live_tensors_notebook.ipynb';
const PYTHON = '/usr/bin/python3';
const cells = (
  JSON.parse(readFileSync(join(ROOT, 'examples', NOTEBOOK), 'utf8')) as { cells: { cell_type: string; source: string[] }[] }
).cells
  .filter((c) => c.cell_type === 'code')
  .map((c) => c.source.join(''));

/** PyTorch's own statistics of `features`, from a separate Python run of the notebook's first two code cells. */
function featureStats(): { min: number; max: number; mean: number } {
  const script = `${cells[0]}\n${cells[1]}\nimport json\nprint(json.dumps([features.min().item(), features.max().item(), features.double().mean().item()]))\n`;
  const r = spawnSync(PYTHON, ['-c', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const [min, max, mean] = JSON.parse(r.stdout) as number[];
  return { min, max, mean };
}

function tensorsRow(page: Page, name: string): Locator {
  return page.locator(`.monaco-list-row[aria-label^="${name}: "]`).first();
}

/** Shows the Tensors view with the Training view above it collapsed, so that every row has room. */
async function showTensorsView(page: Page): Promise<void> {
  await runCommand(page, 'Tensor Lens: Focus on Tensors View');
  await page.locator('.pane-header[aria-label^="Tensors"]').first().waitFor();
  const training = page.locator('.pane-header[aria-label^="Training"][aria-expanded="true"]');
  if (await training.count()) {
    await training.first().click();
    await page.locator('.pane-header[aria-label^="Training"][aria-expanded="false"]').first().waitFor();
    await runCommand(page, 'Tensor Lens: Focus on Tensors View');
  }
}

async function waitForNotification(page: Page, pattern: RegExp, timeoutMs = 60_000): Promise<string> {
  const toast = page.locator('.notifications-toasts .notification-list-item-message', { hasText: pattern }).first();
  await toast.waitFor({ timeout: timeoutMs });
  return (await toast.innerText()).replace(/\u00a0/g, ' ');
}

describe('Notebook tensors in a real ipykernel (code-server)', function () {
  this.timeout(300_000);
  const code = useVSCode({ width: 1600, height: 1000, extensions: ['test/e2e/fixtures/jupyter-kernels'] });

  it('runs all cells of the notebook in its kernel', async () => {
    const vs = code();
    await vs.page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${NOTEBOOK}"]`).first().click();
    await vs.page.locator(`.tabs-container .tab.active[data-resource-name="${NOTEBOOK}"]`).waitFor({ timeout: 30_000 });
    await vs.page.locator('.notebook-editor .cell-editor-container .monaco-editor .view-line').first().waitFor({ timeout: 30_000 });
    await vs.page.locator('.notebook-editor:visible .notebook-toolbar-container .action-item', { hasText: 'Run All' }).first().click();
    // The last cell is done once its tensors are in the kernel (outputs are drawn in a webview, out of the page's reach).
    await showTensorsView(vs.page);
    await tensorsRow(vs.page, 'edges').waitFor({ timeout: 180_000 });
    await vs.screenshot('notebook-run-all');
  });

  it("hovers a tensor in a code cell: the kernel's value, with the statistics PyTorch computes", async () => {
    const vs = code();
    const hover = await vs.hoverInNotebook(NOTEBOOK, 'features =');
    await hover.getByText('kernel · after cell [3]', { exact: false }).first().waitFor({ timeout: 30_000 });
    const text = (await hover.innerText()).replace(/\u00a0/g, ' ');
    const s = featureStats();
    assert.ok(text.includes('shape 1×8×16×16'), text);
    assert.ok(text.includes(`min ${formatStat(s.min)}`) && text.includes(`max ${formatStat(s.max)}`), text);
    assert.ok(text.includes(`mean ${formatStat(s.mean)}`), `${text}\nexpected mean ${formatStat(s.mean)}`);
    const drawn = await hover
      .locator('img[alt^="heatmap"]')
      .evaluateAll((els) => els.filter((e) => (e as unknown as { naturalWidth: number }).naturalWidth > 0).length);
    assert.ok(drawn >= 1, 'the heatmap image is decoded');
    await vs.screenshot('notebook-live-hover');
    await vs.hideHover();
  });

  it("lists the kernel's tensors and the model's parameters under it in the Tensors view", async () => {
    const vs = code();
    await showTensorsView(vs.page);
    await tensorsRow(vs.page, 'features').waitFor({ timeout: 30_000 });
    for (const name of ['img', 'out', 'edges', 'model']) await tensorsRow(vs.page, name).waitFor();
    assert.match((await tensorsRow(vs.page, 'img').getAttribute('aria-label')) ?? '', /float32 {2}cpu {2}1×3×32×32/);
    assert.match((await tensorsRow(vs.page, 'model').getAttribute('aria-label')) ?? '', /SmallNet {2}4 parameters/);
    assert.match(
      (await tensorsRow(vs.page, 'conv1').getAttribute('aria-label')) ?? '',
      /Conv2d {2}3 → 8 {2}kernel 3×3 {2}stride 2×2 {2}reflect/,
    );
    assert.match((await tensorsRow(vs.page, 'conv1.weight').getAttribute('aria-label')) ?? '', /float32 {2}cpu {2}8×3×3×3/);
    await tensorsRow(vs.page, 'conv2.bias').waitFor();
    const header = await vs.page.locator('.pane-header[aria-label^="Tensors"]').first().innerText();
    assert.match(header, /kernel · after cell \[3\]/);
    await vs.screenshot('notebook-tensors-view');
  });

  it('opens a kernel tensor in the Convolution panel from the Tensors view', async () => {
    const vs = code();
    await tensorsRow(vs.page, 'features').click();
    const frame = await waitForWebviewText(vs.page, 'convolution', 'features (kernel · after cell [3])', 60_000);
    await frame.getByText('1×8×16×16', { exact: false }).first().waitFor({ timeout: 30_000 });
    await vs.screenshot('notebook-open-in-panel');
  });

  it('explains model.conv1 (stride 2, reflect padding) on the real input: our engine matches PyTorch', async () => {
    const vs = code();
    await showTensorsView(vs.page);
    await tensorsRow(vs.page, 'conv1').click();
    // The input is asked for, the most recent tensor whose channels fit first.
    const first = vs.page.locator('.quick-input-widget .monaco-list-row').first();
    await first.waitFor({ timeout: 30_000 });
    assert.match(await first.innerText(), /^img/);
    await vs.page.locator('.quick-input-widget .quick-input-box input').press('Enter');
    const message = await waitForNotification(vs.page, /Explain model\.conv1\(img\)/);
    const m = /largest \|difference\| ([\d.e+-]+) over (\d+) values/.exec(message);
    assert.ok(m, message);
    assert.ok(Number(m[1]) <= 1e-5, message);
    assert.equal(Number(m[2]), 8 * 16 * 16);
    assert.match(message, /matches PyTorch/);
    const frame = await waitForWebviewText(vs.page, 'convolution', 'img → model.conv1 (kernel · after cell [3])');
    await frame.locator('tl-convolution-view', { hasText: 'model.conv1.weight' }).first().waitFor({ timeout: 30_000 });
    await vs.screenshot('notebook-explain-layer');
  });

  it('refreshes the Tensors view after another cell runs', async () => {
    const vs = code();
    // Into the last cell (the markdown cell counts), from the keyboard.
    await notebookGoTo(vs.page, 3, 1, 1);
    await vs.page.keyboard.press('Escape');
    await runCommand(vs.page, 'Notebook: Insert Code Cell Below');
    await vs.page.keyboard.type('pooled = torch.nn.functional.max_pool2d(features, 2)');
    // Execute Notebook Cell and Select Below, by its key in the cell editor (Shift+Enter, the same in every browser).
    await vs.page.keyboard.press('Shift+Enter');
    await showTensorsView(vs.page);
    await tensorsRow(vs.page, 'pooled').waitFor({ timeout: 60_000 });
    assert.match((await tensorsRow(vs.page, 'pooled').getAttribute('aria-label')) ?? '', /float32 {2}cpu {2}1×8×8×8/);
    const header = await vs.page.locator('.pane-header[aria-label^="Tensors"]').first().innerText();
    assert.match(header, /kernel · after cell \[4\]/);
    await vs.screenshot('notebook-tensors-refreshed');
  });

  it('Open Expression… evaluates in the active notebook’s kernel', async () => {
    const vs = code();
    await pickCommand(vs.page, 'Tensor Lens: Open Expression…');
    const input = vs.page.locator('.quick-input-widget .quick-input-box input[placeholder="x, model.conv1.weight, batch[0]"]');
    await input.fill('model.conv2.weight[:2]');
    await input.press('Enter');
    const frame = await waitForWebviewText(vs.page, 'convolution', 'model.conv2.weight[:2] (kernel');
    await frame.getByText('2×8×3×3', { exact: false }).first().waitFor();
  });

  it('with neither a notebook nor a paused program, Open Expression… says so before asking for an expression', async () => {
    const vs = code();
    await vs.quickOpen('conv2d_intro.py');
    await pickCommand(vs.page, 'Tensor Lens: Open Expression…');
    const message = await waitForNotification(vs.page, /no notebook is active and no Python program is paused/);
    assert.match(message, /^Tensor Lens: can't open an expression: no notebook is active/);
    assert.equal(await vs.page.locator('.quick-input-widget .quick-input-box input').isVisible(), false, 'no expression was asked for');
  });
});
