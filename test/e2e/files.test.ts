// Tensor files e2e in code-server: a .pt state dict's kernel grid, a .npy, and an explorer PNG → Convolve Image ⊛ Sobel x vs PyTorch.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useVSCode } from './harness';
import { editorFrame, explorerRow, quickOpen } from './file-steps';
import { EXPECTED, FIXTURES, close } from '../unit/files/helpers';

/** A small workspace of fixtures, so every file the tests click is in the explorer's visible rows. */
const FILES = [
  'state_dict.pt',
  'f4.npy',
  'evil_os_system.pt',
  'stored.npz',
  'deflated.npz',
  'weights.safetensors',
  'checkpoint.pth',
  'legacy.pt',
  'baseline.jpg',
  'pytorch_model.bin',
  'gray8.png',
  'tutorial_cnn.pt',
];
const WORKSPACE = mkdtempSync(join(tmpdir(), 'tensor-lens-files-e2e-'));
for (const f of FILES) copyFileSync(join(FIXTURES, f), join(WORKSPACE, f));

describe('Tensor files (code-server)', function () {
  this.timeout(180_000);
  const code = useVSCode({ workspace: WORKSPACE, width: 1500, height: 900 });
  after(() => rmSync(WORKSPACE, { recursive: true, force: true }));

  it('opens a .pt state dict from the explorer in the Tensor Lens editor and shows conv.weight as a kernel grid', async () => {
    const vs = code();
    await (await explorerRow(vs.page, 'state_dict.pt')).click();
    const frame = await editorFrame(vs, 'state_dict.pt');
    const view = frame.locator('tl-tensor-file-view');
    assert.match((await view.locator('.facts').textContent()) ?? '', /PyTorch zip · 9 tensors/);
    await view.locator('tr.row[data-name="conv.weight"]').click();
    const mosaic = frame.locator('tl-kernel-mosaic canvas');
    await mosaic.waitFor({ timeout: 30_000 });
    assert.match((await mosaic.getAttribute('aria-label')) ?? '', /4 output channels × 3 input channels of 3×3 kernels/);
    assert.match((await frame.locator('tl-tensor-detail .meta').textContent()) ?? '', /float32 · \[4, 3, 3, 3\] · 108 values/);
    await vs.screenshot('files-01-state-dict');
  });

  it('opens a .npy and shows its values', async () => {
    const vs = code();
    await (await explorerRow(vs.page, 'f4.npy')).click();
    const frame = await editorFrame(vs, 'f4.npy');
    const cells = frame.locator('tl-tensor-detail tl-heatmap-grid table.values td');
    await cells.first().waitFor({ timeout: 30_000 });
    const values = (await cells.allTextContents()).map(Number);
    const want = EXPECTED['f4.npy'].tensors![''].values!;
    assert.equal(values.length, want.length);
    values.forEach((v, i) => assert.ok(close(v, want[i]), `[${i}] ${v} vs ${want[i]}`));
    await vs.screenshot('files-02-npy');
  });

  it('refuses a pickle that calls os.system with one sentence, and nothing runs', async () => {
    const vs = code();
    await (await explorerRow(vs.page, 'evil_os_system.pt')).click();
    const frame = await vs.webviewFrame('evil_os_system.pt');
    const alert = frame.locator('tl-tensor-file-view [role=alert]');
    await alert.waitFor({ timeout: 30_000 });
    assert.match((await alert.textContent()) ?? '', /evil_os_system\.pt: .*posix\.system.*refused without running anything/);
    const { existsSync } = await import('node:fs');
    assert.equal(existsSync(EXPECTED['evil_os_system.pt'].marker!), false);
  });

  for (const name of ['stored.npz', 'deflated.npz', 'weights.safetensors', 'checkpoint.pth', 'legacy.pt']) {
    it(`opens ${name} by default with every tensor listed`, async () => {
      const vs = code();
      await quickOpen(vs.page, name);
      const frame = await editorFrame(vs, name);
      const names = await frame
        .locator('tl-tensor-file-view tr.row')
        .evaluateAll((rows) => rows.map((r) => (r as unknown as { dataset: { name: string } }).dataset.name));
      assert.deepEqual([...names].sort(), Object.keys(EXPECTED[name].tensors!).sort());
    });
  }

  for (const name of ['baseline.jpg', 'pytorch_model.bin']) {
    it(`opens ${name} through Open With… → Tensor Lens`, async () => {
      const vs = code();
      await (await explorerRow(vs.page, name)).click({ button: 'right' });
      await vs.page.getByRole('menuitem', { name: 'Open With...' }).hover();
      await vs.page.keyboard.press('Enter');
      const pick = vs.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Tensor Lens' }).first();
      await pick.waitFor();
      await pick.click();
      const frame = await editorFrame(vs, name);
      const rows = await frame.locator('tl-tensor-file-view tr.row').count();
      assert.equal(rows, Object.keys(EXPECTED[name].tensors!).length);
    });
  }

  it('right-click a PNG → Convolve Image: the panel shows it ⊛ Sobel x with PyTorch numbers', async () => {
    const vs = code();
    const row = await explorerRow(vs.page, 'gray8.png');
    await row.click({ button: 'right' });
    // VS Code's context menu acts on keyboard Enter reliably (a synthetic click right after opening it can be ignored).
    const item = vs.page.getByRole('menuitem', { name: 'Convolve Image' });
    await item.hover();
    await vs.page.keyboard.press('Enter');
    const frame = await vs.webviewFrame('convolution');
    const view = frame.locator('tl-convolution-view');
    await view.locator('tl-heatmap-grid.input-grid').waitFor({ timeout: 30_000 });
    await view.locator('tl-kernel-picker select#kernel-0').selectOption('preset:sobel-x');
    const want = EXPECTED['gray8.png'].sobel_x!;
    const [H, W] = want.shape;
    const deadline = Date.now() + 15_000;
    let got: number[] = [];
    while (Date.now() < deadline) {
      got = (
        await view
          .locator('tl-heatmap-grid.output-grid table.values td')
          .allTextContents()
          .catch(() => [])
      ).map(Number);
      if (got.length === H * W && got.every((v, i) => close(v, want.values![i]))) break;
      await vs.page.waitForTimeout(200);
    }
    assert.equal(got.length, H * W, 'output size');
    got.forEach((v, i) => assert.ok(close(v, want.values![i]), `out[${i}] ${v} vs PyTorch ${want.values![i]}`));
    await vs.screenshot('files-03-convolve-image');
  });

  it('Load into Training: a mismatching state dict lists what does not fit; the example CNN weights load', async () => {
    const vs = code();
    await vs.page.locator('.activitybar .action-item a[aria-label^="Tensor Lens"]').click();
    const training = await vs.webviewFrame('training');
    await training.locator('tl-training-view button.train').waitFor({ timeout: 30_000 });
    await quickOpen(vs.page, 'state_dict.pt');
    let frame = await editorFrame(vs, 'state_dict.pt');
    await frame.getByRole('button', { name: 'Load into Training' }).click();
    const status = frame.locator('tl-tensor-file-view .status[role=status]');
    await status.waitFor({ timeout: 30_000 });
    // PyTorch's own load_state_dict report (the one matcher, src/core/explore/state-dict-match.ts).
    assert.match(
      (await status.textContent()) ?? '',
      /Not loaded: Missing key\(s\) in state_dict: "conv1\.weight".*Unexpected key\(s\) in state_dict: "conv\.weight"/,
    );
    await quickOpen(vs.page, 'tutorial_cnn.pt');
    frame = await editorFrame(vs, 'tutorial_cnn.pt');
    await frame.getByRole('button', { name: 'Load into Training' }).click();
    await frame
      .locator('tl-tensor-file-view .status[role=status]', { hasText: 'Loaded into the Training view' })
      .waitFor({ timeout: 30_000 });
    await training.locator('tl-training-view dd.weights', { hasText: 'weights from tutorial_cnn.pt' }).waitFor({ timeout: 30_000 });
    await vs.screenshot('files-04-load-into-training');
  });
});
