// Foundation webview tests: both root views render under the real CSP, handshake, show host data and keep state across reloads.
import assert from 'node:assert/strict';
import { useWebviewHarness } from './harness';
import { themeVar } from './themes';
import { poll } from '../support/poll';

describe('webview foundation', () => {
  const h = useWebviewHarness();

  for (const view of ['convolution', 'training'] as const) {
    it(`renders <tl-${view}-view> and posts ready`, async () => {
      await h.openView(view);
      const ready = await h.waitForPosted('ready');
      assert.deepEqual(ready, { type: 'ready', view });
      assert.equal(await h.page.locator(`tl-${view}-view`).count(), 1);
      assert.deepEqual(h.errors(), []);
    });
  }

  it('shows the tensor and title sent by the host in the convolution view', async () => {
    await h.openView('convolution');
    await h.waitForPosted('ready');
    await h.send({
      type: 'show',
      title: 'examples/conv2d_intro.py:12',
      input: { shape: [2, 3], data: [1, 2, 3, 4, 5, 6] },
      candidates: [],
      canInsert: false,
    });
    const view = h.page.locator('tl-convolution-view');
    await view.getByText('examples/conv2d_intro.py:12').waitFor();
    assert.equal((await view.locator('section.input h3 .shape').textContent())?.trim(), '1×1×2×3');
  });

  it('keeps the convolution view state across a reload through setState', async () => {
    await h.openView('convolution');
    await h.waitForPosted('ready');
    await h.send({ type: 'show', title: 'kept.py:3', input: { shape: [5], data: [1, 2, 3, 4, 5] }, candidates: [], canInsert: false });
    await h.page.locator('tl-convolution-view').getByText('kept.py:3').waitFor();
    assert.ok(JSON.stringify(await h.state()).includes('kept.py:3'), 'state was saved with setState');
    h.clearPosted();
    await h.reload();
    await h.waitForPosted('ready');
    const view = h.page.locator('tl-convolution-view');
    await view.getByText('kept.py:3').waitFor({ timeout: 5000 });
    assert.match((await view.locator('.error').textContent()) ?? '', /shape \[5\]/);
  });

  it('shows the training view with a Train button that posts train', async () => {
    await h.openView('training');
    await h.waitForPosted('ready');
    const button = h.page.locator('tl-training-view button.train');
    await button.click();
    await h.waitForPosted('train');
  });

  it('takes its colours from the --vscode-* theme variables', async () => {
    for (const theme of ['light', 'dark', 'high-contrast'] as const) {
      await h.openView('training', { theme });
      const fg = await h.page.locator('body').evaluate((el) => getComputedStyle(el).color as string);
      assert.equal(fg, hexToRgb(themeVar(theme, 'foreground')!), `${theme} body colour`);
      const bg = await h.page.locator('body').evaluate((el) => getComputedStyle(el).backgroundColor as string);
      assert.equal(bg, hexToRgb(themeVar(theme, 'sideBar-background')!), `${theme} sidebar background`);
    }
  });

  it('blocks WebAssembly compilation under the CSP', async () => {
    await h.openView('training');
    await h.waitForPosted('ready');
    // The smallest valid module: magic + version. (eval() is not checked here: Playwright's evaluate is exempt from
    // the page's eval policy; the policy text itself is checked in test/unit/foundation/webview-page.test.ts.)
    const wasm = await h.page.evaluate(async () =>
      WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])).then(
        () => 'compiled',
        (e: Error) => e.message as string,
      ),
    );
    assert.match(wasm, /Content Security Policy/);
  });

  it('runs a convolution in the page without ever trying WebAssembly: [[1,2,3],[4,5,6],[7,8,9]] ⊛ [[1,0],[0,1]]', async () => {
    await h.openView('convolution');
    await h.waitForPosted('ready');
    // Every way into WebAssembly counts a call (the engine compiles its SIMD kernels lazily, on the first conv2d).
    await h.page.evaluate(() => {
      const g = globalThis as unknown as { __wasmCalls: number };
      const wasm = WebAssembly as unknown as Record<string, (...a: unknown[]) => unknown> & { Module: unknown };
      g.__wasmCalls = 0;
      for (const name of ['compile', 'instantiate', 'validate', 'compileStreaming', 'instantiateStreaming']) {
        const original = wasm[name];
        wasm[name] = (...a: unknown[]) => (g.__wasmCalls++, original.apply(WebAssembly, a));
      }
      const Module = WebAssembly.Module;
      wasm.Module = function (...a: ConstructorParameters<typeof WebAssembly.Module>) {
        g.__wasmCalls++;
        return new Module(...a);
      };
    });
    await h.send({
      type: 'show',
      title: 'wasm-free.py:1',
      input: { shape: [3, 3], data: [1, 2, 3, 4, 5, 6, 7, 8, 9] },
      candidates: [{ name: 'diag', line: 2, shape: [2, 2], data: [1, 0, 0, 1] }],
      kernel: 'diag',
      canInsert: false,
    });
    // out[i][j] = x[i][j] + x[i+1][j+1] (cross-correlation, stride 1, no padding).
    const rows = h.page.locator('tl-convolution-view tl-heatmap-grid.output-grid table.values tr');
    await rows.nth(1).waitFor({ state: 'attached' });
    const values = await rows.evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => Number(td.textContent))));
    assert.deepEqual(values, [
      [6, 8],
      [12, 14],
    ]);
    assert.equal(await h.page.evaluate(() => (globalThis as unknown as { __wasmCalls: number }).__wasmCalls), 0, 'WebAssembly calls');
    assert.deepEqual(
      h.errors().filter((e) => /wasm|WebAssembly/i.test(e)),
      [],
    );
  });

  it('enforces the real CSP: inline style attributes are blocked and reported', async () => {
    await h.openView('convolution');
    await h.waitForPosted('ready');
    const applied = await h.page.evaluate(() => {
      const doc = document;
      const el = doc.createElement('div');
      el.setAttribute('style', 'width: 123px');
      doc.body.appendChild(el);
      return getComputedStyle(el).width as string;
    });
    assert.notEqual(applied, '123px');
    await waitUntil(() => h.errors().some((e) => e.includes('CSP violation') && e.includes('style-src')));
  });
});

function hexToRgb(hex: string): string {
  const n = parseInt(hex.slice(1, 7), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}

const waitUntil = (cond: () => boolean, timeoutMs = 3000) => poll(cond, { what: 'condition', timeoutMs });
