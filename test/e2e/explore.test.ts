// Model Explorer e2e, as a user: open models.py, Explore TinyResNet with its state dict and the PNG, see every step
// with PyTorch's shapes, click a conv channel and see the Convolution panel's window arithmetic on its real input.
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame } from 'playwright-core';
import { EXPLORE_CASES, MODELS_PY, casePath, readNpzArrays, caseBytes } from '../unit/explore/golden-cases';
import { useVSCode } from './harness';
import { pickCommand } from './workbench';

const CASE = EXPLORE_CASES.find((c) => c.name === 'tiny_resnet_png')!;

describe('Model Explorer (e2e)', function () {
  this.timeout(180_000);
  const code = useVSCode({ files: { 'models.py': MODELS_PY } });
  let explore: Frame;

  async function pick(text: string) {
    const page = code().page;
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor();
    await input.fill(text);
    await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: text }).first().waitFor({ timeout: 15_000 });
    await input.press('Enter');
  }

  it("explores TinyResNet on the PNG with its state dict: every step, PyTorch's shapes", async () => {
    const vs = code();
    for (const f of [CASE.weights, CASE.input]) copyFileSync(casePath(f), join(vs.workspace, f));
    await vs.openFile('models.py');
    await vs.page
      .locator('.editor-group-container.active .codelens-decoration', { hasText: 'Explore' })
      .first()
      .waitFor({ timeout: 60_000 });
    await pickCommand(vs.page, 'Tensor Lens: Explore Model');
    await pick('TinyResNet');
    explore = await vs.webviewFrame('explore');
    const view = explore.locator('tl-explore-view');
    await view.locator('button.weights').click();
    await pick(CASE.weights);
    await view.locator('button.input').click();
    await pick(CASE.input);
    await view.locator('.summary', { hasText: CASE.input }).waitFor({ timeout: 60_000 });
    const rows = view.locator('li.step.module');
    assert.equal(await rows.count(), CASE.layers.length);
    for (let i = 0; i < CASE.layers.length; i++) {
      const l = CASE.layers[i];
      assert.match(((await rows.nth(i).locator('.name').textContent()) ?? '').trim(), new RegExp(` ${l.module.replace(/\./g, '\\.')}$`));
      assert.equal(await rows.nth(i).locator('.shape').textContent(), `[${l.shape.join(', ')}]`);
    }
    await vs.screenshot('explore-01-steps');
  });

  it("a click on a conv channel opens the Convolution panel on that channel's real input and weight", async () => {
    const vs = code();
    const view = explore.locator('tl-explore-view');
    const thumbs = view.locator('li.step[data-index="0"] tl-channel-strip button.thumb');
    await thumbs.nth(5).waitFor({ timeout: 30_000 });
    await thumbs.nth(5).click();
    const conv = await vs.webviewFrame('convolution');
    const panel = conv.locator('tl-convolution-view');
    await panel.locator('tl-window-stepper .where', { hasText: 'out[0, 0, 0, 0] =' }).waitFor({ timeout: 30_000 });
    const arithmetic = ((await panel.locator('tl-window-stepper .arithmetic').textContent()) ?? '').trim();
    // stem.0 is Conv2d(3, 16, 3, 1, 1, bias=False): 27 products over the 3 input channels, zero padding at the corner.
    assert.equal((arithmetic.match(/×/g) ?? []).length, 27, arithmetic);
    const value = Number(arithmetic.split('=').pop()!.trim().replace('−', '-'));
    const golden = (await readNpzArrays(caseBytes(CASE.expected))).get('000:stem.0')!;
    const [, , H, W] = golden.shape;
    // The panel prints float32 values to 4 significant digits or so: within 1e-3 of PyTorch's out[0, 5, 0, 0].
    assert.ok(Math.abs(value - golden.data[5 * H * W]) < 1e-3, `${value} vs PyTorch ${golden.data[5 * H * W]}`);
    await vs.screenshot('explore-02-drill-down');
  });
});
