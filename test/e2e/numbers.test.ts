// Numbers in code-server: a NaN/±Inf literal convolved and inserted back as valid Python; fraction kernels; an RGB input in colour.
import assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { useVSCode, type VSCodeSession } from './harness';
import { hideHover, showHoverAtCursor } from './workbench';
import { type GridName, gridTexts } from '../support/panel-grids';

const WEIRD = "torch.tensor([[1.0, float('nan'), 2.0], [float('inf'), 3.0, -float('inf')], [4.0, 5.0, 6.0]])";
/** A 3×6×8 colour picture (values 0–1): red rises to the right, blue falls, green rises downward. */
const SUNSET = [0, 1, 2].map((c) =>
  Array.from({ length: 6 }, (_, y) =>
    Array.from({ length: 8 }, (_, x) => Math.round((c === 0 ? x / 7 : c === 1 ? y / 5 : 1 - x / 7) * 100) / 100),
  ),
);
const FILES = {
  'numbers_demo.py': [
    'import torch',
    '',
    `weird = ${WEIRD}`,
    'box = torch.tensor([[1.0, 1.0], [1.0, 1.0]])',
    'blur = torch.tensor([[1/9, 1/9, 1/9], [1/9, 1/9, 1/9], [1/9, 1/9, 1/9]])',
    'ones = torch.ones(4, 4)',
    'ramp = torch.tensor([[0.5 * c - 1.0 for c in range(6)] for _ in range(4)])',
    `sunset = torch.tensor(${JSON.stringify(SUNSET)})`,
    'ragged = torch.tensor([[1, 2, 3], [4, 5]])',
    'huge = torch.zeros(4097, 4097)',
    '',
  ].join('\n'),
};

const tableValues = (frame: Frame, grid: string): Promise<string[][]> => gridTexts(frame, grid as GridName);

/** The panel took focus (and its group): click the file's tab in the first editor group to type and select there again. */
async function backToEditor(vs: VSCodeSession): Promise<void> {
  await vs.page.locator('.tabs-container .tab[data-resource-name="numbers_demo.py"]').first().click();
  await vs.page.locator('.editor-group-container.active .monaco-editor').first().waitFor();
}

async function waitFor<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (!ok(last) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    last = await read();
  }
  assert.ok(ok(last), `${what}: ${JSON.stringify(last)}`);
  return last;
}

