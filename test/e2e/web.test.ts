// Tensor Lens in code-server's web worker extension host (the "browser" entry, dist/web/): a user of VS Code for the Web
// walks every feature that needs no Python process, and gets the numbers the desktop suites check (the same goldens).
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXPECTED, FIXTURES, close } from '../unit/files/helpers';
import { editorFrame, explorerRow, quickOpen } from './file-steps';
import { ROOT, useVSCode } from './harness';
import { bigFile, hoverFor, loadedImages, textOf } from './hover-steps';
import { outputValues, waitForOutput } from './panel';
import { ACTIVE_EDITOR, FC1_LINE, MESSAGE, MODEL, renderedLine, waitForLine } from './shape-steps';
import { golden, LOSS_TOLERANCE, parseSummary, setNumber, trainingFrame, trainTutorialFromPyTorchWeights } from './training-steps';

/**
 * With both "main" and "browser", code-server runs an extension in its Node host; this user setting moves it to the web
 * worker host (the manifest's extensionKind stays as it is: ["ui"] there would also move it off a Remote-SSH host).
 */
const WEB_HOST = { 'remote.extensionKind': { 'tensor-lens.tensor-lens': ['ui'] } };

const FILE = 'conv2d_intro.py';
const source = readFileSync(join(ROOT, 'examples', FILE), 'utf8');
const IMAGE_START = source.indexOf('torch.tensor([', source.indexOf('image_tensor ='));
const IMAGE = source.slice(IMAGE_START, source.indexOf('.view(1, 1, 5, 5)', IMAGE_START) + '.view(1, 1, 5, 5)'.length);
/** 1-based line of the tutorial CNN's first layer (the comment at the top of the file names it too). */
const CONV1_LINE = source.split('\n').findIndex((l) => l.includes('nn.Conv2d(1, 10, 5, 1)')) + 1;

/** F.conv_transpose2d of the tutorial's ones ⊛ X, computed by PyTorch 1.13 (the desktop transposed suite's fixture). */
const transposed = (
  JSON.parse(readFileSync(join(ROOT, 'test', 'webview', 'fixtures', 'transposed.json'), 'utf8')) as {
    cases: { name: string; output?: { shape: number[]; data: number[] } }[];
  }
).cases.find((c) => c.name.startsWith('5x5 ones ⊛ᵀ X'))!.output!;

/** examples/ plus the tensor files and models the steps open (the explorer shows them all at the top level). */
const WORKSPACE = mkdtempSync(join(tmpdir(), 'tensor-lens-web-e2e-'));
cpSync(join(ROOT, 'examples'), WORKSPACE, { recursive: true });
for (const f of ['state_dict.pt', 'deflated.npz', 'gray8.png']) copyFileSync(join(FIXTURES, f), join(WORKSPACE, f));
writeFileSync(join(WORKSPACE, 'mnist_net.py'), MODEL);
writeFileSync(join(WORKSPACE, 'big.py'), bigFile());

