// Hover e2e: in a real VS Code, hovering tensor literals (Python, JSON, TypeScript, a notebook cell) and nn.Conv2d calls.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { ROOT, useVSCode, type VSCodeSession } from './harness';

/** Rendered text of a hover with spaces normalised. */
async function textOf(hover: Locator): Promise<string> {
  return (await hover.innerText()).replace(/\u00a0/g, ' ').replace(/[ \t]+/g, ' ');
}

/** Loaded (decoded, non-empty) images in the hover whose alt text starts with the prefix. */
async function loadedImages(hover: Locator, altPrefix: string): Promise<number> {
  const imgs = hover.locator(`img[alt^="${altPrefix}"]`);
  await imgs.first().waitFor();
  return imgs.evaluateAll((els) => els.filter((e) => (e as unknown as { naturalWidth: number }).naturalWidth > 0).length);
}

/** Screenshot once the hover has faded in. */
async function shoot(vs: VSCodeSession, name: string): Promise<string> {
  await vs.page.waitForTimeout(400);
  return vs.screenshot(name);
}

async function dismiss(vs: VSCodeSession): Promise<void> {
  await vs.page.mouse.move(5, 5);
  await vs.page.keyboard.press('Escape');
  await vs.page.locator('.monaco-hover:not(.hidden) .rendered-markdown').first().waitFor({ state: 'detached', timeout: 5_000 }).catch(() => undefined);
}