describe('Numbers the user sees (code-server)', function () {
  this.timeout(180_000);
  const code = useVSCode({ width: 1600, height: 900, files: FILES });

  it("convolves a literal holding NaN and ±Inf, shows PyTorch's NaN/Inf output and inserts it back as float('nan')", async () => {
    const vs = code();
    await vs.openFile('numbers_demo.py');
    await vs.selectText(WEIRD);
    await vs.runCommand('Tensor Lens: Convolve Selection');
    const frame = await vs.webviewFrame('convolution');
    const view = frame.locator('tl-convolution-view');
    await view.locator('tl-heatmap-grid.input-grid').waitFor({ timeout: 30_000 });
    assert.deepEqual(await tableValues(frame, 'input-grid'), [
      ['1', 'NaN', '2'],
      ['Infinity', '3', '-Infinity'],
      ['4', '5', '6'],
    ]);
    await view.locator('tl-kernel-picker select#kernel-0').selectOption('literal:box');
    // F.conv2d(weird.view(1, 1, 3, 3), box.view(1, 1, 2, 2)) in PyTorch 1.13: [[nan, nan], [inf, -inf]].
    await waitFor(
      'output',
      () => tableValues(frame, 'output-grid'),
      (v) =>
        JSON.stringify(v) ===
        JSON.stringify([
          ['NaN', 'NaN'],
          ['Infinity', '-Infinity'],
        ]),
    );
    await vs.screenshot('numbers-01-nan-panel');
    await view.locator('button.insert').click();
    const text = await waitFor(
      'inserted output',
      () => vs.editorText(),
      (t) => t.includes('output = torch.tensor('),
    );
    assert.match(text, /output = torch\.tensor\(\[\[\[\[float\('nan'\), float\('nan'\)\],\s*\[ *float\('inf'\), -float\('inf'\)\]\]\]\]\)/);
    await vs.screenshot('numbers-02-nan-inserted');
    // Save, so the file on disk (which selectText reads) matches the editor for the next steps.
    await backToEditor(vs);
    await vs.page.keyboard.press('Control+S');
    await waitFor(
      'saved',
      async () => vs.readWorkspaceFile('numbers_demo.py'),
      (t) => t.includes("float('nan')], [float('inf')") || t.includes('output = torch.tensor('),
    );
  });

  it('a kernel written as fractions (1/9) is parsed: the box blur of ones is ones', async () => {
    const vs = code();
    await backToEditor(vs);
    await vs.selectText('torch.ones(4, 4)');
    await vs.runCommand('Tensor Lens: Convolve Selection');
    const frame = await vs.webviewFrame('convolution');
    const view = frame.locator('tl-convolution-view');
    await view.locator('tl-kernel-picker select#kernel-0').selectOption('literal:blur');
    // F.conv2d(torch.ones(1, 1, 4, 4), torch.full((1, 1, 3, 3), 1/9)) in PyTorch 1.13: 1 (to float32 rounding) everywhere.
    const out = await waitFor(
      'blurred ones',
      () => tableValues(frame, 'output-grid'),
      (v) => v.length === 2 && v.flat().length === 4,
    );
    for (const cell of out.flat()) assert.ok(Math.abs(Number(cell) - 1) <= 1e-5 + 1.3e-6, `cell ${cell}`);
    await vs.screenshot('numbers-03-fraction-kernel');
  });

  it('a comprehension says it is computed when the program runs, with a Start Debugging button', async () => {
    const vs = code();
    await backToEditor(vs);
    await vs.selectText('ramp = torch.tensor([[0.5 * c - 1.0 for c in range(6)] for _ in range(4)])');
    await vs.runCommand('Tensor Lens: Convolve Selection');
    const toast = vs.page.locator('.notifications-toasts .notification-toast', { hasText: 'is computed when the program runs' });
    await toast.waitFor({ timeout: 15_000 });
    assert.match(
      (await toast.textContent()) ?? '',
      /`ramp` is computed when the program runs: start debugging and hover it to see it live/,
    );
    assert.ok((await toast.locator('.monaco-button', { hasText: 'Start Debugging' }).count()) > 0, 'Start Debugging button');
    await vs.screenshot('numbers-04-computed-at-run-time');
    await vs.page.keyboard.press('Escape');
  });

  it('an RGB literal (3×6×8) is drawn as its colour picture beside its channels, with both kernel outputs', async () => {
    const vs = code();
    await backToEditor(vs);
    await vs.selectText(`torch.tensor(${JSON.stringify(SUNSET)})`);
    await vs.runCommand('Tensor Lens: Convolve Selection');
    const frame = await vs.webviewFrame('convolution');
    const view = frame.locator('tl-convolution-view');
    await view.locator('tl-kernel-picker select#kernel-0').selectOption('preset:x');
    const picture = view.locator('tl-rgb-image.input-rgb canvas');
    await picture.waitFor({ timeout: 30_000 });
    // Top-left pixel: R 0, G 0, B 1 → blue; top-right: R 1, G 0, B 0 → red.
    const px = await picture.evaluate((c) => {
      const ctx = (c as HTMLCanvasElement).getContext('2d')!;
      return [Array.from(ctx.getImageData(0, 0, 1, 1).data), Array.from(ctx.getImageData(7, 0, 1, 1).data)];
    });
    assert.deepEqual(px, [
      [0, 0, 255, 255],
      [255, 0, 0, 255],
    ]);
    await view.locator('.both tl-rgb-image.output-rgb').waitFor();
    await vs.page.waitForTimeout(300);
    await vs.screenshot('numbers-05-rgb-input');
  });

  for (const [slug, text, reason] of [
    ['ragged', 'ragged = torch.tensor([[1, 2, 3], [4, 5]])', 'row 2 has 2 elements, expected 3'],
    ['huge', 'huge = torch.zeros(4097, 4097)', 'tensor has more than 16777216 elements'],
  ] as const) {
    it(`a bad literal (${text}) gives its true reason in Convolve Selection and in the hover, no Start Debugging`, async () => {
      const vs = code();
      await backToEditor(vs);
      await vs.selectText(text);
      await vs.runCommand('Tensor Lens: Convolve Selection');
      const toast = vs.page.locator('.notifications-toasts .notification-toast', { hasText: reason });
      await toast.waitFor({ timeout: 15_000 });
      const said = (await toast.textContent()) ?? '';
      assert.ok(!said.includes('computed when the program runs'), said);
      assert.equal(await toast.locator('.monaco-button', { hasText: 'Start Debugging' }).count(), 0, 'no Start Debugging button');
      await vs.page.keyboard.press('Escape');
      // The cursor inside the constructor's brackets (earlier tests inserted lines above: find the text again).
      await backToEditor(vs);
      await vs.selectText(text);
      await vs.page.keyboard.press('ArrowLeft');
      for (let i = 0; i < text.indexOf('(') + 2; i++) await vs.page.keyboard.press('ArrowRight');
      const hover = await showHoverAtCursor(vs.page);
      await hover.getByText(reason, { exact: false }).first().waitFor({ timeout: 15_000 });
      assert.ok(!(await hover.innerText()).includes('computed when the program runs'));
      await vs.screenshot(`numbers-06-bad-literal-${slug}`);
      await hideHover(vs.page);
    });
  }
});
