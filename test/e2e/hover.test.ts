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

/**
 * Hovers text until the hover shows `expected`: the first hover after opening a file can race the extension's activation,
 * and VS Code does not ask again until the mouse moves.
 */
async function hoverFor(
  vs: VSCodeSession,
  text: string,
  expected: string,
  within = '.editor-group-container.active .monaco-editor',
): Promise<Locator> {
  let last: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const hover = within.includes('notebook') ? await hoverInside(vs, within, text) : await vs.hoverAt(text);
      await hover.getByText(expected, { exact: false }).first().waitFor({ timeout: 8_000 });
      return hover;
    } catch (e) {
      last = e;
      await dismiss(vs);
    }
  }
  throw last;
}

/** Like the harness's hoverAt, for lines of editors under another root (notebook cells). */
async function hoverInside(vs: VSCodeSession, root: string, text: string): Promise<Locator> {
  const line = vs.page.locator(`${root} .view-line`, { hasText: text }).first();
  await line.waitFor({ timeout: 10_000 });
  const box = await line.evaluate((el, needle) => {
    const doc = (globalThis as any).document;
    const walker = doc.createTreeWalker(el, 4);
    const nodes: any[] = [];
    let all = '';
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      nodes.push({ node: n, start: all.length });
      all += String(n.textContent).replace(/\u00a0/g, ' ');
    }
    const mid = all.indexOf(needle) + Math.floor(needle.length / 2);
    const hit = nodes.filter((x) => x.start <= mid).pop();
    const range = doc.createRange();
    range.setStart(hit.node, mid - hit.start);
    range.setEnd(hit.node, Math.min(mid - hit.start + 1, hit.node.textContent.length));
    const r = range.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  }, text);
  await vs.page.mouse.move(box.x + 40, box.y + 60);
  await vs.page.mouse.move(box.x, box.y, { steps: 4 });
  const hover = vs.page
    .locator('.monaco-hover:not(.hidden)')
    .filter({ has: vs.page.locator('.rendered-markdown') })
    .first();
  await hover.waitFor({ timeout: 8_000 });
  return hover;
}

/** Screenshot once the hover has faded in. */
async function shoot(vs: VSCodeSession, name: string): Promise<string> {
  await vs.page.waitForTimeout(400);
  return vs.screenshot(name);
}

async function dismiss(vs: VSCodeSession): Promise<void> {
  await vs.page.mouse.move(5, 5);
  await vs.page.keyboard.press('Escape');
  await vs.page
    .locator('.monaco-hover:not(.hidden) .rendered-markdown')
    .first()
    .waitFor({ state: 'detached', timeout: 5_000 })
    .catch(() => undefined);
}

/** big.py: a 512×512 literal (2 MB of text), which the extension parses in its hover worker. */
function bigFile(): string {
  const rows: string[] = [];
  for (let i = 0; i < 512; i++)
    rows.push(`    [${Array.from({ length: 512 }, (_, j) => (Math.sin(i / 9) * Math.cos(j / 13)).toFixed(3)).join(', ')}],`);
  return `import torch\n\nbig_image = torch.tensor([\n${rows.join('\n')}\n])\n`;
}

