// The Convolution panel's numbers are the tensor's: NaN/±Inf cross postMessage as VS Code carries them, kernels from useKernel.
import assert from 'node:assert/strict';
import { toWire } from '../../src/core/protocol/wire';
import { outputInsertion } from '../../src/convolve/insert-output';
import { useWebviewHarness, type WebviewHarness } from './harness';
import { type GridName, gridTexts } from '../support/panel-grids';

const view = 'tl-convolution-view';

/** Shows `input` as the host does: the message goes through the host's own wire encoding (toWire), then VS Code's. */
async function showTensor(h: WebviewHarness, input: { shape: number[]; data: number[] }, extra: Record<string, unknown> = {}) {
  await h.openView('convolution', { width: 1100, height: 800 });
  await h.waitForPosted('ready');
  await h.send(toWire({ type: 'show', title: 'weird (weird.py:3)', input, candidates: [], canInsert: true, ...extra }));
  await h.page.locator(`${view} tl-heatmap-grid.input-grid`).waitFor();
}

const tableValues = (h: WebviewHarness, grid: string): Promise<string[][]> => gridTexts(h.page, grid as GridName);

describe('Convolution panel numbers (webview)', function () {
  this.timeout(60_000);
  const h = useWebviewHarness();

  it('keeps NaN and ±Inf from the host: cells, output and arithmetic show them, and Insert below writes them', async () => {
    // torch.tensor([[1., nan, 2.], [inf, 3., -inf], [4., 5., 6.]]) ⊛ ones(2, 2) in PyTorch 1.13: [[nan, nan], [inf, -inf]].
    const box = { name: 'box', line: 2, shape: [2, 2], data: [1, 1, 1, 1] };
    await showTensor(h, { shape: [3, 3], data: [1, NaN, 2, Infinity, 3, -Infinity, 4, 5, 6] }, { candidates: [box], kernel: 'box' });
    assert.deepEqual(await tableValues(h, 'input-grid'), [
      ['1', 'NaN', '2'],
      ['Infinity', '3', '-Infinity'],
      ['4', '5', '6'],
    ]);
    await h.page.locator(`${view} tl-heatmap-grid.output-grid`).waitFor();
    assert.deepEqual(await tableValues(h, 'output-grid'), [
      ['NaN', 'NaN'],
      ['Infinity', '-Infinity'],
    ]);
    assert.match((await h.page.locator(`${view} tl-window-stepper .arithmetic`).textContent()) ?? '', /= NaN\s*$/);
    await h.page.locator(`${view} button.insert`).click();
    const m = await h.waitForPosted<{ type: string; output: { shape: number[]; data: ArrayLike<number> } }>('insertOutput');
    const data = Array.from(m.output.data);
    assert.deepEqual(m.output.shape, [1, 1, 2, 2]);
    assert.ok(Number.isNaN(data[0]) && Number.isNaN(data[1]), `NaN kept: ${data.join(', ')}`);
    assert.deepEqual(data.slice(2), [Infinity, -Infinity]);
    // What the host then writes: valid Python (`nan` alone is not a name; float('nan') is what torch.tensor takes).
    const text = 'x = torch.tensor([[1.0]])\n';
    const ins = outputInsertion(text, { start: 4, end: 24 }, 'python', { shape: m.output.shape, data });
    assert.match(
      ins?.text ?? '',
      /output = torch\.tensor\(\[\[\[\[float\('nan'\), float\('nan'\)\],\s*\[ *float\('inf'\), -float\('inf'\)\]\]\]\]\)/,
    );
    assert.deepEqual(h.errors(), []);
  });

  it('tensorLens.useKernel: a [2, 1, 2, 2] weight becomes the kernel, named in the picker, two output channels', async () => {
    await showTensor(h, { shape: [4, 4], data: Array.from({ length: 16 }, (_, i) => i) });
    await h.send(
      toWire({ type: 'useKernel', title: 'conv1.weight', kernel: { shape: [2, 1, 2, 2], data: [1, 0, 0, -1, 0.5, 0.5, 0.5, 0.5] } }),
    );
    await h.page.locator(`${view} section.output h3 .shape`, { hasText: '1×2×3×3' }).waitFor();
    assert.equal(await h.page.locator(`${view} tl-kernel-picker select#kernel-0`).inputValue(), 'opened:conv1.weight');
    assert.match(
      (await h.page.locator(`${view} tl-kernel-picker select#kernel-0 option:checked`).textContent()) ?? '',
      /conv1\.weight \(2×1×2×2\)/,
    );
    // F.conv2d(torch.arange(16.).view(1, 1, 4, 4), w) channel 0: x[i, j] − x[i+1, j+1] = −5 everywhere.
    assert.deepEqual(await tableValues(h, 'output-grid'), [
      ['-5', '-5', '-5'],
      ['-5', '-5', '-5'],
      ['-5', '-5', '-5'],
    ]);
    assert.equal(await h.page.locator(`${view} .strip .channel-map`).count(), 2);
    assert.deepEqual(h.errors(), []);
  });

  it("useKernel with a layer's per-channel bias (Explain This Layer): each output channel gets its own bias[c]", async () => {
    await showTensor(h, { shape: [4, 4], data: Array.from({ length: 16 }, (_, i) => i) });
    const args = { stride: [1, 1], padding: [0, 0], dilation: [1, 1], groups: 1, paddingMode: 'zeros', bias: [0.5, -2] };
    await h.send(
      toWire({
        type: 'useKernel',
        title: 'conv1.weight',
        kernel: { shape: [2, 1, 2, 2], data: [1, 0, 0, -1, 0.5, 0.5, 0.5, 0.5] },
        args: args as never,
      }),
    );
    await h.page.locator(`${view} section.output h3 .shape`, { hasText: '1×2×3×3' }).waitFor();
    // F.conv2d(torch.arange(16.).view(1, 1, 4, 4), w, torch.tensor([0.5, -2.])): channel 0 is −5 + 0.5 = −4.5 everywhere.
    assert.deepEqual(await tableValues(h, 'output-grid'), [
      ['-4.5', '-4.5', '-4.5'],
      ['-4.5', '-4.5', '-4.5'],
      ['-4.5', '-4.5', '-4.5'],
    ]);
    // The window's sum names the bias of its own channel.
    await h.page.locator(`${view} tl-window-stepper`, { hasText: '+ 0.5 = −4.5' }).waitFor();
    // Channel 1: the mean of each 2×2 window ×2 (0.5·sum), minus 2: at [0, 0] 0.5·(0 + 1 + 4 + 5) − 2 = 3.
    await h.page.locator(`${view} .strip .channel-map`).nth(1).click();
    await h.page.locator(`${view} tl-window-stepper`, { hasText: '+ (−2) = 3' }).waitFor();
    assert.deepEqual(h.errors(), []);
  });

  it('while the literal does not parse, Copy, Insert and Snippet are disabled and say why', async () => {
    await showTensor(h, { shape: [3, 3], data: [1, 2, 3, 4, 5, 6, 7, 8, 9] });
    const insert = h.page.locator(`${view} button.insert`);
    assert.equal(await insert.isEnabled(), true);
    await h.send({ type: 'sourceError', message: "weird.py:3:20: expected ',' or ']', found '*'" });
    for (const b of ['insert', 'copy-torch', 'copy-json', 'snippet']) {
      const button = h.page.locator(`${view} button.${b}`);
      assert.equal(await button.isDisabled(), true, `${b} disabled`);
      assert.match((await button.getAttribute('title')) ?? '', /unavailable: the literal no longer parses/);
    }
    assert.match((await h.page.locator(`${view} .banner`).textContent()) ?? '', /Copy, Insert and Snippet wait until it parses again/);
    await h.send(
      toWire({ type: 'sourceUpdate', title: 'weird (weird.py:3)', input: { shape: [3, 3], data: new Array(9).fill(2) }, candidates: [] }),
    );
    await h.page.locator(`${view} button.insert:not([disabled])`).waitFor();
  });

  it('a blank or non-integer stride shows its error and the output waits instead of using the old stride', async () => {
    await showTensor(h, { shape: [5, 5], data: new Array(25).fill(1) });
    const stride = h.page.locator(`${view} tl-conv-args-bar input#stride-0`);
    await stride.fill('');
    const waiting = h.page.locator(`${view} section.output .waiting`);
    await waiting.waitFor();
    assert.equal((await waiting.locator('.message').textContent())?.trim(), 'Waiting for a valid value: stride height is blank.');
    assert.equal(await stride.getAttribute('aria-invalid'), 'true');
    assert.equal(await h.page.locator(`${view} tl-heatmap-grid.output-grid`).count(), 0);
    assert.equal(await h.page.locator(`${view} button.insert`).isDisabled(), true);
    await stride.fill('2');
    await h.page.locator(`${view} section.output h3 .shape`, { hasText: '1×1×2×3' }).waitFor();
    assert.equal(await waiting.count(), 0);
  });

  it('reflect padding PyTorch refuses is not drawn as if it were valid', async () => {
    await showTensor(h, { shape: [3, 3], data: [1, 2, 3, 4, 5, 6, 7, 8, 9] });
    await h.page.locator(`${view} tl-conv-args-bar select#padding-mode`).selectOption('reflect');
    await h.page.locator(`${view} tl-conv-args-bar input#padding-0`).fill('3');
    await h.page.locator(`${view} section.output .error`).waitFor();
    // F.pad(x, (0, 0, 3, 3), mode='reflect') on a 3-row input: PyTorch 1.13 refuses (padding must be < the input size).
    assert.match((await h.page.locator(`${view} section.output .error .message`).textContent()) ?? '', /Padding size should be less than/);
    const grid = h.page.locator(`${view} tl-heatmap-grid.input-grid`);
    assert.deepEqual(
      await grid.evaluate((el) => [(el as unknown as { rows: number }).rows, (el as unknown as { cols: number }).cols]),
      [3, 3],
    );
    assert.match((await h.page.locator(`${view} section.output .note`).textContent()) ?? '', /drawn without padding/);
  });

  it('a 2-D kernel on a 3-channel input says it is repeated over the channels', async () => {
    await showTensor(h, { shape: [3, 4, 4], data: Array.from({ length: 48 }, (_, i) => i % 5) });
    const note = h.page.locator(`${view} section.kernel .note.repeated`);
    await note.waitFor();
    assert.equal(
      (await note.textContent())?.replace(/\s+/g, ' ').trim(),
      'The 3×3 kernel is repeated over the 3 input channels (weight 1×3×3×3).',
    );
  });

  it('on a 300×300 input the kernel grid keeps readable cells of its own', async () => {
    await showTensor(h, { shape: [300, 300], data: Array.from({ length: 90_000 }, (_, i) => Math.sin(i)) });
    const input = await h.page
      .locator(`${view} tl-heatmap-grid.input-grid`)
      .evaluate((el) => (el as unknown as { cellSize: number }).cellSize);
    const kernel = await h.page
      .locator(`${view} tl-heatmap-grid.kernel-grid`)
      .evaluate((el) => (el as unknown as { cellSize: number }).cellSize);
    assert.ok(input < 6, `input cells are tiny (${input})`);
    assert.ok(kernel >= 20, `kernel cells readable (${kernel})`);
  });
});

