import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useWebviewHarness } from './harness';
const fx = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'transposed.json'), 'utf8'));
describe('scratch', function () {
  this.timeout(60000);
  const h = useWebviewHarness();
  for (const theme of ['dark', 'light', 'high-contrast'] as const)
    it('shots ' + theme, async () => {
      const c = fx.cases[0];
      await h.openView('convolution', { width: 1200, height: 800, theme });
      await h.waitForPosted('ready');
      await h.send({
        type: 'show',
        title: 'x (t.py:1)',
        input: c.input,
        candidates: [{ name: 'k', line: 2, ...c.kernel }],
        kernel: 'k',
        canInsert: true,
      });
      const v = 'tl-convolution-view';
      await h.page.locator(`${v} input#transposed`).check();
      for (const a of [0, 1]) {
        await h.page.locator(`${v} input#stride-${a}`).fill('2');
        await h.page.locator(`${v} input#padding-${a}`).fill('1');
        await h.page.locator(`${v} input#output-padding-${a}`).fill('1');
      }
      await h.page.keyboard.press('Tab');
      for (let i = 0; i < 8; i++)
        await h.page.evaluate(() =>
          (globalThis as any).dispatchEvent(new (globalThis as any).KeyboardEvent('keydown', { key: 'ArrowRight' })),
        );
      await h.page.screenshot({ path: `/tmp/tr-zero-${theme}.png` });
      await h.page.locator(`${v} button.mode.scatter`).click();
      for (let i = 0; i < 4; i++)
        await h.page.evaluate(() =>
          (globalThis as any).dispatchEvent(new (globalThis as any).KeyboardEvent('keydown', { key: 'ArrowRight' })),
        );
      await h.page.screenshot({ path: `/tmp/tr-scatter-${theme}.png` });
    });
});
