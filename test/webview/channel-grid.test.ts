// The Convolution panel's grid of all channels: one small map per channel of the shown batch element; a click studies it.
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { useWebviewHarness } from './harness';

/** [N, C, H, W] where every value of batch n, channel c is 10·n + c. */
function labelled(N: number, C: number, H: number, W: number) {
  const data: number[] = [];
  for (let n = 0; n < N; n++) for (let c = 0; c < C; c++) for (let i = 0; i < H * W; i++) data.push(10 * n + c);
  return { shape: [N, C, H, W], data };
}

describe('Convolution panel: grid of all channels (webview)', function () {
  this.timeout(60_000);
  const h = useWebviewHarness();

  async function show(input: { shape: number[]; data: number[] }) {
    await h.openView('convolution', { width: 1100, height: 900 });
    await h.waitForPosted('ready');
    await h.send({ type: 'show', title: 'activation (live · probe.py:34)', input, candidates: [], canInsert: false });
    await h.page.locator('tl-convolution-view tl-heatmap-grid.input-grid').waitFor();
  }

  it('shows one map per channel and makes the clicked one the main input', async () => {
    await show(labelled(2, 8, 6, 6));
    const grid = h.page.locator('tl-convolution-view details.channel-grid');
    assert.match((await grid.locator('summary').textContent()) ?? '', /all 8 channels of batch 0/);
    const maps = grid.locator('tl-plane-grid button');
    assert.equal(await maps.count(), 8);
    await maps.nth(5).click();
    assert.equal(await h.page.locator('tl-convolution-view select.channel').inputValue(), '5');
    const label = await h.page.locator('tl-convolution-view tl-heatmap-grid.input-grid').getAttribute('label');
    assert.match(label ?? '', /batch 0 channel 5/);
    assert.match((await maps.nth(5).getAttribute('class')) ?? '', /selected/);
    // Another batch element: the grid follows it.
    await h.page.locator('tl-convolution-view select.batch').selectOption('1');
    assert.match((await grid.locator('summary').textContent()) ?? '', /all 8 channels of batch 1/);
    assert.deepEqual(h.errors(), []);
  });

  it('folds 64 channels away until asked, and has no grid for a single channel', async () => {
    await show(labelled(1, 64, 4, 4));
    const grid = h.page.locator('tl-convolution-view details.channel-grid');
    assert.equal(await grid.getAttribute('open'), null);
    await grid.locator('summary').click();
    assert.equal(await grid.locator('tl-plane-grid button').count(), 64);
    await h.page.screenshot({ path: resolve(__dirname, '../../test-results/channel-grid-webview.png'), fullPage: true });
    await show(labelled(1, 1, 5, 5));
    assert.equal(await h.page.locator('tl-convolution-view details.channel-grid').count(), 0);
  });
});
