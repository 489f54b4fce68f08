// The Convolution panel's transposed switch in Chromium: conv_transpose2d's numbers against PyTorch 1.13 (fixture from
// fixtures/gen-transposed.py), the filled-in H_out/W_out, the zero-inserted plane, the scatter view, keyboard and errors.
import assert from 'node:assert/strict';
import { type TransposedCase as Case, transposedFixture as fixture } from './fixtures/transposed-fixture';
import { useWebviewHarness, type WebviewHarness } from './harness';
import { FLOAT32, isClose } from '../support/close';
import type { HeatmapGridElement } from '../support/panel-grids';

const byName = (prefix: string): Case => fixture.cases.find((c) => c.name.startsWith(prefix))!;
const MAIN = byName('3x3 ⊛ᵀ 3×3, stride 2, padding 1, output_padding 1');

const view = 'tl-convolution-view';
const close = (a: number, b: number, extra = 0) => isClose(a, b, FLOAT32, extra);

async function show(h: WebviewHarness, c: Case) {
  await h.openView('convolution', { width: 1300, height: 900 });
  await h.waitForPosted('ready');
  const k = { name: 'k', line: 2, ...c.kernel };
  await h.send({ type: 'show', title: 'x (t.py:1)', input: c.input, candidates: [k], kernel: 'k', canInsert: true });
  await h.page.locator(`${view} tl-heatmap-grid.input-grid`).waitFor();
}

const field = (h: WebviewHarness, id: string) => h.page.locator(`${view} tl-conv-args-bar input#${id}`);

/** Turns the switch on (by keyboard: focus and Space) and types the case's arguments. */
async function transposeWith(h: WebviewHarness, c: Case) {
  await field(h, 'transposed').focus();
  await h.page.keyboard.press('Space');
  await field(h, 'output-padding-0').waitFor();
  for (const axis of [0, 1]) {
    await field(h, `stride-${axis}`).fill(String(c.args.stride));
    await field(h, `padding-${axis}`).fill(String(c.args.padding));
    await field(h, `dilation-${axis}`).fill(String(c.args.dilation));
    await field(h, `output-padding-${axis}`).fill(String(c.args.output_padding));
  }
  if (c.args.bias !== null) {
    await field(h, 'bias-on').check();
    await field(h, 'bias').fill(String(c.args.bias));
  }
}

async function outputShape(h: WebviewHarness) {
  return ((await h.page.locator(`${view} section.output h3 .shape`).textContent()) ?? '').trim();
}

/** The output grid's values (hidden table) and the labels drawn in its cells. */
async function outputGrid(h: WebviewHarness): Promise<{ values: number[]; labels: string[]; rows: number; cols: number }> {
  return h.page.locator(`${view} tl-heatmap-grid.output-grid`).evaluate((g: HeatmapGridElement) => ({
    values: Array.from(g.renderRoot.querySelectorAll('table.values td'), (td) => Number(td.textContent)),
    labels: [...g.drawnLabels],
    rows: g.rows,
    cols: g.cols,
  }));
}

/** Half a unit in the last digit a label shows (labels are exact to their digits). */
function halfUnit(label: string): number {
  const [mant, exp = '0'] = label.replace('−', '-').split('e');
  return 10 ** (Number(exp) - (mant.split('.')[1]?.length ?? 0)) / 2;
}

const where = (h: WebviewHarness) => h.page.locator(`${view} tl-window-stepper .where`);
const sum = (h: WebviewHarness) => h.page.locator(`${view} tl-window-stepper .arithmetic`);

