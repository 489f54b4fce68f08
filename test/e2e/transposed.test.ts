// Transposed convolution in code-server: Convolve Selection on the tutorial's image_tensor, the X kernel, the switch on:
// F.conv_transpose2d's 7×7 output (PyTorch 1.13, test/webview/fixtures/transposed.json) and H_out/W_out filled in.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, useVSCode } from './harness';
import { waitForOutput } from './panel';

const FILE = 'conv2d_intro.py';
const source = readFileSync(join(ROOT, 'examples', FILE), 'utf8');
const start = source.indexOf('torch.tensor([', source.indexOf('image_tensor ='));
const IMAGE = source.slice(start, source.indexOf('.view(1, 1, 5, 5)', start) + '.view(1, 1, 5, 5)'.length);
const fixture = JSON.parse(readFileSync(join(ROOT, 'test', 'webview', 'fixtures', 'transposed.json'), 'utf8')) as {
  cases: { name: string; output?: { shape: number[]; data: number[] } }[];
};
const tutorial = fixture.cases.find((c) => c.name.startsWith('5x5 ones ⊛ᵀ X'))!.output!;
const rows = (o: { shape: number[]; data: number[] }): number[][] => {
  const [H, W] = o.shape.slice(-2);
  return Array.from({ length: H }, (_, r) => o.data.slice(r * W, (r + 1) * W));
};

describe('Transposed convolution in the panel (code-server)', function () {
  this.timeout(180_000);
  const code = useVSCode({ width: 1600, height: 900 });

  it('turns on Transposed: the 7×7 conv_transpose2d output and its H_out/W_out formulas', async () => {
    const vs = code();
    await vs.openFile(FILE);
    await vs.selectText(IMAGE);
    await vs.runCommand('Tensor Lens: Convolve Selection');
    const frame = await vs.webviewFrame('convolution');
    const view = frame.locator('tl-convolution-view');
    await view.locator('tl-heatmap-grid.input-grid').waitFor({ timeout: 30_000 });
    await view.locator('tl-kernel-picker select#kernel-0').selectOption('literal:kernel_tensor');
    await view.locator('tl-conv-args-bar input#transposed').check();
    await waitForOutput(frame, rows(tutorial));
    assert.equal((await view.locator('section.output h3 .shape').textContent())?.trim(), '1×1×7×7');
    assert.deepEqual(await view.locator('.formula').allTextContents(), [
      'H_out = (5 − 1)·1 − 2·0 + 1·(3 − 1) + 0 + 1 = 7',
      'W_out = (5 − 1)·1 − 2·0 + 1·(3 − 1) + 0 + 1 = 7',
    ]);
    await view.locator('.plane-shape', { hasText: 'zero-inserted 9×9' }).waitFor();
    // The panel is narrow beside the editor, so the grids stack: bring the output and its formulas into view.
    await view.locator('.formulas').scrollIntoViewIfNeeded();
    await vs.screenshot('panel-transposed');
  });
});
