// Convolve Selection e2e in code-server: select image_tensor, run the command, pick the X kernel, follow an edit, insert and undo.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { RESULTS_DIR, ROOT, useVSCode } from './harness';
import { firstEditorText as editorText, waitForEditorText, waitForOutput } from './panel';

const FILE = 'conv2d_intro.py';
const source = readFileSync(join(ROOT, 'examples', FILE), 'utf8');
const IMAGE_START = source.indexOf('torch.tensor([', source.indexOf('image_tensor ='));
const IMAGE = source.slice(IMAGE_START, source.indexOf('.view(1, 1, 5, 5)', IMAGE_START) + '.view(1, 1, 5, 5)'.length);
/** 1-based line of image_tensor's first row. */
const FIRST_ROW_LINE = source.slice(0, source.indexOf('[1, 1, 1, 1, 1]', IMAGE_START)).split('\n').length;

describe('Convolve Selection (code-server)', function () {
  this.timeout(180_000);
  const code = useVSCode({ width: 1600, height: 900 });
  let frame: Frame;

  it("convolves image_tensor's literal with the X kernel picked from the file: a 3×3 map of ones", async () => {
    const vs = code();
    await vs.openFile(FILE);
    await vs.selectText(IMAGE);
    await vs.runCommand('Tensor Lens: Convolve Selection');
    frame = await vs.webviewFrame('convolution');
    const view = frame.locator('tl-convolution-view');
    await view.locator('tl-heatmap-grid.input-grid').waitFor({ timeout: 30_000 });
    assert.match((await view.locator('header h2').textContent()) ?? '', /image_tensor \(conv2d_intro\.py:\d+\)/);
    await view.locator('tl-kernel-picker select#kernel-0').selectOption('literal:kernel_tensor');
    await waitForOutput(frame, [
      [1, 1, 1],
      [1, 1, 1],
      [1, 1, 1],
    ]);
    assert.equal(
      (await view.locator('tl-window-stepper .arithmetic').textContent())?.trim(),
      '1×1 + 1×0 + 1×0 + 1×0 + 1×(−1) + 1×0 + 1×0 + 1×0 + 1×1 = 1',
    );
    await vs.screenshot('convolve-01-panel');
  });

  it('follows an edit of the literal in the editor', async () => {
    const vs = code();
    await vs.selectRange({ line: FIRST_ROW_LINE, column: 6 }, { line: FIRST_ROW_LINE, column: 7 });
    await vs.page.keyboard.type('2');
    // out[0, 0] = 2×1 + … = 2; the other cells don't see the changed pixel through the X's non-zero taps.
    await waitForOutput(frame, [
      [2, 1, 1],
      [1, 1, 1],
      [1, 1, 1],
    ]);
    await vs.screenshot('convolve-02-followed-edit');
  });

  it('inserts the output below the literal in one undoable edit', async () => {
    const vs = code();
    await frame.locator('tl-convolution-view button.insert').click();
    // The tutorial file assigns `output` further down, so the new variable may be output_2.
    const inserted = /\boutput(_\d+)? = torch\.tensor\(\[\[\[\[2\., 1\., 1\.\],/;
    await waitForEditorText(vs.page, inserted);
    assert.match(await editorText(vs.page), inserted, 'inserted output in the editor');
    await vs.screenshot('convolve-03-inserted');
    // Back to the text editor (the panel has focus after the click), then one undo.
    await vs.page
      .locator('.part.editor .monaco-editor .view-lines')
      .first()
      .click({ position: { x: 5, y: 5 } });
    await vs.page.keyboard.press('Control+Z');
    await waitForEditorText(vs.page, inserted, { absent: true });
    const after = await editorText(vs.page);
    assert.doesNotMatch(after, /output(_\d+)? = torch\.tensor/, 'undo removed the insertion');
    assert.ok(after.includes('[2, 1, 1, 1, 1]'), 'undo kept the earlier edit (one step)');
    await vs.screenshot('convolve-04-undone');
  });

  it('steps the sliding window: each position names its output cell and writes its sum (the README sequence)', async () => {
    const vs = code();
    // Undo the earlier one-character edit (the editor has focus after the previous test's undo): all ones again.
    await vs.page.keyboard.press('Control+Z');
    await waitForOutput(frame, [
      [1, 1, 1],
      [1, 1, 1],
      [1, 1, 1],
    ]);
    const view = frame.locator('tl-convolution-view');
    const stepper = view.locator('tl-window-stepper');
    for (let i = 0; i < 3; i++) {
      if (i > 0) await stepper.locator('button.next').click();
      await stepper.locator('.where', { hasText: `out[0, 0, 0, ${i}] =` }).waitFor({ timeout: 10_000 });
      assert.equal(
        (await stepper.locator('.arithmetic').textContent())?.trim(),
        '1×1 + 1×0 + 1×0 + 1×0 + 1×(−1) + 1×0 + 1×0 + 1×0 + 1×1 = 1',
      );
      mkdirSync(RESULTS_DIR, { recursive: true });
      await view.screenshot({ path: join(RESULTS_DIR, `convolve-05-window-${i + 1}.png`) });
    }
  });
});