describe('Hover previews (code-server)', function () {
  this.timeout(180_000);
  const code = useVSCode({ settings: { 'editor.hover.delay': 150, 'editor.hover.sticky': true, 'editor.hover.above': false } });

  it('Python: hovering inside image_tensor shows its shape, stats and two images', async () => {
    const vs = code();
    await vs.openFile('conv2d_intro.py');
    await vs.goTo(12, 1);
    const hover = await vs.hoverAt('[1, 1, 1, 1, 1],');
    await hover.getByText('image_tensor', { exact: false }).first().waitFor({ timeout: 15_000 });
    const text = await textOf(hover);
    assert.match(text, /image_tensor · torch\.float32 · shape 1×1×5×5 · min 1 · max 1 · mean 1/);
    assert.match(text, /kernel: X \(tutorial\) 3×3, stride 1, padding 0 → feature map 3×3/);
    assert.equal(await loadedImages(hover, 'heatmap'), 1);
    assert.equal(await loadedImages(hover, 'feature map'), 1);
    await hover.getByText('Open in Convolution panel').waitFor();
    await shoot(vs, 'hover-01-image-tensor');
    await dismiss(vs);
  });

  it('Python: circle_image under the tutorial X kernel (the README screenshot)', async () => {
    const vs = code();
    const line = vs.readWorkspaceFile('conv2d_intro.py').split('\n').findIndex((l) => l.startsWith('circle_image = ')) + 1;
    await vs.goTo(line - 8, 1);
    await vs.goTo(line, 1);
    const hover = await vs.hoverAt('[0.1, 0, 0, 0, 0.1],');
    await hover.getByText('circle_image', { exact: false }).first().waitFor({ timeout: 15_000 });
    assert.match(await textOf(hover), /circle_image · torch\.float32 · shape 5×5 · min 0 · max 0\.1 · mean 0\.048/);
    assert.equal(await loadedImages(hover, 'feature map'), 1);
    const shot = await shoot(vs, 'hover-02-circle-image');
    mkdirSync(join(ROOT, 'docs', 'images'), { recursive: true });
    copyFileSync(shot, join(ROOT, 'docs', 'images', 'hover.png'));
    await dismiss(vs);
  });

  it('Python: hovering nn.Conv2d(1, 10, 5, 1) shows the output shape and the Linear check', async () => {
    const vs = code();
    const line = vs.readWorkspaceFile('conv2d_intro.py').split('\n').findIndex((l) => l.includes('nn.Conv2d(1, 10, 5, 1)')) + 1;
    await vs.goTo(line, 1);
    const hover = await vs.hoverAt('Conv2d(1, 10, 5, 1)');
    await hover.getByText('output 1×10×6×6', { exact: false }).first().waitFor({ timeout: 15_000 });
    const text = await textOf(hover);
    assert.match(text, /in 1 → out 10 · kernel 5×5 · stride 1 · padding 0 · 260 parameters/);
    assert.match(text, /input 1×1×10×10 .*→ output 1×10×6×6/);
    assert.match(text, /flattened: 10 \* 6 \* 6 = 360 \(matches nn\.Linear\(360, 10\) ✓\)/);
    await shoot(vs, 'hover-03-conv2d-layer');
    await dismiss(vs);
  });

  it("Python: the 5×5 kernel on the 4×4 data shows PyTorch's error", async () => {
    const vs = code();
    const line = vs.readWorkspaceFile('conv2d_intro.py').split('\n').findIndex((l) => l.startsWith('too_big = ')) + 1;
    await vs.goTo(line, 1);
    const hover = await vs.hoverAt('Conv2d(1, 1, 5, 1)');
    await hover.getByText("Kernel size can't be greater than actual input size", { exact: false }).first().waitFor({ timeout: 15_000 });
    assert.match(await textOf(hover), /Calculated padded input size per channel: \(4 x 4\)\. Kernel size: \(5 x 5\)/);
    await shoot(vs, 'hover-04-kernel-too-large');
    await dismiss(vs);
  });

  it('JSON: hovering the kernel in tensors.json', async () => {
    const vs = code();
    await vs.openFile('tensors.json');
    const hover = await vs.hoverAt('[0, -1, 0]');
    await hover.getByText('shape 3×3', { exact: false }).first().waitFor({ timeout: 15_000 });
    assert.match(await textOf(hover), /kernel · float32 · shape 3×3 · min -1 · max 1/);
    assert.equal(await loadedImages(hover, 'heatmap'), 1);
    await shoot(vs, 'hover-05-json');
    await dismiss(vs);
  });

  it('TypeScript: hovering sobelX in tensors.ts', async () => {
    const vs = code();
    await vs.openFile('tensors.ts');
    const line = vs.readWorkspaceFile('tensors.ts').split('\n').findIndex((l) => l.includes('[-2, 0, 2]')) + 1;
    await vs.goTo(line, 1);
    const hover = await vs.hoverAt('[-2, 0, 2]');
    await hover.getByText('sobelX', { exact: false }).first().waitFor({ timeout: 15_000 });
    assert.match(await textOf(hover), /sobelX · float32 · shape 3×3 · min -2 · max 2 · mean 0/);
    assert.equal(await loadedImages(hover, 'heatmap'), 1);
    assert.equal(await loadedImages(hover, 'feature map'), 1);
    await shoot(vs, 'hover-06-typescript');
    await dismiss(vs);
  });

  it('Notebook: a tensor in a code cell, and F.conv2d fed from another cell', async () => {
    const vs = code();
    // Opened from the explorer by hand: the harness's openFile waits for a text editor, a notebook has cell editors.
    await vs.page.locator('.explorer-folders-view .monaco-list-row[aria-label="conv2d_intro.ipynb"]').first().click();
    await vs.page.locator('.tabs-container .tab.active[data-resource-name="conv2d_intro.ipynb"]').waitFor({ timeout: 20_000 });
    await vs.page.locator('.notebook-editor .cell-editor-container .monaco-editor .view-line').first().waitFor({ timeout: 30_000 });
    const hover = await vs.hoverAt('[0, 0, 1, 0, 0],');
    await hover.getByText('image_tensor', { exact: false }).first().waitFor({ timeout: 15_000 });
    assert.match(await textOf(hover), /image_tensor · torch\.float32 · shape 1×1×5×5/);
    assert.equal(await loadedImages(hover, 'heatmap'), 1);
    await shoot(vs, 'hover-07-notebook-tensor');
    await dismiss(vs);
    await vs.page.mouse.move(800, 500);
    for (let i = 0; i < 10 && !(await vs.page.locator('.notebook-editor .view-line', { hasText: 'F.conv2d(image_tensor' }).isVisible()); i++) await vs.page.mouse.wheel(0, 400);
    const layer = await vs.hoverAt('F.conv2d(image_tensor');
    await layer.getByText('output 1×1×5×5', { exact: false }).first().waitFor({ timeout: 15_000 });
    await shoot(vs, 'hover-08-notebook-conv2d');
    await dismiss(vs);
  });
});
