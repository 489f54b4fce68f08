// Drives the VS Code workbench in code-server the way a user would: explorer, F1, keyboard selection, hovers, output panel.
import type { Frame, Locator, Page } from 'playwright-core';

const EXTENSION_ID = 'tensor-lens.tensor-lens';

export async function waitForWorkbench(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout: timeoutMs });
  await page.locator('.part.statusbar').waitFor({ timeout: timeoutMs });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: timeoutMs });
  // Extension contributions are registered once the extensions are scanned, after the workbench shows. Before that, a
  // .ipynb opens as JSON text (the built-in Jupyter notebook type is not known yet): our activity-bar icon marks the end.
  await page.locator('.activitybar .action-item a[aria-label^="Tensor Lens"]').waitFor({ timeout: timeoutMs });
}

async function showExplorer(page: Page): Promise<void> {
  if (await page.locator('.explorer-folders-view').isVisible()) return;
  await page.locator('.activitybar .action-item a[aria-label^="Explorer"]').click();
  await page.locator('.explorer-folders-view').waitFor();
}

/** Opens a workspace file by clicking through the explorer tree (folders are expanded on the way). */
export async function openFileInExplorer(page: Page, relativePath: string): Promise<void> {
  await showExplorer(page);
  const parts = relativePath.split('/').filter(Boolean);
  for (let i = 0; i < parts.length; i++) {
    const row = page.locator(`.explorer-folders-view .monaco-list-row[aria-level="${i + 1}"][aria-label=${JSON.stringify(parts[i])}]`);
    await row.first().waitFor({ timeout: 20_000 });
    const isFolder = i < parts.length - 1;
    if (isFolder) {
      if ((await row.first().getAttribute('aria-expanded')) !== 'true') await row.first().click();
    } else {
      await row.first().click();
    }
  }
  await activeEditorFor(page, parts[parts.length - 1]);
}

/** Opens a file with Quick Open (Ctrl+P), for files not worth clicking to. */
export async function quickOpenFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor();
  await input.fill(name);
  await page
    .locator('.quick-input-widget .monaco-list-row.focused')
    .filter({ hasText: name.split('/').pop() ?? name })
    .waitFor();
  await page.keyboard.press('Enter');
  await activeEditorFor(page, name.split('/').pop() ?? name);
}

async function activeEditorFor(page: Page, fileName: string): Promise<void> {
  await page.locator(`.tabs-container .tab.active[data-resource-name="${fileName}"]`).waitFor({ timeout: 20_000 });
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().waitFor();
}

/** F1, type the command's title, check the first match is that command, Enter. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await pickCommand(page, title);
  await page.locator('.quick-input-widget .quick-input-box input').waitFor({ state: 'hidden' });
}

/** Like runCommand, for commands that answer with another quick pick (the widget stays open). */
export async function pickCommand(page: Page, title: string): Promise<void> {
  // Escape closes a quick pick left open; pressed in the editor it would drop the user's selection.
  if (await page.locator('.quick-input-widget .quick-input-box input').isVisible()) await page.keyboard.press('Escape');
  // A key pressed while a webview (an iframe, e.g. the Training view just revealed) has focus reaches the workbench only
  // once that webview forwards its keys, which it may not do yet: press F1 in the workbench itself.
  await page.evaluate(() => {
    const active = document.activeElement;
    if (active instanceof HTMLElement && active.tagName === 'IFRAME') active.blur();
  });
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor();
  await input.fill(`>${title}`);
  const match = page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: title }).first();
  await match.waitFor({ timeout: 15_000 });
  // Usually the match is the focused first row: Enter on the input itself (had anything taken the focus, and so closed
  // the palette, this fails here, saying so). The palette sometimes keeps another row focused (seen once in the web
  // worker host, with Running Extensions in front): then the match is clicked, as a user would.
  const focused = page.locator('.quick-input-widget .monaco-list-row.focused').filter({ hasText: title });
  if ((await focused.count()) > 0) await input.press('Enter');
  else await match.click();
}

/** Moves the cursor of the active editor to a 1-based line and column with Go to Line (Ctrl+G). */
export async function goTo(page: Page, line: number, column: number): Promise<void> {
  await focusEditor(page);
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor();
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
  await waitForCursor(page, line, column);
}

export async function focusEditor(page: Page): Promise<void> {
  const editor = page.locator('.editor-group-container.active .monaco-editor').first();
  if (!(await editor.evaluate((el) => el.classList.contains('focused')))) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+1');
  }
  await page.locator('.editor-group-container.active .monaco-editor.focused').first().waitFor();
}

