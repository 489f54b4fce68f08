// The tensor-file editor in Chromium under the real CSP: index, filter, kernel grid, channel grid, refusals, actions.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FileIndex, TensorFileHostMessage } from '../../src/core/protocol/tensor-file';
import { FORMAT_LABEL, type TensorFile } from '../../src/core/tensor-files/open-tensor-file';
import { summarize } from '../../src/core/tensor-files/tensor-summary';
import { fixtureBytes, openFixture } from '../unit/files/helpers';
import { useWebviewHarness, type PostedMessage } from './harness';

const SHOTS = resolve(__dirname, '..', '..', 'test-results', 'webview');

function indexOf(name: string, file: TensorFile): FileIndex {
  return {
    fileName: name,
    format: file.format,
    formatLabel: FORMAT_LABEL[file.format],
    size: fixtureBytes(name).length,
    entries: file.entries.map(({ name: n, shape, dtype, numel, nbytes }) => ({ name: n, shape, dtype, numel, nbytes })),
    metadata: file.metadata,
    ...(file.image ? { image: { description: file.image.description, grayscale: false } } : {}),
  };
}

describe('webview: tensor-file editor', function () {
  this.timeout(60_000);
  const h = useWebviewHarness();
  before(() => mkdirSync(SHOTS, { recursive: true }));

  /** Plays the host: answers 'select' with the real summary of that tensor. */
  async function serve(name: string): Promise<TensorFile> {
    const file = await openFixture(name);
    await h.openView('tensor-file');
    await h.waitForPosted('ready');
    await h.send({ type: 'index', index: indexOf(name, file), canTrain: true } satisfies TensorFileHostMessage);
    return file;
  }
  async function answer(file: TensorFile, sel: string): Promise<void> {
    await h.waitForPosted<PostedMessage & { name: string }>('select', (m) => m.name === sel);
    const e = file.entries.find((x) => x.name === sel)!;
    await h.send({ type: 'tensor', name: sel, summary: summarize(await file.read(e), e.shape, e.dtype) } satisfies TensorFileHostMessage);
  }

  it('lists a state dict with totals, filters it, and shows conv.weight as a grid of its kernels', async () => {
    const file = await serve('state_dict.pt');
    const p = h.page;
    const rows = p.locator('tl-tensor-file-view tr.row');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 9);
    const facts = await p.locator('tl-tensor-file-view .facts').textContent();
    // PyTorch's parameters() of the fixture's Net: 138; BatchNorm's running_mean/var and num_batches_tracked: 9 more.
    assert.match(facts ?? '', /PyTorch zip · 9 tensors · 138 parameters · 9 in buffers/);
    await p.locator('tl-tensor-file-view input[type=search]').fill('bn.');
    assert.equal(await rows.count(), 5);
    await p.locator('tl-tensor-file-view input[type=search]').fill('');
    await p.locator('tl-tensor-file-view tr.row[data-name="conv.weight"]').click();
    await answer(file, 'conv.weight');
    const mosaic = p.locator('tl-kernel-mosaic canvas');
    await mosaic.waitFor();
    assert.match((await mosaic.getAttribute('aria-label')) ?? '', /4 output channels × 3 input channels of 3×3 kernels/);
    assert.match((await p.locator('tl-tensor-detail .meta').textContent()) ?? '', /float32 · \[4, 3, 3, 3\] · 108 values/);
    await p.screenshot({ path: resolve(SHOTS, 'tensor-file-state-dict.png') });
    // Arrow keys move the selection.
    await p.locator('tl-tensor-file-view tr.row[data-name="conv.weight"]').focus();
    await p.keyboard.press('ArrowDown');
    await h.waitForPosted<PostedMessage & { name: string }>('select', (m) => m.name === 'conv.bias');
    assert.deepEqual(h.errors(), []);
  });

  it('posts the actions: copy, open as input, use as kernel, load into training', async () => {
    const file = await serve('state_dict.pt');
    const p = h.page;
    await p.locator('tl-tensor-file-view tr.row[data-name="conv.weight"]').click();
    await answer(file, 'conv.weight');
    await p.getByRole('button', { name: 'Copy as torch.tensor' }).click();
    await h.waitForPosted('copyTensor', (m) => m.name === 'conv.weight');
    await p.getByRole('button', { name: 'Open in Convolution panel' }).click();
    await h.waitForPosted('openInPanel', (m) => m.name === 'conv.weight' && m.as === 'input');
    await p.getByRole('button', { name: 'Use as kernel' }).click();
    await h.waitForPosted('openInPanel', (m) => m.as === 'kernel');
    await p.getByRole('button', { name: 'Load into Training' }).click();
    await h.waitForPosted('loadIntoTraining');
  });

  it('an image shows its channels and a grayscale switch; a single .npy is selected at once', async () => {
    const file = await serve('rgb.png');
    await answer(file, 'image');
    const p = h.page;
    await p.locator('tl-plane-grid').waitFor();
    assert.equal(await p.locator('tl-plane-grid button').count(), 3);
    assert.equal(await p.locator('tl-image-picture canvas').getAttribute('aria-label'), 'The image, 8×6');
    assert.equal(await p.locator('tl-tensor-file-view input[type=checkbox]').count(), 1);
    await p.screenshot({ path: resolve(SHOTS, 'tensor-file-image.png') });
    const npy = await serve('f4.npy');
    await answer(npy, '');
    await h.page.locator('tl-heatmap-grid').waitFor();
    assert.deepEqual(h.errors(), []);
  });

  it('a 4-D batch [2, 3, 20, 20] gets batch and channel pickers and a grid of its channels', async () => {
    const file = await serve('batch.npy');
    await answer(file, '');
    const p = h.page;
    await p.locator('tl-tensor-detail tl-plane-grid').waitFor();
    assert.equal(await p.locator('tl-tensor-detail tl-plane-grid button').count(), 3);
    const batch = p.locator('tl-tensor-detail .pickers input').nth(0);
    await batch.fill('1');
    await batch.dispatchEvent('change');
    await p.locator('tl-tensor-detail tl-plane-grid button').nth(2).click();
    assert.equal(await p.locator('tl-tensor-detail .pickers input').nth(1).inputValue(), '2');
    assert.equal(await batch.inputValue(), '1');
    await p.screenshot({ path: resolve(SHOTS, 'tensor-file-batch.png') });
    assert.deepEqual(h.errors(), []);
  });

  it('a refused file replaces the index with one clear sentence', async () => {
    await h.openView('tensor-file');
    await h.waitForPosted('ready');
    const message =
      'evil_os_system.pt: it refers to the Python object posix.system, which is not a tensor: refused without running anything.';
    await h.send({ type: 'error', message } satisfies TensorFileHostMessage);
    const alert = h.page.locator('tl-tensor-file-view [role=alert]');
    await alert.waitFor();
    assert.equal((await alert.locator('div').textContent())?.trim(), message);
    assert.equal(await h.page.locator('tl-tensor-file-view table').count(), 0);
  });
});