describe('Hover previews (code-server)', function () {
  this.timeout(180_000);
  const code = useVSCode({
    files: { 'big.py': bigFile() },
    settings: { 'editor.hover.delay': 150, 'editor.hover.sticky': true, 'editor.hover.above': false },
  });

  it('Python: hovering inside image_tensor shows its shape, stats and two images', async () => {
    const vs = code();
    await vs.openFile('conv2d_intro.py');
    await vs.goTo(12, 1);
    const hover = await hoverFor(vs, '[1, 1, 1, 1, 1],', 'image_tensor');
    const text = await textOf(hover);
    assert.match(text, /image_tensor · torch\.float32 · shape 1×1×5×5 · min 1 · max 1 · mean 1/);
    assert.match(text, /input \[0, 0\] 5×5 ⊛ X \(tutorial\) 3×3, stride 1, padding 0 → feature map 3×3/);
    assert.equal(await loadedImages(hover, 'heatmap'), 1);
    assert.equal(await loadedImages(hover, 'feature map'), 1);
    await hover.getByText('Open in Convolution panel').waitFor();
    await shoot(vs, 'hover-01-image-tensor');
    await dismiss(vs);
  });

  it('Python: circle_image under the tutorial X kernel (the README screenshot)', async () => {
    const vs = code();
    const line =
      vs
        .readWorkspaceFile('conv2d_intro.py')
        .split('\n')
        .findIndex((l) => l.startsWith('circle_image = ')) + 1;
    await vs.goTo(line - 8, 1);
    await vs.goTo(line, 1);
    const hover = await hoverFor(vs, '[0.1, 0, 0, 0, 0.1],', 'circle_image');
    assert.match(await textOf(hover), /circle_image · torch\.float32 · shape 5×5 · min 0 · max 0\.1 · mean 0\.048/);
    assert.equal(await loadedImages(hover, 'feature map'), 1);
    const shot = await shoot(vs, 'hover-02-circle-image');
    mkdirSync(join(ROOT, 'docs', 'images'), { recursive: true });
    copyFileSync(shot, join(ROOT, 'docs', 'images', 'hover.png'));
    await dismiss(vs);
  });

  it('Python: hovering nn.Conv2d(1, 10, 5, 1) shows the output shape and the Linear check', async () => {
    const vs = code();
    const line =
      vs
        .readWorkspaceFile('conv2d_intro.py')
        .split('\n')
        .findIndex((l) => l.includes('nn.Conv2d(1, 10, 5, 1)')) + 1;
    await vs.goTo(line, 1);
    const hover = await hoverFor(vs, 'Conv2d(1, 10, 5, 1)', 'output 1×10×6×6');
    const text = await textOf(hover);
    assert.match(text, /in 1 → out 10 · kernel 5×5 · stride 1 · padding 0 · 260 parameters/);
    assert.match(text, /input 1×1×10×10 .*→ output 1×10×6×6/);
    assert.match(text, /flattened: 10 \* 6 \* 6 = 360 \(matches nn\.Linear\(360, 10\) ✓\)/);
    await shoot(vs, 'hover-03-conv2d-layer');
    await dismiss(vs);
  });

  it("Python: the 5×5 kernel on the 4×4 data shows PyTorch's error", async () => {
    const vs = code();
    const line =
      vs
        .readWorkspaceFile('conv2d_intro.py')
        .split('\n')
        .findIndex((l) => l.startsWith('too_big = ')) + 1;
    await vs.goTo(line, 1);
    const hover = await hoverFor(vs, 'Conv2d(1, 1, 5, 1)', "Kernel size can't be greater than actual input size");
    assert.match(await textOf(hover), /Calculated padded input size per channel: \(4 x 4\)\. Kernel size: \(5 x 5\)/);
    await shoot(vs, 'hover-04-kernel-too-large');
    await dismiss(vs);
  });

  it('JSON: hovering the kernel in tensors.json', async () => {
    const vs = code();
    await vs.openFile('tensors.json');
    const hover = await hoverFor(vs, '[0, -1, 0]', 'shape 3×3');
    assert.match(await textOf(hover), /kernel · float32 · shape 3×3 · min -1 · max 1/);
    assert.equal(await loadedImages(hover, 'heatmap'), 1);
    await shoot(vs, 'hover-05-json');
    await dismiss(vs);
  });

  it('TypeScript: hovering sobelX in tensors.ts', async () => {
    const vs = code();
    await vs.openFile('tensors.ts');
    const line =
      vs
        .readWorkspaceFile('tensors.ts')
        .split('\n')
        .findIndex((l) => l.includes('[-2, 0, 2]')) + 1;
    await vs.goTo(line, 1);
    const hover = await hoverFor(vs, '[-2, 0, 2]', 'sobelX');
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
    const hover = await hoverFor(vs, '[0, 0, 1, 0, 0],', 'image_tensor', '.notebook-editor');
    assert.match(await textOf(hover), /image_tensor · torch\.float32 · shape 1×1×5×5/);
    assert.equal(await loadedImages(hover, 'heatmap'), 1);
    await shoot(vs, 'hover-07-notebook-tensor');
    await dismiss(vs);
    await vs.page.mouse.move(800, 500);
    for (
      let i = 0;
      i < 10 && !(await vs.page.locator('.notebook-editor .view-line', { hasText: 'F.conv2d(image_tensor' }).isVisible());
      i++
    )
      await vs.page.mouse.wheel(0, 400);
    const layer = await hoverFor(vs, 'F.conv2d(image_tensor', 'output 1×1×5×5', '.notebook-editor');
    assert.match(await textOf(layer), /input 1×1×5×5 ← image_tensor \(cell 3, line 1\) → output 1×1×5×5/);
    await shoot(vs, 'hover-08-notebook-conv2d');
    await dismiss(vs);
  });

  it('a 512×512 literal (2 MB file): answered from the hover worker, images once ready', async () => {
    const vs = code();
    await vs.quickOpen('big.py');
    await vs.goTo(3, 1);
    const hover = await hoverFor(vs, 'big_image', 'shape 512×512');
    assert.match(await textOf(hover), /big_image · torch\.float32 · shape 512×512 · min -1 · max 1/);
    await dismiss(vs);
    // The next hover has the images the worker prepared in the meantime.
    await vs.page.waitForTimeout(1500);
    const again = await hoverFor(vs, 'big_image', 'drawn as 64×64 means of 8×8 blocks');
    assert.equal(await loadedImages(again, 'heatmap'), 1);
    assert.equal(await loadedImages(again, 'feature map'), 1);
    await shoot(vs, 'hover-09-big-literal');
    await dismiss(vs);
  });

  it('hover links: use a kernel of the file, then open the tensor in the Convolution panel', async () => {
    const vs = code();
    await vs.quickOpen('conv2d_intro.py');
    const line =
      vs
        .readWorkspaceFile('conv2d_intro.py')
        .split('\n')
        .findIndex((l) => l.startsWith('circle_image = ')) + 1;
    await vs.goTo(line, 1);
    const hover = await hoverFor(vs, '[0.1, 0, 0, 0, 0.1],', 'kernels here');
    await hover.getByRole('link', { name: 'kernel_tensor', exact: true }).click();
    await dismiss(vs);
    const after = await hoverFor(vs, '[0.1, 0, 0, 0, 0.1],', '⊛ kernel_tensor 3×3');
    assert.match(await textOf(after), /kernels here: kernel_tensor ✓/);
    await shoot(vs, 'hover-10-kernel-from-file');
    await after.getByRole('link', { name: 'Open in Convolution panel' }).click();
    const frame = await vs.webviewFrame('convolution');
    await frame
      .locator('tl-convolution-view')
      .getByText('circle_image (conv2d_intro.py:54)', { exact: false })
      .first()
      .waitFor({ timeout: 20_000 });
    await shoot(vs, 'hover-11-opened-in-panel');
  });
});
