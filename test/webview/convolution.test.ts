// The Convolution panel in Chromium: the tutorial's 5×5 ones ⊛ X, its arithmetic, live padding/stride, PyTorch's error text.
import assert from 'node:assert/strict';
import { useWebviewHarness, type WebviewHarness } from './harness';
import { gridNumbers } from '../support/panel-grids';

const ones = (h: number, w: number) => ({ shape: [h, w], data: new Array(h * w).fill(1) });

async function showTensor(h: WebviewHarness, input: { shape: number[]; data: number[] }, extra: Record<string, unknown> = {}) {
  await h.openView('convolution', { width: 1100, height: 800 });
  await h.waitForPosted('ready');
  await h.send({ type: 'show', title: 'image_tensor (examples/conv2d_intro.py:12)', input, candidates: [], canInsert: true, ...extra });
  await h.page.locator('tl-convolution-view tl-heatmap-grid.input-grid').waitFor();
}

/** The output grid's values, read from its hidden accessible table. */
const outputValues = (h: WebviewHarness): Promise<number[][]> => gridNumbers(h.page, 'output-grid');

async function outputShape(h: WebviewHarness): Promise<string> {
  return ((await h.page.locator('tl-convolution-view section.output h3 .shape').textContent()) ?? '').trim();
}

async function setNumber(h: WebviewHarness, id: string, value: number) {
  await h.page.locator(`tl-convolution-view tl-conv-args-bar input#${id}`).fill(String(value));
}

describe('Convolution panel (webview)', function () {
  this.timeout(60_000);
  const h = useWebviewHarness();

  it("renders the tutorial's 5×5 ones with the X kernel as a 3×3 map of ones", async () => {
    await showTensor(h, ones(5, 5));
    assert.deepEqual(await outputValues(h), [
      [1, 1, 1],
      [1, 1, 1],
      [1, 1, 1],
    ]);
    assert.equal(await outputShape(h), '1×1×3×3');
    const formulas = await h.page.locator('tl-convolution-view .formula').allTextContents();
    assert.deepEqual(formulas, ['H_out = ⌊(5 + 2·0 − 1·(3−1) − 1)/1⌋ + 1 = 3', 'W_out = ⌊(5 + 2·0 − 1·(3−1) − 1)/1⌋ + 1 = 3']);
    assert.deepEqual(h.errors(), []);
  });

  it("stepping shows the tutorial's arithmetic for cell (0,0), then moves the window", async () => {
    await showTensor(h, ones(5, 5));
    const sum = h.page.locator('tl-convolution-view tl-window-stepper .arithmetic');
    assert.equal((await sum.textContent())?.trim(), '1×1 + 1×0 + 1×0 + 1×0 + 1×(−1) + 1×0 + 1×0 + 1×0 + 1×1 = 1');
    assert.equal(await h.page.locator('tl-convolution-view tl-window-stepper .where').textContent(), 'out[0, 0, 0, 0] =');
    await h.page.locator('tl-convolution-view tl-window-stepper button.next').click();
    assert.equal(await h.page.locator('tl-convolution-view tl-window-stepper .where').textContent(), 'out[0, 0, 0, 1] =');
    await h.page.keyboard.press('ArrowRight');
    await h.page.keyboard.press('ArrowRight');
    assert.equal(await h.page.locator('tl-convolution-view tl-window-stepper .where').textContent(), 'out[0, 0, 1, 0] =');
    const window = await h.page
      .locator('tl-convolution-view tl-heatmap-grid.input-grid')
      .evaluate((el) => (el as unknown as { window: number[][] }).window);
    assert.deepEqual(window, [
      [1, 0],
      [1, 1],
      [1, 2],
      [2, 0],
      [2, 1],
      [2, 2],
      [3, 0],
      [3, 1],
      [3, 2],
    ]);
    await h.page.keyboard.press('ArrowLeft');
    assert.equal(await h.page.locator('tl-convolution-view tl-window-stepper .where').textContent(), 'out[0, 0, 0, 2] =');
  });

  it('padding 1 gives a 5×5 map with the zero ring drawn as padding', async () => {
    await showTensor(h, ones(5, 5));
    await setNumber(h, 'padding-0', 1);
    await setNumber(h, 'padding-1', 1);
    assert.equal(await outputShape(h), '1×1×5×5');
    // F.conv2d(torch.ones(1, 1, 5, 5), X, padding=1) in PyTorch 1.13
    assert.deepEqual(await outputValues(h), [
      [0, 0, 0, 0, -1],
      [0, 1, 1, 1, 0],
      [0, 1, 1, 1, 0],
      [0, 1, 1, 1, 0],
      [-1, 0, 0, 0, 0],
    ]);
    const grid = h.page.locator('tl-convolution-view tl-heatmap-grid.input-grid');
    assert.deepEqual(
      await grid.evaluate((el) => [(el as unknown as { rows: number }).rows, (el as unknown as { cols: number }).cols]),
      [7, 7],
    );
    // trim(): Prettier's layout of the template puts whitespace text nodes around the cells.
    assert.match(((await grid.locator('table.values tr').first().textContent()) ?? '').trim(), /^pad 0/);
  });

  it('stride 2 gives a 2×2 map', async () => {
    await showTensor(h, ones(5, 5));
    await setNumber(h, 'stride-0', 2);
    await setNumber(h, 'stride-1', 2);
    assert.equal(await outputShape(h), '1×1×2×2');
    assert.deepEqual(await outputValues(h), [
      [1, 1],
      [1, 1],
    ]);
  });

  it("shows PyTorch's error for a 5×5 kernel on a 4×4 input, keeping input and kernel visible", async () => {
    const k5 = { name: 'big', line: 3, shape: [5, 5], data: new Array(25).fill(1) };
    await showTensor(h, ones(4, 4), { candidates: [k5], kernel: 'big' });
    const error = h.page.locator('tl-convolution-view section.output .error');
    await error.waitFor();
    assert.equal(
      (await error.locator('.message').textContent())?.trim(),
      "RuntimeError: Calculated padded input size per channel: (4 x 4). Kernel size: (5 x 5). Kernel size can't be greater than actual input size",
    );
    assert.equal(await h.page.locator('tl-convolution-view tl-heatmap-grid.output-grid').count(), 0);
    assert.equal(await h.page.locator('tl-convolution-view tl-heatmap-grid.input-grid').count(), 1);
    assert.equal(await h.page.locator('tl-convolution-view tl-heatmap-grid.kernel-grid').count(), 1);
    assert.deepEqual(h.errors(), []);
  });
});