describe('Colour images as input (webview)', function () {
  this.timeout(60_000);
  const h = useWebviewHarness();

  /** A 3×4×4 image: red ramp, green constant 0.5, blue the reverse ramp (values 0–1). */
  const rgb = {
    shape: [3, 4, 4],
    data: [
      ...Array.from({ length: 16 }, (_, i) => (i % 4) / 3),
      ...new Array(16).fill(0.5),
      ...Array.from({ length: 16 }, (_, i) => 1 - (i % 4) / 3),
    ],
  };

  it('draws a 3-channel input as colour and shows the kernel summed (in_channels=3) and per channel (groups=3)', async () => {
    await showTensor(h, rgb);
    const picture = h.page.locator(`${view} tl-rgb-image.input-rgb canvas`);
    await picture.waitFor();
    // Pixel (0, 0): R 0, G 0.5, B 1 → rgb(0, 128, 255); pixel (0, 3): R 1, G 0.5, B 0.
    const px = await picture.evaluate((c) => {
      const ctx = (c as HTMLCanvasElement).getContext('2d')!;
      return [Array.from(ctx.getImageData(0, 0, 1, 1).data), Array.from(ctx.getImageData(3, 0, 1, 1).data)];
    });
    assert.deepEqual(px, [
      [0, 128, 255, 255],
      [255, 128, 0, 255],
    ]);
    const both = h.page.locator(`${view} .both`);
    await both.waitFor();
    assert.match((await both.locator('figure.summed figcaption').textContent()) ?? '', /in_channels=3/);
    assert.match((await both.locator('figure.per-channel figcaption').textContent()) ?? '', /groups=3/);
    await both.locator('button.use-groups').click();
    await h.page.locator(`${view} section.output h3 .shape`, { hasText: '3×2×2' }).waitFor();
    assert.equal(await h.page.locator(`${view} .strip .channel-map`).count(), 3);
    assert.deepEqual(h.errors(), []);
  });

  it('H×W×C reads channel-last arrays (PIL, OpenCV) as the same picture', async () => {
    const H = 4;
    const W = 4;
    const hwc = new Array<number>(48);
    for (let c = 0; c < 3; c++) for (let i = 0; i < H * W; i++) hwc[i * 3 + c] = rgb.data[c * 16 + i];
    await showTensor(h, { shape: [H, W, 3], data: hwc });
    assert.equal(await h.page.locator(`${view} tl-rgb-image.input-rgb`).count(), 0, 'read as C×H×W first: 4 channels, no picture');
    await h.page.locator(`${view} select.layout`).selectOption('hwc');
    const picture = h.page.locator(`${view} tl-rgb-image.input-rgb canvas`);
    await picture.waitFor();
    assert.equal((await h.page.locator(`${view} section.input h3 .shape`).textContent())?.trim(), '3×4×4');
    const px = await picture.evaluate((c) => Array.from((c as HTMLCanvasElement).getContext('2d')!.getImageData(3, 0, 1, 1).data));
    assert.deepEqual(px, [255, 128, 0, 255]);
  });
});

