// Tensor-file steps shared by the e2e suites: an explorer row, Quick Open, and a file's Tensor Lens editor frame.
import type { Frame, Page } from 'playwright-core';

export async function explorerRow(page: Page, name: string) {
  // Tensor Lens's contributions (custom editors, menus) are registered once its activity-bar container shows.
  await page.locator('.activitybar .action-item a[aria-label^="Tensor Lens"]').waitFor({ timeout: 60_000 });
  if (!(await page.locator('.explorer-folders-view').isVisible())) {
    await page.locator('.activitybar .action-item a[aria-label^="Explorer"]').click();
  }
  const row = page.locator(`.explorer-folders-view .monaco-list-row[aria-level="1"][aria-label=${JSON.stringify(name)}]`).first();
  await row.waitFor({ timeout: 20_000 });
  return row;
}

/** Ctrl+P → name → Enter (the explorer list is virtualised: rows far down are not in the DOM). */
export async function quickOpen(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor();
  await input.fill(name);
  await page.locator('.quick-input-widget .monaco-list-row.focused').filter({ hasText: name }).waitFor();
  await page.keyboard.press('Enter');
}

/** The tensor-file editor frame of one file (its page title is the file name). */
export async function editorFrame(vs: { webviewFrame(m: string): Promise<Frame> }, fileName: string): Promise<Frame> {
  const frame = await vs.webviewFrame(fileName);
  await frame.locator('tl-tensor-file-view tr.row').first().waitFor({ timeout: 30_000 });
  return frame;
}
