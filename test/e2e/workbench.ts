// Drives the VS Code workbench in code-server the way a user would: explorer, F1, keyboard selection, hovers, output panel.
import type { Frame, Locator, Page } from 'playwright-core';

const EXTENSION_ID = 'tensor-lens.tensor-lens';

export async function waitForWorkbench(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout: timeoutMs });
  await page.locator('.part.statusbar').waitFor({ timeout: timeoutMs });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: timeoutMs });
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
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor();
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-widget .monaco-list-row.focused');
  await row.filter({ hasText: title }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
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
    await page.waitForTimeout(250);
  }
}

/** Hovers the mouse over the first occurrence of text in the visible lines of the active editor (or any visible editor,
 * e.g. a notebook cell); returns the hover widget. Waits up to 10 s for the text to be rendered. */
export async function hoverText(page: Page, text: string): Promise<Locator> {
  let box: { x: number; y: number } | null = null;
  for (const deadline = Date.now() + 10_000; !box && Date.now() < deadline;) {
    box = await page.evaluate(findTextBox, text);
    if (!box) await page.waitForTimeout(200);
  }
  if (!box) throw new Error(`'${text}' is not on a visible line of an editor`);
  await page.mouse.move(box.x + 40, box.y + 60);
  await page.mouse.move(box.x, box.y, { steps: 4 });
  const hover = page
    .locator('.monaco-hover:not(.hidden)')
    .filter({ has: page.locator('.hover-contents, .rendered-markdown') })
    .first();
  await hover.waitFor({ timeout: 15_000 });
  return hover;
}

/** Runs in the page: the centre of the middle character of needle on a rendered editor line, active group first. */
function findTextBox(needle: string): { x: number; y: number } | null {
  const doc = (globalThis as any).document;
  // Notebook cell editors live in an overlay outside .part.editor, hence the last, workbench-wide scope.
  const scopes = [
    '.part.editor .editor-group-container.active .monaco-editor .view-lines .view-line',
    '.part.editor .monaco-editor .view-lines .view-line',
    '.monaco-workbench .monaco-editor .view-lines .view-line',
  ];
  for (const scope of scopes) {
    for (const line of doc.querySelectorAll(scope)) {
      const walker = doc.createTreeWalker(line, 4);
      const nodes: { node: any; start: number }[] = [];
      let all = '';
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        nodes.push({ node: n, start: all.length });
        all += String(n.textContent).replace(/\u00a0/g, ' ');
      }
      const at = all.indexOf(needle);
      if (at < 0) continue;
      const mid = at + Math.floor(needle.length / 2);
      const hit = nodes.filter((x) => x.start <= mid).pop()!;
      const range = doc.createRange();
      range.setStart(hit.node, mid - hit.start);
      range.setEnd(hit.node, Math.min(mid - hit.start + 1, hit.node.textContent.length));
      const r = range.getBoundingClientRect();
      const view = (globalThis as any).innerHeight as number;
      if (r.width === 0 || r.bottom < 0 || r.top > view) continue;
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    }
  }
  return null;
}

/** The lines of the text editor in the active editor group (or the first visible one) that are rendered now, in order. */
export async function visibleEditorText(page: Page): Promise<string> {
  const active = page.locator('.part.editor .editor-group-container.active .monaco-editor .view-lines');
  const lines = (await active.count()) > 0 ? active.first() : page.locator('.part.editor .monaco-editor .view-lines').first();
  const rows = await lines
    .locator('.view-line')
    .evaluateAll((els) => els.map((el) => ({ top: parseFloat((el as any).style.top) || 0, text: String((el as any).textContent) })));
  return rows
    .sort((a, b) => a.top - b.top)
    .map((r) => r.text.replace(/\u00a0/g, ' '))
    .join('\n');
}

/** Shows an output channel (Output: Show Output Channels…) and returns its full text (select all + copy). */
export async function readOutput(page: Page, channel: string): Promise<string> {
  await pickCommand(page, 'Output: Show Output Channels...');
  const input = page.locator('.quick-input-widget .quick-input-box input[aria-label="Select Output Channel"]');
  await input.waitFor();
  await input.fill(channel);
  await page.locator('.quick-input-widget .monaco-list-row.focused').filter({ hasText: channel }).first().waitFor();
  await page.keyboard.press('Enter');
  const editor = page.locator('.part.panel .output-view .monaco-editor').first();
  await editor.locator('.view-line').first().waitFor();
  await page.waitForTimeout(300);
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+C');
  const copied = await page.evaluate(async () => {
    try {
      return (await (globalThis as any).navigator.clipboard.readText()) as string;
    } catch {
      return '';
    }
  });
  if (copied.trim()) return copied;
  return (await editor.locator('.view-line').allTextContents()).map((l) => l.replace(/\u00a0/g, ' ')).join('\n');
}
