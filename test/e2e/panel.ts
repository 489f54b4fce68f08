// Reading the Convolution panel's output grid and the editor text in e2e tests, waiting on conditions (no sleeps).
import assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';

const OUTPUT_ROWS = 'tl-convolution-view tl-heatmap-grid.output-grid table.values tr';

/** The numbers of the panel's output grid, row by row. */
export async function outputValues(frame: Frame): Promise<number[][]> {
  return frame
    .locator(OUTPUT_ROWS)
    .evaluateAll((rows) =>
      rows.map((r) =>
        Array.from((r as any).querySelectorAll('td') as ArrayLike<{ textContent: string }>).map((td) => Number(td.textContent)),
      ),
    );
}

/** Waits until the output grid shows exactly `expected`; on timeout, fails with what it showed. */
export async function waitForOutput(frame: Frame, expected: number[][], timeoutMs = 10_000): Promise<void> {
  const ok = await frame
    .waitForFunction(
      ({ selector, want }) => {
        const rows = Array.from((globalThis as any).document.querySelectorAll(selector) as ArrayLike<any>);
        const got = rows.map((r) => Array.from(r.querySelectorAll('td') as ArrayLike<any>).map((td) => Number(td.textContent)));
        return JSON.stringify(got) === want;
      },
      { selector: OUTPUT_ROWS, want: JSON.stringify(expected) },
      { timeout: timeoutMs },
    )
    .then(() => true)
    .catch(() => false);
  if (!ok) assert.deepEqual(await outputValues(frame).catch(() => []), expected, 'panel output');
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
        const el = (globalThis as any).document.querySelector('.part.editor .monaco-editor .view-lines');
        const text = String(el?.textContent ?? '').replace(/\u00a0/g, ' ');
        return new RegExp(source, flags).test(text) !== absent;
      },
      { source: pattern.source, flags: pattern.flags, absent },
      { timeout: timeoutMs },
    )
    .catch(() => undefined); // the caller's assertion reports what the editor shows
}