/** Selects from (line, column) to (endLine, endColumn), 1-based and end-exclusive, with Go to Line and Shift+arrows. */
export async function selectRange(
  page: Page,
  start: { line: number; column: number },
  end: { line: number; column: number },
  lineLengths: number[],
): Promise<void> {
  await goTo(page, start.line, start.column);
  let line = start.line;
  let column = start.column;
  while (line < end.line) {
    if (column <= lineLengths[line - 1]) await page.keyboard.press('Shift+End');
    await page.keyboard.press('Shift+ArrowRight');
    line++;
    column = 1;
  }
  for (; column < end.column; column++) await page.keyboard.press('Shift+ArrowRight');
}

/**
 * The inner frame of one of this extension's webviews, matched by its view name ('convolution', 'training'),
 * its page title ('Convolution') or a CSS selector that must exist in it ('tl-convolution-view .output').
 */
export async function findWebviewFrame(page: Page, match: string, timeoutMs = 30_000): Promise<Frame> {
  const byView = /^[a-z]+$/.test(match) ? `body[data-view="${match}"]` : null;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      const parent = frame.parentFrame();
      if (!parent || !parent.url().includes(`extensionId=${EXTENSION_ID}`)) continue;
      try {
        if (byView && (await frame.locator(byView).count()) > 0) return frame;
        if (!byView && (await frame.title()) === match) return frame;
        if (
          !byView &&
          (await frame
            .locator(match)
            .count()
            .catch(() => 0)) > 0
        )
          return frame;
      } catch {
        // frame navigated or detached while we looked
      }
    }
    if (Date.now() > deadline) throw new Error(`no Tensor Lens webview matching '${match}' within ${timeoutMs} ms`);
    // Poll again when a frame navigates (a webview loading), or after 250 ms (a webview rendering into a loaded frame).
    await page.waitForEvent('framenavigated', { timeout: 250 }).catch(() => undefined);
  }
}

/**
 * Waits until one of this extension's webviews of `view` shows `text` (shadow DOM included) and returns that frame.
 * Every poll looks at the frames as they are now: a webview hidden and shown again, or moved to another editor group,
 * is a new frame, and the old one may linger detached for a moment.
 */
export async function waitForWebviewText(page: Page, view: string, text: string, timeoutMs = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      const parent = frame.parentFrame();
      if (frame.isDetached() || !parent || !parent.url().includes(`extensionId=${EXTENSION_ID}`)) continue;
      try {
        if ((await frame.locator(`body[data-view="${view}"]`).count()) === 0) continue;
        if ((await frame.getByText(text, { exact: false }).count()) > 0) return frame;
      } catch {
        // frame navigated or detached while we looked
      }
    }
    if (Date.now() > deadline) throw new Error(`no Tensor Lens ${view} webview showed '${text}' within ${timeoutMs} ms`);
    await page.waitForEvent('framenavigated', { timeout: 250 }).catch(() => undefined);
  }
}

const DEEP_TEXT = `(() => {
  const deep = (n) => [n.shadowRoot ? deep(n.shadowRoot) : '', ...Array.from(n.childNodes, (c) => (c.nodeType === 3 ? c.textContent : deep(c)))].join(' ');
  const body = document.body;
  return (body.dataset.view || '?') + ': ' + deep(body).replace(/\\s+/g, ' ').trim().slice(0, 400);
})()`;

/** What the workbench shows now, for a failing test's log: notifications and the text of every Tensor Lens webview. */
export async function describeWorkbench(page: Page): Promise<string> {
  const lines: string[] = [];
  const toasts = await page
    .locator('.notifications-toasts .notification-list-item-message, .notifications-center .notification-list-item-message')
    .allInnerTexts()
    .catch(() => [] as string[]);
  lines.push(`notifications: ${toasts.length ? toasts.map((t) => JSON.stringify(t)).join(' | ') : '(none)'}`);
  const tabs = await page
    .locator('.tabs-container .tab')
    .evaluateAll((els) => els.map((e) => `${e.getAttribute('aria-label') ?? '?'}${e.classList.contains('active') ? ' (active)' : ''}`));
  lines.push(`editor tabs: ${tabs.join(' | ') || '(none)'}`);
  for (const frame of page.frames()) {
    const parent = frame.parentFrame();
    if (!parent || !parent.url().includes(`extensionId=${EXTENSION_ID}`)) continue;
    const text = await frame
      // A string, not a function: tsx would wrap a named inner function in a helper the page doesn't have.
      .evaluate<string>(DEEP_TEXT)
      .catch((e: unknown) => `(unreadable: ${(e as Error).message.split('\n')[0]})`);
    lines.push(`webview${frame.isDetached() ? ' (detached)' : ''}: ${text}`);
  }
  return lines.join('\n');
}

/** Waits until the status bar shows the cursor of the active (text or notebook cell) editor at 1-based line, column. */
export async function waitForCursor(page: Page, line: number, column: number): Promise<void> {
  await page
    .locator('[id="status.editor.selection"]')
    .filter({ hasText: new RegExp(`^Ln ${line}, Col ${column}(?!\\d)`) })
    .waitFor({ timeout: 10_000 });
}

