// Webview test harness: loads the real webview bundle in headless Chromium under the real CSP, with a stand-in acquireVsCodeApi.
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { ViewKind } from '../../src/core/protocol/common';
import { makeNonce, webviewPage } from '../../src/host/webview-page';
import { themeCss, type Theme } from './themes';

export type { Theme } from './themes';

const ROOT = resolve(__dirname, '..', '..');
/** Fake https origin served by request interception: a secure context like vscode-webview://, no port needed. */
const ORIGIN = 'https://tensor-lens.webview.test';
const SERVED = ['dist', 'media'];
const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.ttf': 'font/ttf',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json',
};

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumPath(): string {
  return process.env.CHROME_PATH ?? '/usr/bin/chromium';
}

export interface PostedMessage {
  type: string;
  [key: string]: unknown;
}

export interface OpenViewOptions {
  theme?: Theme;
  /** Initial getState() value, as VS Code would restore it. */
  state?: unknown;
  /** Viewport size in CSS pixels (default 900×700). */
  width?: number;
  height?: number;
}

export interface WebviewHarness {
  /** The current Playwright page (CSS locators pierce open shadow roots, e.g. page.locator('tl-convolution-view .length')). */
  readonly page: Page;
  /** Loads a fresh page showing <body data-view=view> with dist/webview.js and the media stylesheets. */
  openView(view: ViewKind, options?: OpenViewOptions): Promise<Page>;
  /** Delivers a host → webview message (a window 'message' event, as VS Code does). */
  send(message: unknown): Promise<void>;
  /** Every message the webview posted since openView (or clearPosted), oldest first; survives reloads. */
  posted(): PostedMessage[];
  /** The first posted message of this type (and matching predicate), waiting for it if needed. */
  waitForPosted<M extends PostedMessage = PostedMessage>(type: string, predicate?: (m: M) => boolean, timeoutMs?: number): Promise<M>;
  clearPosted(): void;
  /** The value last given to setState (what VS Code would restore). */
  state(): Promise<unknown>;
  /** Reloads the page like VS Code does when a hidden webview is shown again; state is kept. */
  reload(): Promise<void>;
  /** Page errors, console errors and CSP violations seen since openView. */
  errors(): string[];
}

/**
 * Registers mocha hooks that launch Chromium once for the enclosing describe (or file) and close it after.
 * Call at the top of a describe block: `const h = useWebviewHarness();`.
 */
