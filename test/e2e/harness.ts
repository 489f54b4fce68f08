// E2E harness: the packaged .vsix in a real VS Code (code-server 4.100.3) driven by Playwright, one throwaway server per session.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { Browser, BrowserContext, Frame, Locator, Page } from 'playwright-core';
import { launchChromium } from '../webview/harness';
import {
  installUnpackedExtension,
  installVsix,
  QUIET_SETTINGS,
  startCodeServer,
  writeServerConfig,
  writeUserSettings,
  type CodeServerProcess,
} from '../../scripts/code-server.mjs';
import * as wb from './workbench';

export const ROOT = resolve(__dirname, '..', '..');
export const RESULTS_DIR = join(ROOT, 'test-results', 'e2e');

export interface StartOptions {
  /** Folder to copy and open (relative to the repo root or absolute); default examples/. Never opened in place. */
  workspace?: string;
  /** Extra files to write into the copied workspace, path → content. */
  files?: Record<string, string>;
  /** User settings merged over the quiet defaults. */
  settings?: Record<string, unknown>;
  width?: number;
  height?: number;
  /** Unpacked test-only extension folders (relative to the repo root) copied into the extensions dir beside the .vsix. */
  extensions?: string[];
}

export interface VSCodeSession {
  readonly page: Page;
  readonly url: string;
  /** The temporary copy of the workspace that VS Code has open. */
  readonly workspace: string;
  openFile(relativePath: string): Promise<void>;
  quickOpen(relativePath: string): Promise<void>;
  runCommand(title: string): Promise<void>;
  /** Selects the n-th (1-based) occurrence of text in the file last opened. */
  selectText(text: string, occurrence?: number): Promise<void>;
  /** Selects 1-based, end-exclusive positions in the file last opened. */
  selectRange(start: { line: number; column: number }, end: { line: number; column: number }): Promise<void>;
  goTo(line: number, column?: number): Promise<void>;
  /** A Tensor Lens webview's inner frame by view name ('convolution'), page title ('Training') or CSS selector. */
  webviewFrame(match: string, timeoutMs?: number): Promise<Frame>;
  /**
   * Puts the cursor on the middle of the first occurrence of text at or after 1-based line `fromLine` of the file last
   * opened (Go to Line) and shows the hover there from the keyboard.
   */
  hoverAt(text: string, fromLine?: number): Promise<Locator>;
  /** Cursor to a cell (0-based index, markdown cells count) of the open notebook, at the middle of text; hover from the keyboard. */
  hoverInNotebook(notebook: string, text: string): Promise<Locator>;
  /** Hides a hover shown from the keyboard. */
  hideHover(): Promise<void>;
  screenshot(name: string): Promise<string>;
  /** Notifications, editor tabs, the text of each Tensor Lens webview and the tail of the extension's log, for a failing test. */
  describe(): Promise<string>;
  /** The full text of an output channel, read once one of its rendered lines matches `until`. */
  readOutputChannel(name: string, until?: RegExp): Promise<string>;
  /** The rendered (visible) lines of the active text editor, top to bottom. */
  editorText(): Promise<string>;
  /** console.error calls and uncaught errors in the workbench page since start, as "url: text" (CSP violations inside webviews are not reported here). */
  consoleErrors(): string[];
  /** Text of a workspace file as it is on disk now. */
  readWorkspaceFile(relativePath: string): string;
  stop(): Promise<void>;
}