describe('Tensor Lens on the web (code-server web worker extension host)', function () {
  this.timeout(180_000);
  const code = useVSCode({
    workspace: WORKSPACE,
    width: 1600,
    height: 1000,
    settings: { ...WEB_HOST, 'editor.hover.sticky': true, 'editor.hover.above': false },
  });
  after(() => rmSync(WORKSPACE, { recursive: true, force: true }));
  // Each step starts from one editor group: the Convolution panel opens beside the editor, and a second group holding
  // the same file would make "the active tab" ambiguous.
  beforeEach(async function () {
    if (this.currentTest?.title.startsWith('runs in the web worker')) return;
    await code().runCommand('View: Close All Editor Groups');
  });

  it('runs in the web worker extension host (Running Extensions), with its web build and one thread said in the log', async () => {
    const vs = code();
    await vs.openFile(FILE);
    // Opening a Python file activates Tensor Lens; Running Extensions lists it once it has.
    await vs.runCommand('Developer: Show Running Extensions');
    const row = vs.page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: 'Tensor Lens' }).first();
    await row.waitFor({ timeout: 30_000 });
    // The host column reads "web worker" for the web worker host; the Node host shows the server's address instead.
    await row.getByText('web worker').waitFor({ timeout: 30_000 });
    assert.match(await row.innerText(), /Tensor Lens[\s\S]*web worker/);
    await vs.screenshot('web-01-running-extensions');
    const log = await vs.readOutputChannel('Tensor Lens', /Tensor\sLens\sfor\sthe\sweb/);
    assert.match(log, /Tensor Lens activated in [\d.]+ ms/);
    assert.match(log, /Tensor Lens for the web: web worker extension host: workers are Web Workers; the page is not cross-origin isolated/);
    // The engine's WebAssembly SIMD path compiles in the web worker host, as in Node.
    assert.match(log, /; engine: wasm-(relaxed-)?simd/);
  });

  it("Convolve Selection: image_tensor ⊛ the file's X kernel, its window arithmetic and the transposed output as PyTorch's", async () => {
    const vs = code();
    await vs.quickOpen(FILE);
    await vs.selectText(IMAGE);
    await vs.runCommand('Tensor Lens: Convolve Selection');
    const frame = await vs.webviewFrame('convolution');
    const view = frame.locator('tl-convolution-view');
    await view.locator('tl-heatmap-grid.input-grid').waitFor({ timeout: 30_000 });
    assert.match((await view.locator('header h2').textContent()) ?? '', /image_tensor \(conv2d_intro\.py:\d+\)/);
    await view.locator('tl-kernel-picker select#kernel-0').selectOption('literal:kernel_tensor');
    await waitForOutput(frame, [
      [1, 1, 1],
      [1, 1, 1],
      [1, 1, 1],
    ]);
    const stepper = view.locator('tl-window-stepper');
    await stepper.locator('button.next').click();
    await stepper.locator('.where', { hasText: 'out[0, 0, 0, 1] =' }).waitFor({ timeout: 10_000 });
    assert.equal(
      (await stepper.locator('.arithmetic').textContent())?.trim(),
      '1×1 + 1×0 + 1×0 + 1×0 + 1×(−1) + 1×0 + 1×0 + 1×0 + 1×1 = 1',
    );
    await vs.screenshot('web-02-convolve');
    await view.locator('tl-conv-args-bar input#transposed').check();
    const [H, W] = transposed.shape.slice(-2);
    await waitForOutput(
      frame,
      Array.from({ length: H }, (_, r) => transposed.data.slice(r * W, (r + 1) * W)),
    );
    assert.deepEqual(await view.locator('.formula').allTextContents(), [
      'H_out = (5 − 1)·1 − 2·0 + 1·(3 − 1) + 0 + 1 = 7',
      'W_out = (5 − 1)·1 − 2·0 + 1·(3 − 1) + 0 + 1 = 7',
    ]);
    await view.locator('tl-conv-args-bar input#transposed').uncheck();
  });

  it('hovers: a tensor literal with its heatmap and feature map, and nn.Conv2d with its output shape', async () => {
    const vs = code();
    await vs.quickOpen(FILE);
    const hover = await hoverFor(vs, () => vs.hoverAt('[1, 1, 1, 1, 1],', 12), 'image_tensor', { firstAfterActivation: true });
    assert.match(await textOf(hover), /image_tensor · torch\.float32 · shape 1×1×5×5 · min 1 · max 1 · mean 1/);
    assert.equal(await loadedImages(hover, 'heatmap'), 1);
    assert.equal(await loadedImages(hover, 'feature map'), 1);
    await vs.screenshot('web-03-hover-literal');
    await vs.hideHover();
    const layer = await hoverFor(vs, () => vs.hoverAt('Conv2d(1, 10, 5, 1)', CONV1_LINE), 'output 1×10×6×6');
    const text = await textOf(layer);
    assert.match(text, /in 1 → out 10 · kernel 5×5 · stride 1 · padding 0 · 260 parameters/);
    assert.match(text, /flattened: 10 \* 6 \* 6 = 360 \(matches nn\.Linear\(360, 10\) ✓\)/);
    await vs.hideHover();
  });

  it('hovers a 512×512 literal (2 MB file) through the hover worker, a Web Worker here', async () => {
    const vs = code();
    // 2 MB of text reach the web worker host through the browser: on a loaded machine the editor takes a while.
    await quickOpen(vs.page, 'big.py');
    await vs.page
      .locator('.editor-group-container.active .view-line', { hasText: 'big_image = torch.tensor' })
      .waitFor({ timeout: 120_000 });
    await vs.quickOpen('big.py');
    const first = await hoverFor(vs, () => vs.hoverAt('big_image'), 'shape 512×512');
    assert.match(await textOf(first), /big_image · torch\.float32 · shape 512×512 · min -1 · max 1/);
    await vs.hideHover();
    // The worker prepares the images in the background; hoverFor asks again until they are in.
    const hover = await hoverFor(vs, () => vs.hoverAt('big_image'), 'drawn as 64×64 means of 8×8 blocks');
    assert.equal(await loadedImages(hover, 'heatmap'), 1);
    assert.equal(await loadedImages(hover, 'feature map'), 1);
    await vs.hideHover();
  });

  it("shape flow: inlay hints, the CodeLens, PyTorch's error in Problems and its Quick Fix", async () => {
    const vs = code();
    await vs.quickOpen('mnist_net.py');
    assert.match(await waitForLine(vs.page, 'x = F.relu(self.conv1(x))', /\[4, 32, 26, 26\]/), /x: \[4, 32, 26, 26\]/);
    assert.match(await renderedLine(vs.page, 'x = torch.flatten(x, 1)'), /x: \[4, 9216\]/);
    const lens = vs.page.locator(`${ACTIVE_EDITOR} .codelens-decoration`).filter({ hasText: MESSAGE }).first();
    await lens.waitFor({ timeout: 45_000 });
    assert.match(await lens.innerText(), new RegExp(`\\[4, 1, 28, 28\\] → ✗ line ${FC1_LINE}: mat1 and mat2`));
    await vs.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
    await vs.page.locator('.part.panel .markers-panel').getByText(MESSAGE).first().waitFor({ timeout: 45_000 });
    await vs.goTo(FC1_LINE, 12);
    await vs.page.keyboard.press('Control+.');
    const action = vs.page.locator('.action-widget .monaco-list-row', { hasText: 'Change in_features to 9216' }).first();
    await action.waitFor({ timeout: 45_000 });
    assert.match((await action.getAttribute('class')) ?? '', /focused/);
    await vs.page.keyboard.press('Enter');
    assert.match(await waitForLine(vs.page, 'self.fc1 = nn.Linear(', /9216/), /self\.fc1 = nn\.Linear\(9216, 128\)/);
    const fixed = vs.page.locator(`${ACTIVE_EDITOR} .codelens-decoration`).filter({ hasText: '1,199,882 parameters' }).first();
    await fixed.waitFor({ timeout: 45_000 });
    assert.match(await fixed.innerText(), /\[4, 1, 28, 28\] → \[4, 10\] · 1,199,882 parameters/);
    await vs.screenshot('web-04-shape-flow');
    // Saved, so closing the editors next asks nothing.
    await vs.page.keyboard.press('Control+S');
    await vs.page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout: 10_000 });
  });

  it('opens a .pt state dict and a deflated .npz read through vscode.workspace.fs, with the values PyTorch and NumPy saved', async () => {
    const vs = code();
    await (await explorerRow(vs.page, 'state_dict.pt')).click();
    let frame = await editorFrame(vs, 'state_dict.pt');
    const view = frame.locator('tl-tensor-file-view');
    assert.match((await view.locator('.facts').textContent()) ?? '', /PyTorch zip · 9 tensors/);
    await view.locator('tr.row[data-name="conv.weight"]').click();
    const mosaic = frame.locator('tl-kernel-mosaic canvas');
    await mosaic.waitFor({ timeout: 30_000 });
    assert.match((await mosaic.getAttribute('aria-label')) ?? '', /4 output channels × 3 input channels of 3×3 kernels/);
    await vs.screenshot('web-05-state-dict');
    // Deflated members go through the web's DecompressionStream('deflate-raw').
    await quickOpen(vs.page, 'deflated.npz');
    frame = await editorFrame(vs, 'deflated.npz');
    const want = EXPECTED['deflated.npz'].tensors!;
    const names = await frame
      .locator('tl-tensor-file-view tr.row')
      .evaluateAll((rows) => rows.map((r) => (r as unknown as { dataset: { name: string } }).dataset.name));
    assert.deepEqual([...names].sort(), Object.keys(want).sort());
    const [name, tensor] = Object.entries(want).find(([, t]) => t.values && t.values.length <= 64)!;
    await frame.locator(`tl-tensor-file-view tr.row[data-name="${name}"]`).click();
    const cells = frame.locator('tl-tensor-detail tl-heatmap-grid table.values td');
    await cells.first().waitFor({ timeout: 30_000 });
    const values = (await cells.allTextContents()).map(Number);
    assert.equal(values.length, tensor.values!.length);
    values.forEach((v, i) => assert.ok(close(v, tensor.values![i]), `${name}[${i}] ${v} vs ${tensor.values![i]}`));
  });

  it('Convolve Image on a PNG: the panel shows it ⊛ Sobel x with PyTorch numbers', async () => {
    const vs = code();
    const row = await explorerRow(vs.page, 'gray8.png');
    await row.click({ button: 'right' });
    await vs.page.getByRole('menuitem', { name: 'Convolve Image' }).hover();
    await vs.page.keyboard.press('Enter');
    const frame = await vs.webviewFrame('convolution');
    const view = frame.locator('tl-convolution-view');
    await view.locator('header h2', { hasText: 'gray8.png' }).waitFor({ timeout: 30_000 });
    await view.locator('tl-kernel-picker select#kernel-0').selectOption('preset:sobel-x');
    const want = EXPECTED['gray8.png'].sobel_x!;
    const [H, W] = want.shape;
    const deadline = Date.now() + 15_000;
    let got: number[] = [];
    while (Date.now() < deadline) {
      got = (await outputValues(frame).catch(() => [])).flat();
      if (got.length === H * W && got.every((v, i) => close(v, want.values![i]))) break;
      await vs.page.waitForTimeout(200);
    }
    assert.equal(got.length, H * W, 'output size');
    got.forEach((v, i) => assert.ok(close(v, want.values![i]), `out[${i}] ${v} vs PyTorch ${want.values![i]}`));
  });

  it('trains the example CNN in a Web Worker: 500 losses as PyTorch, predictions 1 1 1 1 2', async () => {
    const vs = code();
    await vs.quickOpen(FILE);
    const view = await trainTutorialFromPyTorchWeights(vs);
    await view
      .locator('div.summary')
      .getByText(/^Finished 500 steps/)
      .waitFor({ timeout: 90_000 });
    assert.deepEqual(await view.locator('tl-predictions-table td.pred').allTextContents(), ['1', '1', '1', '1', '2']);
    const losses = await view.locator('tl-loss-chart').evaluate((el) => Array.from((el as unknown as { losses: number[] }).losses));
    assert.equal(losses.length, golden.losses.length);
    const worst = Math.max(...losses.map((l, i) => Math.abs(l - golden.losses[i])));
    console.log(`      web: largest |loss − PyTorch| over ${losses.length} steps: ${worst.toExponential(2)} (bound ${LOSS_TOLERANCE})`);
    assert.ok(worst <= LOSS_TOLERANCE, `a loss differs from PyTorch's by ${worst}`);
    await vs.screenshot('web-06-training');
  });

  it("trains the file's own model, and Stop ends a long run without shared memory (the stop message alone)", async () => {
    const vs = code();
    await vs.quickOpen(FILE);
    await vs.runCommand('Tensor Lens: Train Model in This File');
    const frame = await trainingFrame(vs);
    const view = frame.locator('tl-training-view');
    await view.locator('.model').getByText(FILE, { exact: false }).waitFor();
    await view
      .locator('div.summary')
      .getByText(/^Finished 500 steps/)
      .waitFor({ timeout: 90_000 });
    assert.deepEqual(await view.locator('tl-predictions-table td.pred').allTextContents(), ['1', '1', '1', '1', '2']);
    await setNumber(frame, 'epochs', 100_000);
    await view.locator('button.train').click();
    await view.locator('button.stop:not([disabled])').waitFor();
    // Stop from the Command Palette (a pointer click into the busy webview can wait for its layout to settle).
    await vs.runCommand('Tensor Lens: Stop Training');
    const summary = view.locator('div.summary');
    await summary.getByText(/^Stopped after \d+ steps/).waitFor({ timeout: 10_000 });
    const figures = parseSummary((await summary.textContent()) ?? '');
    assert.ok(figures.steps > 0 && figures.steps < 500_000, `stopped at step ${figures.steps}`);
    await setNumber(frame, 'epochs', 100);
  });

  it('live tensors say in one line that they need a debugger or a notebook kernel', async () => {
    const vs = code();
    // From the keyboard: clicking the activity-bar icon of a container already shown would hide the side bar.
    await vs.runCommand('Tensor Lens: Focus on Tensors View');
    const tensors = vs.page.locator('.pane', { has: vs.page.locator('.pane-header[aria-label^="Tensors"]') });
    const hint = tensors.getByText('start debugging', { exact: false }).first();
    await hint.waitFor({ timeout: 30_000 });
    assert.equal(
      (await hint.innerText()).trim(),
      'Live tensors appear here: run a cell of a Jupyter notebook, or start debugging Python (debugpy) and stop at a breakpoint.',
    );
    await vs.screenshot('web-07-live-tensors');
  });
});