export function useWebviewHarness(): WebviewHarness {
  let browser: Browser | undefined;
  let current: Page | undefined;
  let messages: PostedMessage[] = [];
  let problems: string[] = [];

  before(async function () {
    this.timeout(60_000);
    browser = await launchChromium();
  });
  afterEach(async () => {
    await current?.close().catch(() => undefined);
    current = undefined;
  });
  after(async () => {
    await browser?.close().catch(() => undefined);
  });

  const page = (): Page => {
    if (!current) throw new Error('webview harness: call openView() first');
    return current;
  };

  const harness: WebviewHarness = {
    get page() {
      return page();
    },
    async openView(view, options = {}) {
      if (!browser) throw new Error('webview harness: Chromium is not running (useWebviewHarness() must be called inside describe)');
      await current?.close().catch(() => undefined);
      messages = [];
      problems = [];
      const context = await browser.newContext({ viewport: { width: options.width ?? 900, height: options.height ?? 700 } });
      const p = await context.newPage();
      p.on('close', () => void context.close().catch(() => undefined));
      current = p;
      await p.exposeFunction('__tlPosted', (text: string) => void messages.push(deserializeLikeVsCode(text) as PostedMessage));
      await p.exposeFunction('__tlProblem', (text: string) => void problems.push(text));
      p.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      p.on('console', (m) => {
        if (m.type() === 'error') problems.push(`console: ${m.text()}`);
      });
      await p.addInitScript(standInVsCodeApi, { initialState: options.state === undefined ? null : JSON.stringify(options.state) });
      await p.route(`${ORIGIN}/**`, async (route) => {
        const url = new URL(route.request().url());
        if (url.pathname === '/' || url.pathname === '/index.html') {
          const theme = options.theme ?? 'dark';
          return route.fulfill({ status: 200, contentType: 'text/html', body: pageHtml(view, theme) });
        }
        const file = servedFile(url.pathname);
        if (!file) return route.fulfill({ status: 404, body: 'not found' });
        try {
          return route.fulfill({
            status: 200,
            contentType: TYPES[extname(file)] ?? 'application/octet-stream',
            body: await readFile(file),
          });
        } catch {
          return route.fulfill({ status: 404, body: 'not found' });
        }
      });
      await p.goto(`${ORIGIN}/`, { waitUntil: 'load' });
      return p;
    },
    async send(message) {
      // As VS Code does: JSON with typed arrays carried as bytes (so NaN in a plain array arrives as null).
      await page().evaluate((text) => {
        const g = globalThis as unknown as {
          dispatchEvent(e: unknown): void;
          MessageEvent: new (type: string, init: { data: unknown }) => unknown;
          __tlDeserialize(text: string): unknown;
        };
        g.dispatchEvent(new g.MessageEvent('message', { data: g.__tlDeserialize(text) }));
      }, serializeLikeVsCode(message));
    },
    posted: () => messages.slice(),
    async waitForPosted<M extends PostedMessage>(type: string, predicate?: (m: M) => boolean, timeoutMs = 10_000): Promise<M> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.find((m) => m.type === type && (!predicate || predicate(m as M)));
        if (found) return found as M;
        if (Date.now() > deadline) {
          throw new Error(`webview did not post '${type}' within ${timeoutMs} ms; posted: ${JSON.stringify(messages.map((m) => m.type))}`);
        }
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    clearPosted() {
      messages = [];
    },
    async state() {
      const raw = await page().evaluate(() =>
        (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem('__tlState'),
      );
      return raw === null ? undefined : JSON.parse(raw);
    },
    async reload() {
      await page().reload({ waitUntil: 'load' });
    },
    errors: () => problems.slice(),
  };
  return harness;
}

export async function launchChromium(): Promise<Browser> {
  try {
    return await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  } catch (e) {
    throw new Error(
      `could not start Chromium at ${chromiumPath()} (apt-get install -y chromium, or set CHROME_PATH): ${(e as Error).message}`,
    );
  }
}

function pageHtml(view: ViewKind, theme: Theme): string {
  const nonce = makeNonce();
  return webviewPage({
    view,
    title: `Tensor Lens ${view} (test)`,
    nonce,
    cspSource: ORIGIN,
    scriptUri: `${ORIGIN}/dist/${view === 'tensor-file' ? 'tensor-file' : view === 'explore' ? 'explore' : 'webview'}.js`,
    styleUris: [`${ORIGIN}/dist/codicon.css`, `${ORIGIN}/media/webview.css`],
    // VS Code injects its theme variables into every webview; the nonce'd style keeps the real CSP intact.
    extraHead: `\n<style nonce="${nonce}">${themeCss(theme)}</style>`,
    bodyClass: theme === 'light' ? 'vscode-light' : theme === 'dark' ? 'vscode-dark' : 'vscode-high-contrast',
  });
}

function servedFile(pathname: string): string | null {
  const rel = normalize(decodeURIComponent(pathname)).replace(/^[/\\]+/, '');
  if (!SERVED.some((dir) => rel === dir || rel.startsWith(`${dir}/`))) return null;
  return join(ROOT, rel);
}

/** Runs in the page before any script: VS Code's acquireVsCodeApi, with state kept in sessionStorage so it survives reloads. */
function standInVsCodeApi({ initialState }: { initialState: string | null }): void {
  const g = globalThis as unknown as Record<string, any>;
  const store = g.sessionStorage as { getItem(k: string): string | null; setItem(k: string, v: string): void };
  if (initialState !== null && store.getItem('__tlState') === null) store.setItem('__tlState', initialState);
  // VS Code's serializeWebviewMessage: JSON.stringify with every ArrayBuffer view replaced by a reference to its bytes,
  // recreated as the same typed array on the other side. Bytes travel here as base64.
  const TYPES = [
    'Int8Array',
    'Uint8Array',
    'Uint8ClampedArray',
    'Int16Array',
    'Uint16Array',
    'Int32Array',
    'Uint32Array',
    'Float32Array',
    'Float64Array',
  ];
  // (Assigned to properties, not consts: the test runner's transpiler would wrap named functions in a helper the page lacks.)
  g.__tlSerialize = (message: unknown): string =>
    JSON.stringify(message, (_k, v: unknown) => {
      if (v instanceof ArrayBuffer) v = new Uint8Array(v);
      if (ArrayBuffer.isView(v) && TYPES.includes(v.constructor.name)) {
        const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
        let bin = '';
        for (let i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
        return { $$tlTyped: v.constructor.name, bytes: g.btoa(bin) };
      }
      return v;
    });
  g.__tlDeserialize = (text: string): unknown =>
    JSON.parse(text, (_k, v: { $$tlTyped?: string; bytes?: string }) => {
      if (typeof v !== 'object' || v === null || typeof v.$$tlTyped !== 'string') return v;
      const bin = g.atob(v.bytes) as string;
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      return new g[v.$$tlTyped](bytes.buffer);
    });
  let acquired = false;
  g.addEventListener('securitypolicyviolation', (e: { violatedDirective: string; blockedURI: string }) => {
    g.__tlProblem(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
  });
  g.acquireVsCodeApi = () => {
    if (acquired) throw new Error('An instance of the VS Code API has already been acquired');
    acquired = true;
    return Object.freeze({
      postMessage(message: unknown) {
        g.__tlPosted(g.__tlSerialize(message));
      },
      getState() {
        const raw = store.getItem('__tlState');
        return raw === null ? undefined : JSON.parse(raw);
      },
      setState(state: unknown) {
        store.setItem('__tlState', JSON.stringify(state));
        return state;
      },
    });
  };
}

const NODE_TYPES: Record<string, new (b: ArrayBuffer) => ArrayBufferView> = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
};

/** Node side of VS Code's message encoding (see standInVsCodeApi): JSON, typed arrays as their bytes. */
export function serializeLikeVsCode(message: unknown): string {
  return JSON.stringify(message, (_k, v: unknown) => {
    if (v instanceof ArrayBuffer) v = new Uint8Array(v);
    if (ArrayBuffer.isView(v) && v.constructor.name in NODE_TYPES) {
      return { $$tlTyped: v.constructor.name, bytes: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
    }
    return v;
  });
}

export function deserializeLikeVsCode(text: string): unknown {
  return JSON.parse(text, (_k, v: { $$tlTyped?: string; bytes?: string }) => {
    if (typeof v !== 'object' || v === null || typeof v.$$tlTyped !== 'string') return v;
    const b = Buffer.from(v.bytes ?? '', 'base64');
    const copy = new ArrayBuffer(b.length);
    new Uint8Array(copy).set(b);
    return new NODE_TYPES[v.$$tlTyped](copy);
  });
}