export async function startVSCode(options: StartOptions = {}): Promise<VSCodeSession> {
  const { ensureVsix } = await import('../../scripts/package.mjs');
  const { installCodeServer } = await import('../../scripts/install-code-server.mjs');
  const bin = installCodeServer({ quiet: true });
  const vsix = await ensureVsix({ log: () => undefined });

  const base = mkdtempSync(join(tmpdir(), 'tensor-lens-e2e-'));
  const workspace = join(base, 'workspace');
  const source = options.workspace
    ? isAbsolute(options.workspace)
      ? options.workspace
      : join(ROOT, options.workspace)
    : join(ROOT, 'examples');
  cpSync(source, workspace, { recursive: true });
  for (const [rel, content] of Object.entries(options.files ?? {})) {
    mkdirSync(dirname(join(workspace, rel)), { recursive: true });
    writeFileSync(join(workspace, rel), content);
  }
  const dirs = {
    userDataDir: join(base, 'user-data'),
    extensionsDir: join(base, 'extensions'),
    config: join(base, 'config.yaml'),
    logFile: join(base, 'code-server.log'),
  };
  writeServerConfig(dirs.config);
  writeUserSettings(dirs.userDataDir, { ...QUIET_SETTINGS, ...options.settings });
  installVsix(bin, vsix, dirs);
  for (const folder of options.extensions ?? []) installUnpackedExtension(join(ROOT, folder), dirs);

  let server: CodeServerProcess | undefined;
  let browser: Browser | undefined;
  try {
    server = await startCodeServer(bin, dirs);
    browser = await launchChromium();
    const context: BrowserContext = await browser.newContext({ viewport: { width: options.width ?? 1400, height: options.height ?? 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const page = await context.newPage();
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await wb.waitForWorkbench(page);
    return new Session(page, server, browser, workspace, base);
  } catch (e) {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    const log = server ? readFileSync(server.logFile, 'utf8').slice(-3000) : '';
    rmSync(base, { recursive: true, force: true });
    throw new Error(`${(e as Error).message}${log ? `\n--- code-server log ---\n${log}` : ''}`);
  }
}

class Session implements VSCodeSession {
  private currentFile: string | undefined;
  private stopped = false;
  private errors: string[] = [];

  constructor(
    readonly page: Page,
    private readonly server: CodeServerProcess,
    private readonly browser: Browser,
    readonly workspace: string,
    private readonly base: string,
  ) {
    page.on('console', (m) => {
      if (m.type() === 'error') this.errors.push(`${m.location().url}: ${m.text()}`);
    });
    page.on('pageerror', (e) => this.errors.push(`pageerror: ${e.message}`));
  }

  consoleErrors(): string[] {
    return this.errors.slice();
  }

  get url(): string {
    return this.server.url;
  }

  async openFile(relativePath: string): Promise<void> {
    await wb.openFileInExplorer(this.page, relativePath);
    this.currentFile = relativePath;
  }

  async quickOpen(relativePath: string): Promise<void> {
    await wb.quickOpenFile(this.page, relativePath);
    this.currentFile = relativePath;
  }

  runCommand(title: string): Promise<void> {
    return wb.runCommand(this.page, title);
  }

  async selectText(text: string, occurrence = 1): Promise<void> {
    const content = this.currentText();
    let at = -1;
    for (let i = 0; i < occurrence; i++) {
      at = content.indexOf(text, at + 1);
      if (at < 0) throw new Error(`'${text.slice(0, 40)}' occurs fewer than ${occurrence} times in ${this.currentFile}`);
    }
    await this.selectRange(positionAt(content, at), positionAt(content, at + text.length));
  }

  async selectRange(start: { line: number; column: number }, end: { line: number; column: number }): Promise<void> {
    const lineLengths = this.currentText()
      .split(/\r?\n/)
      .map((l) => l.length);
    await wb.selectRange(this.page, start, end, lineLengths);
  }

  goTo(line: number, column = 1): Promise<void> {
    return wb.goTo(this.page, line, column);
  }

  webviewFrame(match: string, timeoutMs?: number): Promise<Frame> {
    return wb.findWebviewFrame(this.page, match, timeoutMs);
  }

  async hoverAt(text: string, fromLine = 1): Promise<Locator> {
    const content = this.currentText();
    const lineStart = content
      .split('\n')
      .slice(0, fromLine - 1)
      .join('\n').length;
    const at = content.indexOf(text, fromLine > 1 ? lineStart + 1 : 0);
    if (at < 0) throw new Error(`'${text}' is not in ${this.currentFile} at or after line ${fromLine}`);
    const { line, column } = positionAt(content, at + Math.floor(text.length / 2));
    await wb.goTo(this.page, line, column);
    return wb.showHoverAtCursor(this.page);
  }

  async hoverInNotebook(notebook: string, text: string): Promise<Locator> {
    const cells = (JSON.parse(this.readWorkspaceFile(notebook)) as { cells: { source: string | string[] }[] }).cells.map((c) =>
      Array.isArray(c.source) ? c.source.join('') : c.source,
    );
    const cell = cells.findIndex((src) => src.includes(text));
    if (cell < 0) throw new Error(`'${text}' is in no cell of ${notebook}`);
    const { line, column } = positionAt(cells[cell], cells[cell].indexOf(text) + Math.floor(text.length / 2));
    await wb.notebookGoTo(this.page, cell, line, column);
    return wb.showHoverAtCursor(this.page);
  }

  hideHover(): Promise<void> {
    return wb.hideHover(this.page);
  }

  async describe(): Promise<string> {
    const parts = [await wb.describeWorkbench(this.page)];
    const logs = findFiles(join(this.base, 'user-data', 'logs'), (name) => name === 'Tensor Lens.log');
    for (const file of logs) parts.push(`Tensor Lens log (tail):\n${readFileSync(file, 'utf8').slice(-2500)}`);
    if (this.errors.length) parts.push(`console errors (last 5):\n${this.errors.slice(-5).join('\n')}`);
    return parts.join('\n');
  }

  async screenshot(name: string): Promise<string> {
    mkdirSync(RESULTS_DIR, { recursive: true });
    const file = join(RESULTS_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
    // Animations (the hover's fade-in) are finished first, so a screenshot never catches a half-drawn widget.
    await this.page.screenshot({ path: file, animations: 'disabled' });
    return file;
  }

  readOutputChannel(name: string, until?: RegExp): Promise<string> {
    return wb.readOutput(this.page, name, until);
  }

  editorText(): Promise<string> {
    return wb.visibleEditorText(this.page);
  }

  readWorkspaceFile(relativePath: string): string {
    return readFileSync(join(this.workspace, relativePath), 'utf8');
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.browser.close().catch(() => undefined);
    await this.server.stop();
    if (!process.env.TENSOR_LENS_KEEP_E2E) rmSync(this.base, { recursive: true, force: true });
  }

  private currentText(): string {
    if (!this.currentFile) throw new Error('open a file first (openFile or quickOpen)');
    return this.readWorkspaceFile(this.currentFile);
  }
}

function findFiles(dir: string, match: (name: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && match(e.name))
    .map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));
}

function positionAt(content: string, offset: number): { line: number; column: number } {
  const before = content.slice(0, offset).split(/\r?\n/);
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/**
 * Mocha hooks: one VS Code for the enclosing describe, started before its tests and stopped after them, pass or fail.
 * A failing test leaves a screenshot named FAILED-<test title>. Usage: `const code = useVSCode(); … code().openFile('x.py')`.
 */
export function useVSCode(options: StartOptions = {}): () => VSCodeSession {
  let session: VSCodeSession | undefined;
  before(async function () {
    this.timeout(10 * 60_000);
    session = await startVSCode(options);
  });
  afterEach(async function () {
    if (!session || this.currentTest?.state !== 'failed') return;
    await session.screenshot(`FAILED-${this.currentTest.fullTitle()}`).catch(() => undefined);
    // CI keeps only the log: say what the workbench showed and what the extension logged.
    const seen = await session.describe().catch((e: unknown) => `(could not describe the workbench: ${(e as Error).message})`);
    console.log(`      --- at the failure ---\n${seen.replace(/^/gm, '      ')}`);
  });
  after(async function () {
    this.timeout(30_000);
    await session?.stop();
  });
  return () => {
    if (!session)
      throw new Error('VS Code is not running (useVSCode() must be called inside describe, and its before hook must have passed)');
    return session;
  };
}

/**
 * Prints a timing with the machine's load on one line, for the record: tests assert no wall-clock bound (a shared
 * 2-core machine makes them flaky); speed targets live in bench/ (W7's host stall, bench:hover, bench:literals).
 */
export function logTiming(what: string, measuredMs: number): void {
  console.log(`      ${what}: ${measuredMs} ms (load ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores)`);
}