describe('Convolution panel, transposed (webview)', function () {
  this.timeout(60_000);
  const h = useWebviewHarness();

  for (const c of fixture.cases.filter((x) => x.output)) {
    it(`${c.name}: every output value and drawn label is PyTorch's`, async () => {
      await show(h, c);
      await transposeWith(h, c);
      const want = c.output!;
      await h.page.locator(`${view} section.output h3 .shape`, { hasText: want.shape.join('×') }).waitFor();
      const got = await outputGrid(h);
      assert.deepEqual([got.rows, got.cols], want.shape.slice(-2));
      assert.equal(got.values.length, want.data.length);
      want.data.forEach((b, i) => assert.ok(close(got.values[i], b), `cell ${i}: ${got.values[i]} vs PyTorch ${b}`));
      assert.equal(got.labels.length, want.data.length, 'every cell is labelled');
      want.data.forEach((b, i) => {
        const label = got.labels[i];
        assert.ok(label !== '', `cell ${i} has no label`);
        assert.ok(close(Number(label.replace('−', '-')), b, halfUnit(label)), `cell ${i} reads ${label}, PyTorch ${b}`);
      });
      assert.deepEqual(h.errors(), []);
    });
  }

  it('writes H_out and W_out with the numbers and draws the 8×8 zero-inserted plane: inserted zeros and padding marked', async () => {
    await show(h, MAIN);
    await transposeWith(h, MAIN);
    await h.page.locator(`${view} section.output h3 .shape`, { hasText: '1×1×6×6' }).waitFor();
    assert.deepEqual(await h.page.locator(`${view} .formula`).allTextContents(), [
      'H_out = (3 − 1)·2 − 2·1 + 1·(3 − 1) + 1 + 1 = 6',
      'W_out = (3 − 1)·2 − 2·1 + 1·(3 − 1) + 1 + 1 = 6',
    ]);
    const grid = h.page.locator(`${view} tl-heatmap-grid.input-grid`);
    const plane = await grid.evaluate((g: HeatmapGridElement) => ({
      rows: g.rows,
      cols: g.cols,
      mask: Array.from(g.padMask as Uint8Array),
    }));
    // (3 − 1)·2 + 1 = 5 after inserting zeros, 1·(3 − 1) − 1 = 1 padding before, 1 + output_padding 1 = 2 after: 8.
    assert.deepEqual([plane.rows, plane.cols], [8, 8]);
    const row = (r: number) => plane.mask.slice(r * 8, r * 8 + 8).join('');
    assert.equal(row(0), '11111111');
    assert.equal(row(1), '10202011');
    assert.equal(row(2), '12222211');
    assert.equal(row(7), '11111111');
    const firstRow = await grid.locator('table.values tr').nth(1).locator('td').allTextContents();
    assert.deepEqual(
      firstRow.map((t) => t.trim()),
      ['pad 0', '1', 'inserted 0', '-2', 'inserted 0', '0.5', 'pad 0', 'pad 0'],
    );
    assert.match((await h.page.locator(`${view} .plane-shape`).textContent()) ?? '', /zero-inserted 8×8/);
    // The flipped kernel's window at out[0, 0] covers plane rows/cols 0–2; its sum reads input[0, 0] × kernel[1, 1].
    assert.equal(await where(h).textContent(), 'out[0, 0, 0, 0] =');
    const window = await grid.evaluate((g: HeatmapGridElement) => g.window);
    assert.deepEqual(window, [
      [0, 0],
      [0, 1],
      [0, 2],
      [1, 0],
      [1, 1],
      [1, 2],
      [2, 0],
      [2, 1],
      [2, 2],
    ]);
    // The flipped kernel is [[1, 0, 0.5], [3, −1, 0], [0, 2, 1]]; out[0, 0] = input[0, 0] × kernel[1, 1] = 1 × (−1), the
    // other eight taps read padding or inserted zeros.
    assert.equal((await sum(h).textContent())?.trim(), '0×1 + 0×0 + 0×0.5 + 0×3 + 1×(−1) + 0×0 + 0×0 + 0×2 + 0×1 = −1');
    assert.equal(MAIN.output!.data[0], -1);
    assert.deepEqual(h.errors(), []);
  });

  it('scatter view: each step is an input cell, the output cells it reaches are highlighted, the sum of one output cell', async () => {
    await show(h, MAIN);
    await transposeWith(h, MAIN);
    await h.page.locator(`${view} button.mode.scatter`).click();
    const out = h.page.locator(`${view} tl-heatmap-grid.output-grid`);
    const input = h.page.locator(`${view} tl-heatmap-grid.input-grid`);
    await h.page.locator(`${view} .scatter-line`).waitFor();
    // input[0, 0] lands at 0·2 − 1 + k: rows and cols −1..1, of which 0..1 are inside the output.
    assert.deepEqual(await input.evaluate((g: HeatmapGridElement) => [g.rows, g.cols, g.current]), [3, 3, [0, 0]]);
    assert.deepEqual(await out.evaluate((g: HeatmapGridElement) => g.window), [
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
    assert.equal(
      (await h.page.locator(`${view} .scatter-line`).textContent())?.trim(),
      'input[0, 0] = 1 scatters 1 × kernel into 4 output cells',
    );
    // Three steps on by keyboard: input[1, 0] = 3 reaches rows 1..3, cols 0..1.
    await h.page.locator(`${view} .scatter-line`).click();
    for (let i = 0; i < 3; i++) await h.page.keyboard.press('ArrowRight');
    assert.deepEqual(await input.evaluate((g: HeatmapGridElement) => g.current), [1, 0]);
    assert.deepEqual(await out.evaluate((g: HeatmapGridElement) => g.window), [
      [1, 0],
      [1, 1],
      [2, 0],
      [2, 1],
      [3, 0],
      [3, 1],
    ]);
    assert.equal(await where(h).textContent(), 'out[0, 0, 1, 0] =');
    // out[1, 0]: input[0, 0] × kernel[2, 1] + input[1, 0] × kernel[0, 1] = 1×0 + 3×2 = 6 (PyTorch: 6).
    assert.equal((await sum(h).textContent())?.trim(), '1×0 + 3×2 = 6');
    assert.equal(MAIN.output!.data[6], 6);
    // Clicking an output cell writes its sum: out[1, 1] (1 = iy·2 − 1 + ky for iy, ky = 0, 2 and 1, 0) sums four products.
    const canvas = out.locator('canvas.base');
    const cell = (await canvas.boundingBox())!.width / 6;
    await canvas.click({ position: { x: cell * 1.5, y: cell * 1.5 } });
    await where(h).filter({ hasText: 'out[0, 0, 1, 1] =' }).waitFor();
    const text = (await sum(h).textContent())?.trim() ?? '';
    assert.ok(text.endsWith(`= ${String(MAIN.output!.data[7]).replace('-', '−')}`), text);
    assert.equal(text.split(' + ').length, 4, text);
    assert.deepEqual(h.errors(), []);
  });

  it("output_padding ≥ stride shows PyTorch's message, keeping input and kernel; switching off goes back to conv2d", async () => {
    const bad = byName('output_padding 2 with stride 2');
    await show(h, bad);
    await transposeWith(h, bad);
    const error = h.page.locator(`${view} section.output .error .message`);
    await error.waitFor();
    assert.equal((await error.textContent())?.trim(), bad.error);
    assert.equal(await h.page.locator(`${view} tl-heatmap-grid.output-grid`).count(), 0);
    assert.equal(await h.page.locator(`${view} tl-heatmap-grid.input-grid`).count(), 1);
    assert.equal(await h.page.locator(`${view} tl-heatmap-grid.kernel-grid`).count(), 1);
    // Keyboard off: the output_padding field goes, conv2d's output and formula come back.
    await field(h, 'transposed').focus();
    await h.page.keyboard.press('Space');
    await field(h, 'output-padding-0').waitFor({ state: 'detached' });
    // F.conv2d of a 3×3 input with a 3×3 kernel, stride 2, padding 1: 2×2.
    assert.equal(await outputShape(h), '1×1×2×2');
    assert.match((await h.page.locator(`${view} .formula`).first().textContent()) ?? '', /^H_out = ⌊/);
    assert.deepEqual(h.errors(), []);
  });

  it("a too-small output shows PyTorch's message with the formula that explains it; padding modes other than zeros are refused", async () => {
    const small = byName('padding too large');
    await show(h, small);
    await transposeWith(h, small);
    const error = h.page.locator(`${view} section.output .error .message`);
    await error.waitFor();
    assert.equal((await error.textContent())?.trim(), small.error);
    assert.deepEqual(await h.page.locator(`${view} .formula`).allTextContents(), [
      'H_out = (1 − 1)·1 − 2·1 + 1·(2 − 1) + 0 + 1 = 0',
      'W_out = (1 − 1)·1 − 2·1 + 1·(2 − 1) + 0 + 1 = 0',
    ]);
    for (const axis of [0, 1]) await field(h, `padding-${axis}`).fill('0');
    await h.page.locator(`${view} tl-conv-args-bar select#padding-mode`).selectOption('reflect');
    await error.filter({ hasText: 'padding mode' }).waitFor();
    assert.equal((await error.textContent())?.trim(), fixture.padding_mode_error);
  });

  it('the view toggle is a radio group: Tab reaches it, arrow keys switch views without stepping', async () => {
    await show(h, MAIN);
    await transposeWith(h, MAIN);
    const zero = h.page.locator(`${view} button.mode.zero-inserted`);
    const scatter = h.page.locator(`${view} button.mode.scatter`);
    assert.equal(await h.page.locator(`${view} [role=radiogroup]`).getAttribute('aria-label'), 'how conv_transpose2d is shown');
    assert.deepEqual([await zero.getAttribute('tabindex'), await scatter.getAttribute('tabindex')], ['0', '-1']);
    await zero.focus();
    await h.page.keyboard.press('ArrowRight');
    await h.page.locator(`${view} button.mode.scatter[aria-checked=true]`).waitFor();
    assert.equal(await zero.getAttribute('aria-checked'), 'false');
    assert.equal(await scatter.evaluate((b) => b.getRootNode() && (b.getRootNode() as ShadowRoot | Document).activeElement === b), true);
    // The arrow switched views only: the stepper is still on its first step (input[0, 0]).
    assert.deepEqual(await h.page.locator(`${view} tl-heatmap-grid.input-grid`).evaluate((g: HeatmapGridElement) => g.current), [0, 0]);
    await h.page.keyboard.press('ArrowLeft');
    await h.page.locator(`${view} button.mode.zero-inserted[aria-checked=true]`).waitFor();
    assert.equal(await where(h).textContent(), 'out[0, 0, 0, 0] =');
  });

  it('the kernel editor edits the kernel as written (not flipped) and the output follows', async () => {
    await show(h, MAIN);
    await transposeWith(h, MAIN);
    await h.page.locator(`${view} section.kernel button.edit`).click();
    const cells = h.page.locator(`${view} tl-kernel-editor input.cell`);
    assert.deepEqual((await cells.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).map(Number), MAIN.kernel.data);
    // kernel[0, 0]: 1 → 5. conv_transpose2d is linear in the kernel: out[1, 3] gains 4 × input[1, 2] (1 = 1·2 − 1 + 0,
    // 3 = 2·2 − 1 + 0), which is 4 × (−1).
    await cells.first().fill('5');
    const want = MAIN.output!.data[1 * 6 + 3] - 4;
    await h.page.waitForFunction(
      ({ sel, want }) => {
        const g = document.querySelector('tl-convolution-view')?.shadowRoot?.querySelector(sel) as unknown as {
          valueAt(r: number, c: number): number;
        } | null;
        return g && Math.abs(g.valueAt(1, 3) - want) < 1e-6;
      },
      { sel: 'tl-heatmap-grid.output-grid', want },
    );
  });

  it('Snippet copies the F.conv_transpose2d call with output_padding, the weight as [C_in, C_out, kH, kW]', async () => {
    await show(h, MAIN);
    await transposeWith(h, MAIN);
    await h.page.locator(`${view} section.output h3 .shape`, { hasText: '1×1×6×6' }).waitFor();
    await h.page.locator(`${view} button.snippet`).click();
    const m = await h.waitForPosted<{ type: string; text: string }>('copy');
    assert.match(m.text, /^out = F\.conv_transpose2d\(x, k, stride=\(2, 2\), padding=\(1, 1\), output_padding=\(1, 1\)\)$/m);
    assert.match(m.text, /^k = torch\.tensor\(\[\[\[\[/m);
    assert.doesNotMatch(m.text, /F\.conv2d/);
  });

  it('the switch, output_padding and the view survive a reload (webview state)', async () => {
    await show(h, MAIN);
    await transposeWith(h, MAIN);
    await h.page.locator(`${view} button.mode.scatter`).click();
    await h.page.locator(`${view} section.output h3 .shape`, { hasText: '1×1×6×6' }).waitFor();
    await h.reload();
    await h.page.locator(`${view} section.output h3 .shape`, { hasText: '1×1×6×6' }).waitFor();
    assert.equal(await field(h, 'transposed').isChecked(), true);
    assert.equal(await field(h, 'transposed').getAttribute('role'), 'switch');
    assert.equal(await field(h, 'output-padding-0').inputValue(), '1');
    assert.equal(await h.page.locator(`${view} button.mode.scatter`).getAttribute('aria-checked'), 'true');
  });
});
