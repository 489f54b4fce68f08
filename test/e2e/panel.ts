// Reading the Convolution panel's output grid and the editor text in e2e tests, waiting on conditions (no sleeps).
import assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import { gridNumbers } from '../support/panel-grids';
import { poll } from '../support/poll';

/** The numbers of the panel's output grid, row by row. */
export function outputValues(frame: Frame): Promise<number[][]> {
  return gridNumbers(frame, 'output-grid');
}

/**
 * Waits until the output grid shows exactly `expected`; on timeout, fails with what it showed. Polled through
 * Playwright's locators, which pierce the view's shadow roots (document.querySelectorAll in the page would not).
 */
export async function waitForOutput(frame: Frame, expected: number[][], timeoutMs = 10_000): Promise<void> {
  const want = JSON.stringify(expected);
  let got: number[][] = [];
  const shows = async () => JSON.stringify((got = await outputValues(frame))) === want;
  await poll(shows, { what: 'panel output', timeoutMs, intervalMs: 50 }).catch(() => undefined);
  assert.deepEqual(got, expected, 'panel output');
}

/** The rendered text of the first text editor (non-breaking spaces as spaces). */
export async function firstEditorText(page: Page): Promise<string> {
  const text = await page.locator('.part.editor .monaco-editor .view-lines').first().textContent();
  return (text ?? '').replace(/\u00a0/g, ' ');
}

/** Waits until the first text editor's rendered text matches (or, with `absent`, no longer matches) the pattern. */
export async function waitForEditorText(page: Page, pattern: RegExp, { absent = false, timeoutMs = 10_000 } = {}): Promise<void> {
  await page
    .waitForFunction(
      ({ source, flags, absent }) => {
        const el = document.querySelector('.part.editor .monaco-editor .view-lines');
        const text = String(el?.textContent ?? '').replace(/\u00a0/g, ' ');
        return new RegExp(source, flags).test(text) !== absent;
      },
      { source: pattern.source, flags: pattern.flags, absent },
      { timeout: timeoutMs },
    )
    .catch(() => undefined); // the caller's assertion reports what the editor shows
}
