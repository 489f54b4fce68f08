// The installed extension's details page (Extensions view) renders the README with every image loaded from the .vsix.
import assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { useVSCode } from './harness';

describe('README in the Extensions view (code-server)', function () {
  this.timeout(180_000);
  const code = useVSCode();

  it('opens Tensor Lens from the installed extensions and every README image has loaded', async () => {
    const vs = code();
    await vs.page.locator('.activitybar .action-item a[aria-label^="Extensions"]').first().click();
    const search = vs.page.locator('.extensions-viewlet .suggest-input-container .monaco-editor').first();
    await search.click();
    await vs.page.keyboard.type('@installed Tensor Lens');
    await vs.page.locator('.extensions-viewlet .monaco-list-row', { hasText: 'Tensor Lens' }).first().click();
    // The details page renders the README in a webview of its own; find it by a sentence only the README has.
    let readme: Frame | undefined;
    const deadline = Date.now() + 60_000;
    while (!readme && Date.now() < deadline) {
      for (const frame of vs.page.frames()) {
        if (frame === vs.page.mainFrame()) continue; // the page header repeats package.json's description
        const found = await frame
          .getByText('walks you through every feature', { exact: false })
          .count()
          .catch(() => 0);
        if (found > 0) readme = frame;
      }
      if (!readme) await vs.page.waitForTimeout(250);
    }
    assert.ok(readme, 'the README of the installed extension never rendered');
    const images = readme.locator('img');
    await images.first().waitFor({ timeout: 30_000 });
    // Wait until each image has finished (loaded or failed), then require all of them to have pixels.
    const states = async () =>
      images.evaluateAll((els) =>
        els.map((e) => ({
          src: e.getAttribute('src'),
          complete: (e as HTMLImageElement).complete,
          w: (e as HTMLImageElement).naturalWidth,
        })),
      );
    let last = await states();
    while (last.some((s) => !s.complete) && Date.now() < deadline) {
      await vs.page.waitForTimeout(250);
      last = await states();
    }
    await vs.screenshot('readme-01-extension-details');
    assert.ok(last.length >= 6, `only ${last.length} images on the details page`);
    assert.deepEqual(
      last.filter((s) => !(s.w > 0)).map((s) => s.src),
      [],
      'README images that did not load',
    );
  });
});
