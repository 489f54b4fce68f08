// The Model Explorer panel's webview: every step of TinyResNet (as the explore worker computes it) with PyTorch's
// shapes, virtualised channel strips, drill-down and reveal messages, and keyboard navigation.
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { ExploreSession } from '../../src/core/explore/session';
import type { ExploreRunResult, ThumbPage } from '../../src/core/protocol/explore';
import { EXPLORE_CASES, MODELS_PY, caseBytes, inflate } from '../unit/explore/golden-cases';
import { useWebviewHarness } from './harness';

describe('Model Explorer panel (webview)', function () {
  this.timeout(60_000);
  const h = useWebviewHarness();
  const session = new ExploreSession(inflate);
  const golden = EXPLORE_CASES.find((c) => c.name === 'tiny_resnet_png')!;
  let result: ExploreRunResult;

  before(async () => {
    result = await session.explore({
      text: MODELS_PY,
      model: 'TinyResNet',
      weights: { label: golden.weights, bytes: caseBytes(golden.weights) },
      input: { label: golden.input, bytes: caseBytes(golden.input) },
      train: false,
      seed: 0,
    });
  });

  /** Opens the view with the run, answering its thumbnail requests as the host does (through the session). */
  async function show() {
    await h.openView('explore', { width: 1100, height: 800 });
    await h.waitForPosted('ready');
    await h.send({
      type: 'exploreState',
      model: 'TinyResNet',
      file: 'models.py',
      weights: golden.weights,
      input: golden.input,
      train: false,
      scale: 'shared',
    });
    await h.send({ type: 'exploreResult', result });
    await h.page.locator('tl-explore-view li.step').first().waitFor();
  }

  async function answerThumbs(): Promise<number> {
    const asks = h.posted().filter((m) => m.type === 'exploreThumbs') as unknown as Array<{
      step: number;
      from: number;
      count: number;
      scale: 'shared' | 'channel';
    }>;
    h.clearPosted();
    for (const a of asks)
      await h.send({ type: 'exploreThumbs', page: session.thumbs(a.step, a.from, a.count, a.scale) satisfies ThumbPage });
    return asks.length;
  }

  it("lists every step with PyTorch's shapes for the leaf modules, in order, and the class scores", async () => {
    await show();
    const rows = h.page.locator('tl-explore-view li.step');
    assert.equal(await rows.count(), result.steps.length);
    const leaves: Array<[string, string]> = [];
    for (let i = 0; i < result.steps.length; i++) {
      const s = result.steps[i];
      if (s.kind !== 'module') continue;
      const name = (await rows.nth(i).locator('.name').textContent())!.trim().split(' ').pop()!;
      leaves.push([name, (await rows.nth(i).locator('.shape').textContent())!]);
    }
    assert.deepEqual(
      leaves,
      golden.layers.map((l) => [l.module, `[${l.shape.join(', ')}]`]),
    );
    assert.match((await h.page.locator('tl-explore-view section.scores').textContent()) ?? '', /logits → softmax → probabilities/);
    assert.deepEqual(h.errors(), []);
  });

  it('asks only for the channels in view, draws them, and a conv channel click asks for its drill-down', async () => {
    await show();
    await new Promise((r) => setTimeout(r, 300));
    const asked = await answerThumbs();
    assert.ok(asked > 0);
    const asks = h.posted();
    assert.ok(!asks.some((m) => m.type === 'exploreThumbs' && (m.from as number) > 32), 'no page far outside the strip is asked for');
    const conv = h.page.locator('tl-explore-view li.step[data-index="0"] tl-channel-strip button.thumb');
    await conv.first().waitFor();
    assert.equal(await conv.count(), 16, 'stem.0 shows its 16 channels');
    await conv.nth(5).click();
    const drill = await h.waitForPosted('exploreDrill');
    assert.deepEqual({ step: drill.step, channel: drill.channel }, { step: 0, channel: 5 });
    await h.page.screenshot({ path: resolve(__dirname, '../../test-results/explore-webview.png'), fullPage: true });
    assert.deepEqual(h.errors(), []);
  });

  it("moving through the steps with the keyboard reveals each step's line", async () => {
    await show();
    await h.page.locator('tl-explore-view li.step[data-index="0"] .name').click();
    const first = await h.waitForPosted('exploreReveal');
    assert.equal(first.line, result.steps[0].line);
    h.clearPosted();
    await h.page.keyboard.press('ArrowDown');
    await h.page.keyboard.press('ArrowDown');
    await h.page.keyboard.press('ArrowDown');
    const reveal = await h.waitForPosted('exploreReveal', (m) => m.line === result.steps[3].line);
    assert.equal(reveal.line, result.steps[3].line);
    const focused = await h.page.evaluate(() => {
      const g = globalThis as unknown as {
        document: { querySelector(s: string): { shadowRoot: { activeElement: { dataset: Record<string, string> } | null } } };
      };
      return g.document.querySelector('tl-explore-view').shadowRoot.activeElement?.dataset.index;
    });
    assert.equal(focused, '3');
  });

  it('shows the first steps while the run goes on, then the whole run', async () => {
    await h.openView('explore', { width: 900, height: 700 });
    await h.waitForPosted('ready');
    await h.send({ type: 'exploreBusy', text: 'Running TinyResNet…' });
    await h.send({ type: 'exploreStep', step: result.steps[0] });
    await h.send({ type: 'exploreStep', step: result.steps[1] });
    await h.page.locator('tl-explore-view ol.partial li.step').nth(1).waitFor();
    assert.equal(await h.page.locator('tl-explore-view li.step').count(), 2);
    await h.send({ type: 'exploreResult', result });
    await h.page.locator('tl-explore-view ol.steps:not(.partial)').waitFor();
    assert.equal(await h.page.locator('tl-explore-view li.step').count(), result.steps.length);
  });

  it('the eval/train toggle and the pickers post their messages; an error replaces the steps', async () => {
    await show();
    await h.page.locator('tl-explore-view .mode button', { hasText: 'train' }).click();
    assert.equal((await h.waitForPosted('exploreMode')).train, true);
    await h.page.locator('tl-explore-view button.weights').click();
    await h.waitForPosted('explorePickWeights');
    await h.page.locator('tl-explore-view button.input').click();
    await h.waitForPosted('explorePickInput');
    await h.send({
      type: 'exploreError',
      message: 'RuntimeError: mat1 and mat2 shapes cannot be multiplied (1x576 and 400x120)',
      line: 20,
    });
    assert.match((await h.page.locator('tl-explore-view .error').textContent()) ?? '', /^line 20: RuntimeError: mat1 and mat2/);
    assert.equal(await h.page.locator('tl-explore-view li.step').count(), 0);
  });
});