describe('Convolution panel with a 512×512 input (webview)', function () {
  this.timeout(120_000);
  const h = useWebviewHarness();

  it('draws to canvases without per-cell DOM, steps and takes argument changes (their times: printed, not asserted)', async () => {
    const data = Array.from({ length: 512 * 512 }, (_, i) => Math.sin(i / 37) * Math.cos(i / 511));
    const t0 = Date.now();
    await showTensor(h, { shape: [512, 512], data });
    await h.page.locator('tl-convolution-view tl-heatmap-grid.output-grid').waitFor();
    const firstMs = Date.now() - t0;
    assert.equal(await outputShape(h), '1×1×510×510');
    // No hidden value table (and so no per-cell DOM) at this size.
    assert.equal(await h.page.locator('tl-convolution-view tl-heatmap-grid.input-grid table').count(), 0);
    assert.equal(await h.page.locator('tl-convolution-view tl-heatmap-grid.output-grid table').count(), 0);
    const stepMs = await h.page.evaluate(async () => {
      const start = performance.now();
      for (let i = 0; i < 10; i++) {
        dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight' }));
        await new Promise((r) => requestAnimationFrame(r));
      }
      return (performance.now() - start) / 10;
    });
    assert.equal(await h.page.locator('tl-convolution-view tl-window-stepper .where').textContent(), 'out[0, 0, 0, 10] =');
    const t1 = Date.now();
    await setNumber(h, 'stride-0', 2);
    await h.page.locator('tl-convolution-view section.output h3 .shape', { hasText: '1×1×255×510' }).waitFor();
    const argMs = Date.now() - t1;
    const convMs = Number((await h.page.locator('tl-convolution-view section.output .ms').textContent())?.replace(' ms', ''));
    console.log(
      `      512×512: first show ${firstMs} ms, step ${stepMs.toFixed(1)} ms/frame, stride change ${argMs} ms (conv2d ${convMs} ms)`,
    );
    assert.deepEqual(h.errors(), []);
  });
});
