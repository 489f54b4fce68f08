// Hover steps shared by the e2e suites: show a hover until it says what is expected, read its text and images.
import type { Locator } from 'playwright-core';
import type { VSCodeSession } from './harness';

/** Rendered text of a hover with spaces normalised. */
export async function textOf(hover: Locator): Promise<string> {
  return (await hover.innerText()).replace(/\u00a0/g, ' ').replace(/[ \t]+/g, ' ');
}

/** Loaded (decoded, non-empty) images in the hover whose alt text starts with the prefix. */
export async function loadedImages(hover: Locator, altPrefix: string): Promise<number> {
  const imgs = hover.locator(`img[alt^="${altPrefix}"]`);
  await imgs.first().waitFor();
  return imgs.evaluateAll((els) => els.filter((e) => (e as unknown as { naturalWidth: number }).naturalWidth > 0).length);
}

export const PREPARING = 'Preparing the heatmap and feature map in the background';

/**
 * Shows the hover on `text` from the keyboard and waits for `expected` in it. Two documented cases show it again:
 * - `firstAfterActivation`: the session's first hover can be asked before the extension has activated and registered its
 *   hover provider (activation starts when the Python file opens); VS Code then shows nothing. Retried once.
 * - the hover says its images are still being prepared ("hover again in a moment", IMAGE_WAIT_MS in
 *   src/hover/provider.ts): shown again until the images are in, up to 20 s.
 */
export async function hoverFor(
  vs: VSCodeSession,
  show: () => Promise<Locator>,
  expected: string,
  options: { firstAfterActivation?: boolean } = {},
): Promise<Locator> {
  const deadline = Date.now() + 20_000;
  let retried = false;
  for (;;) {
    let hover: Locator | undefined;
    try {
      hover = await show();
      await hover.getByText(expected, { exact: false }).first().waitFor({ timeout: 10_000 });
    } catch (e) {
      if (!options.firstAfterActivation || retried) throw e;
      retried = true;
      await vs.hideHover();
      continue;
    }
    if ((await hover.getByText(PREPARING).count()) === 0) return hover;
    if (Date.now() > deadline) throw new Error('the hover still prepares its images after 20 s');
    await vs.hideHover();
  }
}

/** big.py: a 512×512 literal (2 MB of text), which the extension parses in its hover worker. */
export function bigFile(): string {
  const rows: string[] = [];
  for (let i = 0; i < 512; i++)
    rows.push(`    [${Array.from({ length: 512 }, (_, j) => (Math.sin(i / 9) * Math.cos(j / 13)).toFixed(3)).join(', ')}],`);
  return `import torch\n\nbig_image = torch.tensor([\n${rows.join('\n')}\n])\n`;
}
