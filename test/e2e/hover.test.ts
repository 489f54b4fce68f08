// Hover e2e: in a real VS Code, hovering tensor literals (Python, JSON, TypeScript, a notebook cell) and nn.Conv2d calls.
import assert from 'node:assert/strict';
import { useVSCode } from './harness';
import { bigFile, hoverFor, loadedImages, textOf } from './hover-steps';

const NOTEBOOK = 'conv2d_intro.ipynb';

describe('Hover previews (code-server)', function () {
  this.timeout(180_000);
  const code = useVSCode({
    files: { 'big.py': bigFile() },
    settings: { 'editor.hover.sticky': true, 'editor.hover.above': false },
  });

  it('Python: hovering inside image_tensor shows its shape, stats and two images', async () => {
    const vs = code();
    await vs.openFile('conv2d_intro.py');
    // The first hover of the session: the extension may still be activating (see hoverFor).
    const hover = await hoverFor(vs, () => vs.hoverAt('[1, 1, 1, 1, 1],', 12), 'image_tensor', { firstAfterActivation: true });
    const text = await textOf(hover);
    assert.match(text, /image_tensor · torch\.float32 · shape 1×1×5×5 · min 1 · max 1 · mean 1/);
    assert.match(text, /input \[0, 0\] 5×5 ⊛ X \(tutorial\) 3×3, stride 1, padding 0 → feature map 3×3/);
    assert.equal(await loadedImages(hover, 'heatmap'), 1);
    assert.equal(await loadedImages(hover, 'feature map'), 1);
    await hover.getByText('Open in Convolution panel').waitFor();
    await vs.screenshot('hover-01-image-tensor');
    await vs.hideHover();
  });

  it('Python: circle_image under the tutorial X kernel (the README screenshot)', async () => {
    const vs = code();
    const line =
      vs
        .readWorkspaceFile('conv2d_intro.py')
        .split('\n')
        .findIndex((l) => l.startsWith('circle_image = ')) + 1;
    const hover = await hoverFor(vs, () => vs.hoverAt('[0.1, 0, 0, 0, 0.1],', line), 'circle_image');
    assert.match(await textOf(hover), /circle_image · torch\.float32 · shape 5×5 · min 0 · max 0\.1 · mean 0\.048/);
    assert.equal(await loadedImages(hover, 'feature map'), 1);
    await vs.screenshot('hover-02-circle-image');
    await vs.hideHover();
  });

  it('Python: hovering nn.Conv2d(1, 10, 5, 1) shows the output shape and the Linear check', async () => {
    const vs = code();
    const line =
      vs
        .readWorkspaceFile('conv2d_intro.py')
        .split('\n')
        .findIndex((l) => l.includes('nn.Conv2d(1, 10, 5, 1)')) + 1;
    const hover = await hoverFor(vs, () => vs.hoverAt('Conv2d(1, 10, 5, 1)', line), 'output 1×10×6×6');
    const text = await textOf(hover);
    assert.match(text, /in 1 → out 10 · kernel 5×5 · stride 1 · padding 0 · 260 parameters/);
    assert.match(text, /input 1×1×10×10 .*→ output 1×10×6×6/);
    assert.match(text, /flattened: 10 \* 6 \* 6 = 360 \(matches nn\.Linear\(360, 10\) ✓\)/);
    await vs.screenshot('hover-03-conv2d-layer');
    await vs.hideHover();
  });

  it("Python: the 5×5 kernel on the 4×4 data shows PyTorch's error", async () => {
    const vs = code();
    const line =
      vs
        .readWorkspaceFile('conv2d_intro.py')
        .split('\n')
        .findIndex((l) => l.startsWith('too_big = ')) + 1;
    const hover = await hoverFor(vs, () => vs.hoverAt('Conv2d(1, 1, 5, 1)', line), "Kernel size can't be greater than actual input size");
    assert.match(await textOf(hover), /Calculated padded input size per channel: \(4 x 4\)\. Kernel size: \(5 x 5\)/);
    await vs.screenshot('hover-04-kernel-too-large');
    await vs.hideHover();
  });

  it('JSON: hovering the kernel in tensors.json', async () => {
    const vs = code();
    await vs.openFile('tensors.json');
    const hover = await hoverFor(vs, () => vs.hoverAt('[0, -1, 0]'), 'shape 3×3');
    assert.match(await textOf(hover), /kernel · float32 · shape 3×3 · min -1 · max 1/);
    assert.equal(await loadedImages(hover, 'heatmap'), 1);
    await vs.screenshot('hover-05-json');
    await vs.hideHover();
  });

  it('TypeScript: hovering sobelX in tensors.ts', async () => {
    const vs = code();
    await vs.openFile('tensors.ts');
    const line =
      vs
        .readWorkspaceFile('tensors.ts')
        .split('\n')
        .findIndex((l) => l.includes('[-2, 0, 2]')) + 1;
    const hover = await hoverFor(vs, () => vs.hoverAt('[-2, 0, 2]', line), 'sobelX');
    assert.match(await textOf(hover), /sobelX · float32 · shape 3×3 · min -2 · max 2 · mean 0/);
    assert.equal(await loadedImages(hover, 'heatmap'), 1);
    assert.equal(await loadedImages(hover, 'feature map'), 1);
    await vs.screenshot('hover-06-typescript');
    await vs.hideHover();
  });

  it('Notebook: a tensor in a code cell, and F.conv2d fed from another cell', async () => {
    const vs = code();
    // Opened from the explorer by hand: the harness's openFile waits for a text editor, a notebook has cell editors.
    await vs.page.locator('.explorer-folders-view .monaco-list-row[aria-label="conv2d_intro.ipynb"]').first().click();
    await vs.page.locator('.tabs-container .tab.active[data-resource-name="conv2d_intro.ipynb"]').waitFor({ timeout: 20_000 });
    await vs.page.locator('.notebook-editor .cell-editor-container .monaco-editor .view-line').first().waitFor({ timeout: 30_000 });
    // Cells are reached by keyboard (first cell, Down, Enter, arrows): the last cell is below the fold, and a mouse wheel
    // or a mouse position would depend on the window size, fonts and line heights.
    const hover = await hoverFor(vs, () => vs.hoverInNotebook(NOTEBOOK, '[0, 0, 1, 0, 0],'), 'image_tensor');
    assert.match(await textOf(hover), /image_tensor · torch\.float32 · shape 1×1×5×5/);
    assert.equal(await loadedImages(hover, 'heatmap'), 1);
    await vs.screenshot('hover-07-notebook-tensor');
    await vs.hideHover();
    const layer = await hoverFor(vs, () => vs.hoverInNotebook(NOTEBOOK, 'F.conv2d(image_tensor'), 'output 1×1×5×5');
    assert.match(await textOf(layer), /input 1×1×5×5 ← image_tensor \(cell 3, line 1\) → output 1×1×5×5/);
    await vs.screenshot('hover-08-notebook-conv2d');
    await vs.hideHover();
  });

  it('a 512×512 literal (2 MB file): answered from the hover worker, images once ready', async () => {
    const vs = code();
    await vs.quickOpen('big.py');
    const hover = await hoverFor(vs, () => vs.hoverAt('big_image'), 'shape 512×512');
    assert.match(await textOf(hover), /big_image · torch\.float32 · shape 512×512 · min -1 · max 1/);
    await vs.hideHover();
    // The worker prepares the images in the background: a hover asked before they are ready says so, and hoverFor asks
    // again until they are in.
    const again = await hoverFor(vs, () => vs.hoverAt('big_image'), 'drawn as 64×64 means of 8×8 blocks');
    assert.equal(await loadedImages(again, 'heatmap'), 1);
    assert.equal(await loadedImages(again, 'feature map'), 1);
    await vs.screenshot('hover-09-big-literal');
    await vs.hideHover();
  });

  it('hover links: use a kernel of the file, then open the tensor in the Convolution panel', async () => {
    const vs = code();
    await vs.quickOpen('conv2d_intro.py');
    const line =
      vs
        .readWorkspaceFile('conv2d_intro.py')
        .split('\n')
        .findIndex((l) => l.startsWith('circle_image = ')) + 1;
    const hover = await hoverFor(vs, () => vs.hoverAt('[0.1, 0, 0, 0, 0.1],', line), 'kernels here');
    await hover.getByRole('link', { name: 'kernel_tensor', exact: true }).click();
    await vs.hideHover();
    const after = await hoverFor(vs, () => vs.hoverAt('[0.1, 0, 0, 0, 0.1],', line), '⊛ kernel_tensor 3×3');
    assert.match(await textOf(after), /kernels here: kernel_tensor ✓/);
    await vs.screenshot('hover-10-kernel-from-file');
    await after.getByRole('link', { name: 'Open in Convolution panel' }).click();
    const frame = await vs.webviewFrame('convolution');
    await frame
      .locator('tl-convolution-view')
      .getByText('circle_image (conv2d_intro.py:54)', { exact: false })
      .first()
      .waitFor({ timeout: 20_000 });
    await vs.screenshot('hover-11-opened-in-panel');
  });
});