describe('Kernel picker in sync (webview)', function () {
  this.timeout(60_000);
  const h = useWebviewHarness();

  it('a literal kernel from another file stays named in the picker while it is the one applied', async () => {
    const k2 = { name: 'k', line: 4, shape: [2, 2], data: [1, 0, 0, -1] };
    await showTensor(h, { shape: [4, 4], data: Array.from({ length: 16 }, (_, i) => i) }, { candidates: [k2], kernel: 'k' });
    await h.page.locator(`${view} section.output h3 .shape`, { hasText: '1×1×3×3' }).waitFor();
    // The command run again in another file, whose literals don't include `k`.
    await h.send(
      toWire({
        type: 'show',
        title: 'other (b.py:1)',
        input: { shape: [5, 5], data: new Array(25).fill(1) },
        candidates: [],
        canInsert: true,
      }),
    );
    await h.page.locator(`${view} section.output h3 .shape`, { hasText: '1×1×4×4' }).waitFor();
    const picked = h.page.locator(`${view} tl-kernel-picker select#kernel-0`);
    assert.equal(await picked.inputValue(), 'literal:k');
    assert.match((await picked.locator('option:checked').textContent()) ?? '', /^k \(2×2, not in this file\)$/);
    assert.equal((await h.page.locator(`${view} section.kernel h3 .shape`).textContent())?.trim(), '2×2');
    assert.match((await h.page.locator(`${view} .formula`).first().textContent()) ?? '', /1·\(2−1\)/);
  });
});
