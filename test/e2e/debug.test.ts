// Live tensors e2e: a real debugpy session (through the test-only debugpy bridge) paused on a PyTorch program, used as a user would.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { formatStat } from '../../src/hover/stats';
import { requirePython, PYTHON } from '../unit/debug/dap-client';
import { ROOT, useVSCode } from './harness';
import { pickCommand, runCommand, waitForWebviewText } from './workbench';

const FILE = 'live_tensors_demo.py';
const source = readFileSync(join(ROOT, 'examples', FILE), 'utf8');
const lineOf = (text: string): number => source.split('\n').findIndex((l) => l.includes(text)) + 1;
const MAIN_STOP = lineOf('out = model(batch)');
const FORWARD_STOP = lineOf('feature = F.relu(self.conv1(x))');

/** PyTorch's own statistics of the demo's `batch`, from a separate Python run of the same code. */
function batchStats(): { min: number; max: number; mean: number } {
  const prelude = source.slice(0, source.indexOf('model = SmallCNN()'));
  const script = `${prelude}\nimport json\nprint(json.dumps([batch.min().item(), batch.max().item(), batch.double().mean().item()]))\n`;
  const r = spawnSync(PYTHON, ['-c', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const [min, max, mean] = JSON.parse(r.stdout) as number[];
  return { min, max, mean };
}

/**
 * PyTorch's output of the demo's self.conv1 on its batch (the Explain input), flat, from a separate Python run of the
 * same code, and per element the bound 2·γ_K·Σ|terms| (K = 3·3·3 products + the bias): how far two float32 sums of those
 * terms, in any order, may be apart.
 */
function conv1Reference(): { out: number[]; bound: number[] } {
  const prelude = source.slice(0, source.indexOf('out = model(batch)'));
  const script = `${prelude}
import json
w, b = model.conv1.weight, model.conv1.bias
with torch.no_grad():
    out = model.conv1(batch)
    terms = F.conv2d(batch.abs(), w.abs(), b.abs(), padding=1)
u, k = 2.0 ** -24, 28
g = k * u / (1 - k * u)
print(json.dumps({'out': out.flatten().tolist(), 'bound': (2 * g * terms.double() * (1 + g)).flatten().tolist()}))
`;
  const r = spawnSync(PYTHON, ['-c', script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as { out: number[]; bound: number[] };
}

/** A row of the Tensors view by its accessible label ("batch: float32  cpu  2×3×48×40 …"). */
function tensorsRow(page: Page, name: string): Locator {
  return page.locator(`.monaco-list-row[aria-label^="${name}: "]`).first();
}

/**
 * Rests the mouse on a word, arriving straight from a blank spot: a path across other words would start debug-hover
 * evaluations of them on the way (the harness's hoverAt glides in from below).
 */
async function hoverWord(page: Page, lineText: string, word: string): Promise<Locator> {
  const line = page.locator('.part.editor .editor-group-container.active .view-line', { hasText: lineText }).first();
  await line.waitFor();
  const box = await line.evaluate(
    (el, [text, needle]) => {
      const doc = document;
      const walker = doc.createTreeWalker(el, 4);
      let all = '';
      const nodes: Array<{ node: Node; start: number }> = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        nodes.push({ node: n, start: all.length });
        all += String(n.textContent).replace(/\u00a0/g, ' ');
      }
      const mid = all.indexOf(text) + text.indexOf(needle) + Math.floor(needle.length / 2);
      const hit = nodes.filter((x) => x.start <= mid).pop()!;
      const range = doc.createRange();
      range.setStart(hit.node, mid - hit.start);
      range.setEnd(hit.node, mid - hit.start + 1);
      const r = range.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    },
    [lineText, word],
  );
  await page.mouse.move(box.x, 5);
  await page.mouse.move(box.x, box.y);
  const hover = page
    .locator('.monaco-hover:not(.hidden)')
    .filter({ has: page.locator('.rendered-markdown') })
    .first();
  await hover.waitFor({ timeout: 15_000 });
  return hover;
}

/**
 * Shows and focuses the Tensors view from the keyboard. Clicking the activity-bar icon would focus the container's
 * first view, the Training webview, which takes the focus only once it has loaded — seconds later on a busy machine,
 * closing whatever quick input the next step has opened by then.
 */
async function showTensorsView(page: Page): Promise<void> {
  await runCommand(page, 'Tensor Lens: Focus on Tensors View');
  await page.locator('.pane-header[aria-label^="Tensors"]').first().waitFor();
}

async function waitForNotification(page: Page, pattern: RegExp, timeoutMs = 30_000): Promise<string> {
  const toast = page.locator('.notifications-toasts .notification-list-item-message', { hasText: pattern }).first();
  await toast.waitFor({ timeout: timeoutMs });
  return (await toast.innerText()).replace(/\u00a0/g, ' ');
}

describe('Live tensors in a paused debugpy session (code-server)', function () {
  this.timeout(240_000);
  requirePython();
  const launch = {
    version: '0.2.0',
    configurations: [
      { name: 'Debug demo', type: 'debugpy', request: 'launch', program: `\${workspaceFolder}/${FILE}`, python: PYTHON, justMyCode: true },
    ],
  };
  const code = useVSCode({
    width: 1600,
    height: 1000,
    extensions: ['test/e2e/fixtures/debugpy-attach'],
    files: { '.vscode/launch.json': JSON.stringify(launch, null, 2) },
    settings: { 'debug.allowBreakpointsEverywhere': true },
  });

  it('stops at a breakpoint of a PyTorch program started under debugpy', async () => {
    const vs = code();
    await vs.openFile(FILE);
    await vs.page.keyboard.press('Control+Shift+D');
    await vs.page.locator('.debug-breakpoints').first().waitFor({ state: 'attached' });
    for (const line of [MAIN_STOP, FORWARD_STOP]) {
      await vs.goTo(line);
      await vs.page.keyboard.press('F9');
      await vs.page
        .locator('.debug-breakpoints .monaco-list-row', { hasText: String(line) })
        .first()
        .waitFor({ timeout: 10_000 });
    }
    await vs.page.keyboard.press('F5');
    // Paused: the Variables view lists the program's locals.
    await vs.page.locator('.debug-variables .monaco-list-row', { hasText: 'activation' }).first().waitFor({ timeout: 60_000 });
  });

  it('opens a tensor from the Variables view in the Convolution panel', async () => {
    const vs = code();
    const row = vs.page.locator('.debug-variables .monaco-list-row', { hasText: /^\s*batch\b/ }).first();
    // A value tooltip of the row under the mouse would cover the rows below it: move away until it is gone.
    await vs.page.mouse.move(900, 900);
    await vs.page.locator('.context-view .debug-hover-widget, .monaco-hover:not(.hidden)').first().waitFor({ state: 'hidden' });
    await row.click({ button: 'right' });
    // Chosen from the keyboard: the pointer rests on the item (which focuses it) and Enter runs it. A mouse click that
    // lands right after the menu opened is taken by VS Code as the end of the right-click and leaves the menu open.
    const item = vs.page.locator('.monaco-menu .action-item', { hasText: 'Open in Tensor Lens' }).first();
    await item.hover();
    await vs.page.locator('.monaco-menu .action-item.focused', { hasText: 'Open in Tensor Lens' }).first().waitFor();
    await vs.page.keyboard.press('Enter');
    await vs.page.locator('.monaco-menu').first().waitFor({ state: 'hidden' });
    const frame = await waitForWebviewText(vs.page, 'convolution', 'batch (live', 60_000);
    await frame.getByText('2×3×48×40', { exact: false }).first().waitFor({ timeout: 30_000 });
    await vs.screenshot('debug-variables-open');
  });

  it('hovers a tensor variable: live heatmap with the statistics PyTorch computes', async () => {
    const vs = code();
    await vs.openFile(FILE);
    await vs.goTo(MAIN_STOP);
    const hover = await hoverWord(vs.page, 'out = model(batch)', 'batch');
    await hover.getByText('live · paused at line', { exact: false }).first().waitFor({ timeout: 20_000 });
    const text = (await hover.innerText()).replace(/\u00a0/g, ' ');
    const s = batchStats();
    assert.match(text, /batch/);
    assert.ok(text.includes(`shape 2×3×48×40`), text);
    assert.ok(text.includes(`min ${formatStat(s.min)}`) && text.includes(`max ${formatStat(s.max)}`), text);
    assert.ok(text.includes(`mean ${formatStat(s.mean)}`), `${text}\nexpected mean ${formatStat(s.mean)}`);
    assert.ok(text.includes(`paused at line ${MAIN_STOP}`), text);
    const drawn = await hover
      .locator('img[alt^="heatmap"]')
      .evaluateAll((els) => els.filter((e) => (e as unknown as { naturalWidth: number }).naturalWidth > 0).length);
    assert.ok(drawn >= 1, 'the heatmap image is decoded');
    await vs.screenshot('debug-live-hover');
    await vs.page.keyboard.press('Escape');
  });

  it('lists the tensor locals of the frame in the Tensors view', async () => {
    const vs = code();
    await showTensorsView(vs.page);
    await tensorsRow(vs.page, 'activation').waitFor({ timeout: 20_000 });
    for (const name of ['batch', 'half', 'weird', 'stripe']) await tensorsRow(vs.page, name).waitFor();
    assert.match((await tensorsRow(vs.page, 'activation').getAttribute('aria-label')) ?? '', /float32 {2}cpu {2}1×64×112×112/);
    assert.match((await tensorsRow(vs.page, 'half').getAttribute('aria-label')) ?? '', /float16/);
    assert.match((await tensorsRow(vs.page, 'weird').getAttribute('aria-label')) ?? '', /⚠ 1 NaN, 1 \+Inf/);
    await vs.screenshot('debug-tensors-view');
  });

  it('pins an expression: evaluated in the Tensors view at this stop and every later one', async () => {
    const vs = code();
    const input = vs.page.locator('.quick-input-widget .quick-input-box input[placeholder="out[0, :4]"]');
    await pickCommand(vs.page, 'Tensor Lens: Pin Expression…');
    await input.fill('batch[1]');
    await input.press('Enter');
    await tensorsRow(vs.page, 'batch[1]').waitFor({ timeout: 20_000 });
    assert.match((await tensorsRow(vs.page, 'batch[1]').getAttribute('aria-label')) ?? '', /float32 {2}cpu {2}3×48×40/);
  });

  it('refreshes the Tensors view at the next stop, inside forward', async () => {
    const vs = code();
    await vs.page.keyboard.press('F5');
    await vs.page.locator('.debug-call-stack .monaco-list-row', { hasText: 'forward' }).first().waitFor({ timeout: 30_000 });
    // Stopping brings Run and Debug forward; the user goes back to the Tensor Lens sidebar.
    await showTensorsView(vs.page);
    await tensorsRow(vs.page, 'self.conv1').waitFor({ timeout: 30_000 });
    await tensorsRow(vs.page, 'x').waitFor();
    await tensorsRow(vs.page, 'self.conv1.weight').waitFor();
    assert.equal(await tensorsRow(vs.page, 'activation').count(), 0, 'the previous frame is gone');
    // The pin stays across the stop and is evaluated again in this frame (batch is a global of the module).
    assert.match((await tensorsRow(vs.page, 'batch[1]').getAttribute('aria-label')) ?? '', /float32 {2}cpu {2}3×48×40/);
    assert.match((await tensorsRow(vs.page, 'self.conv1').getAttribute('aria-label')) ?? '', /Conv2d {2}3 → 16 {2}kernel 3×3/);
  });

  it('opens an expression typed into Open Expression…, and says in one line why one cannot be opened', async () => {
    const vs = code();
    const input = vs.page.locator('.quick-input-widget .quick-input-box input[placeholder="x, self.conv1.weight, batch[0]"]');
    await pickCommand(vs.page, 'Tensor Lens: Open Expression…');
    await input.fill('self.conv1.weight[:4]');
    await input.press('Enter');
    const frame = await waitForWebviewText(vs.page, 'convolution', 'self.conv1.weight[:4] (live');
    await frame.getByText('4×3×3×3', { exact: false }).first().waitFor();
    await pickCommand(vs.page, 'Tensor Lens: Open Expression…');
    await input.fill('nope');
    await input.press('Enter');
    const message = await waitForNotification(vs.page, /can't open nope/);
    assert.match(message, /the expression raised NameError: name 'nope' is not defined/);
  });

  it('explains self.conv1: our engine matches PyTorch on the real input and weights', async () => {
    const vs = code();
    await tensorsRow(vs.page, 'self.conv1').click();
    const message = await waitForNotification(vs.page, /Explain self\.conv1\(x\)/);
    const m = /largest \|difference\| ([\d.e+-]+) over (\d+) values/.exec(message);
    assert.ok(m, message);
    assert.ok(Number(m[1]) <= 1e-5, message);
    assert.equal(Number(m[2]), 2 * 16 * 48 * 40);
    assert.match(message, /matches PyTorch/);
    const frame = await waitForWebviewText(vs.page, 'convolution', 'x → self.conv1 (live');
    // The layer's real weight is the panel's kernel.
    await frame.locator('tl-convolution-view', { hasText: 'self.conv1.weight' }).first().waitFor({ timeout: 30_000 });
    // …with the layer's own arguments (nn.Conv2d(3, 16, 3, padding=1)), so the panel computes what the layer computes.
    await frame.waitForFunction(() => {
      const host = document.querySelector('tl-convolution-view');
      const bar = host?.shadowRoot?.querySelector('tl-conv-args-bar');
      const input = bar?.shadowRoot?.querySelector<HTMLInputElement>('input[aria-label="padding height"]');
      return input?.value === '1';
    });
    await vs.screenshot('debug-explain-layer');
    // The panel's output is the layer's output: PyTorch's self.conv1(x), bias included (it once used bias=None).
    await frame.locator('tl-convolution-view button.copy-json:not([disabled])').click();
    const ref = conv1Reference();
    let copied = '';
    for (let i = 0; i < 50 && !copied.startsWith('['); i++) {
      await vs.page.waitForTimeout(200);
      copied = await vs.page.evaluate(async () => ((await (globalThis as any).navigator.clipboard.readText()) as string) ?? '');
    }
    const panel = (JSON.parse(copied) as unknown[]).flat(4) as number[];
    assert.equal(panel.length, ref.out.length, 'the panel output has the layer output size');
    panel.forEach((v, i) =>
      assert.ok(Math.abs(v - ref.out[i]) <= ref.bound[i], `output[${i}]: panel ${v}, PyTorch ${ref.out[i]} (bound ${ref.bound[i]})`),
    );
    await vs.page.keyboard.press('Shift+F5');
    await vs.page.locator('.debug-toolbar').waitFor({ state: 'hidden', timeout: 30_000 });
  });
});