/** The visible hover widget that has rendered Markdown in it. */
export function hoverWidget(page: Page): Locator {
  return page
    .locator('.monaco-hover:not(.hidden)')
    .filter({ has: page.locator('.hover-contents, .rendered-markdown') })
    .first();
}

/**
 * Shows the hover at the cursor of the focused editor with VS Code's "Show or Focus Hover" keybinding (Ctrl+K Ctrl+I),
 * the keyboard user's hover: no mouse position, so neither window layout, fonts nor scrolling can move it.
 */
export async function showHoverAtCursor(page: Page): Promise<Locator> {
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  const hover = hoverWidget(page);
  await hover.waitFor({ timeout: 15_000 });
  return hover;
}

/** Hides a hover shown from the keyboard (Escape in the editor) and waits until it is gone. */
export async function hideHover(page: Page): Promise<void> {
  if (!(await hoverWidget(page).isVisible())) return;
  await page.keyboard.press('Escape');
  await hoverWidget(page).waitFor({ state: 'hidden', timeout: 5_000 });
}

/**
 * Puts the cursor of a notebook's cell editor at a 1-based line and column of the cell at 0-based index `cell` (markdown
 * cells count), by keyboard only: focus the editor group, command mode, first cell, Down to the cell, Enter to edit it,
 * then arrows inside the cell. Waits until that cell is the focused one and the status bar shows the position.
 */
export async function notebookGoTo(page: Page, cell: number, line: number, column: number): Promise<void> {
  // The workbench keeps a hidden notebook editor element around: ours is the visible one. Its rows are matched as
  // attached, not visible: a markdown cell's row has no height of its own.
  const row = (i: number) => page.locator(`.notebook-editor:visible .monaco-list-row.focused[data-index="${i}"]`);
  await page.keyboard.press('Control+1'); // View: Focus First Editor Group (the notebook)
  await page.keyboard.press('Escape'); // leave a cell editor: command mode
  await page.keyboard.press('Control+Home'); // Notebook: Focus First Cell
  await row(0).waitFor({ state: 'attached', timeout: 10_000 });
  for (let i = 0; i < cell; i++) await page.keyboard.press('ArrowDown');
  await row(cell).waitFor({ state: 'attached', timeout: 10_000 });
  await page.keyboard.press('Enter'); // Notebook: Edit Cell
  await row(cell).locator('.monaco-editor.focused').waitFor({ state: 'attached', timeout: 10_000 });
  // Inside the cell: top, then arrows (a notebook shows no Ln/Col in the status bar to wait on; the hover's text, which
  // names what is under the cursor, is the check).
  await page.keyboard.press('Control+Home');
  for (let i = 1; i < line; i++) await page.keyboard.press('ArrowDown');
  for (let i = 1; i < column; i++) await page.keyboard.press('ArrowRight');
}

/** The lines of the text editor in the active editor group (or the first visible one) that are rendered now, in order. */
export async function visibleEditorText(page: Page): Promise<string> {
  const active = page.locator('.part.editor .editor-group-container.active .monaco-editor .view-lines');
  const lines = (await active.count()) > 0 ? active.first() : page.locator('.part.editor .monaco-editor .view-lines').first();
  const rows = await lines
    .locator('.view-line')
    .evaluateAll((els) => els.map((el) => ({ top: parseFloat((el as HTMLElement).style.top) || 0, text: String(el.textContent) })));
  return rows
    .sort((a, b) => a.top - b.top)
    .map((r) => r.text.replace(/\u00a0/g, ' '))
    .join('\n');
}

/**
 * Shows an output channel (Output: Show Output Channels…) and returns its full text (select all + copy), once a rendered
 * line matches `until` (the channel's text arrives asynchronously; rendered lines use non-breaking spaces: match them with \s).
 */
export async function readOutput(page: Page, channel: string, until: RegExp = /\S/): Promise<string> {
  await pickCommand(page, 'Output: Show Output Channels...');
  const input = page.locator('.quick-input-widget .quick-input-box input[aria-label="Select Output Channel"]');
  await input.waitFor();
  await input.fill(channel);
  await page.locator('.quick-input-widget .monaco-list-row.focused').filter({ hasText: channel }).first().waitFor();
  await page.keyboard.press('Enter');
  const editor = page.locator('.part.panel .output-view .monaco-editor').first();
  await editor.locator('.view-line').filter({ hasText: until }).first().waitFor({ timeout: 15_000 });
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+C');
  const copied = await page.evaluate(async () => {
    try {
      return (await navigator.clipboard.readText()) as string;
    } catch {
      return '';
    }
  });
  if (copied.trim()) return copied;
  return (await editor.locator('.view-line').allTextContents()).map((l) => l.replace(/\u00a0/g, ' ')).join('\n');
}
