// The webview page: strict CSP with a fresh nonce per load, only nonce'd scripts, no eval or inline code.
import assert from 'node:assert/strict';
import { contentSecurityPolicy, makeNonce, webviewPage } from '../../../src/host/webview-page';

const parts = {
  view: 'convolution' as const,
  title: 'Conv <"x">',
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
  styleUris: ['https://file+.vscode-resource.vscode-cdn.net/ext/media/webview.css'],
};

describe('webview page and CSP', () => {
  it('uses a fresh 32-character nonce every time', () => {
    const nonces = new Set(Array.from({ length: 50 }, makeNonce));
    assert.equal(nonces.size, 50);
    for (const n of nonces) assert.match(n, /^[A-Za-z0-9+/]{32}$/);
  });

  it('denies everything by default and allows scripts only by nonce, never eval, WebAssembly or inline', () => {
    const csp = contentSecurityPolicy(parts.cspSource, 'abc');
    const directives = new Map(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([k, ...v]) => [k, v]),
    );
    assert.deepEqual(directives.get('default-src'), ["'none'"]);
    assert.deepEqual(directives.get('script-src'), ["'nonce-abc'"]);
    assert.deepEqual(directives.get('style-src'), [parts.cspSource, "'nonce-abc'"]);
    assert.deepEqual(directives.get('img-src'), [parts.cspSource, 'data:', 'blob:']);
    const tokens = [...directives.values()].flat();
    assert.ok(!tokens.includes("'unsafe-eval'") && !tokens.includes("'unsafe-inline'"), csp);
  });

  it('nonces every script, names the view on <body> and escapes the title', () => {
    const html = webviewPage({ ...parts, nonce: 'NONCE123' });
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.equal(scripts.length, 2);
    for (const s of scripts) assert.match(s, /nonce="NONCE123"/);
    assert.match(html, /<body data-view="convolution">/);
    assert.match(html, /window\.litNonce = "NONCE123"/);
    assert.ok(html.includes(`<script type="module" nonce="NONCE123" src="${parts.scriptUri}">`));
    assert.ok(!html.includes('<"x">'));
    assert.ok(!/\sstyle="/.test(html), 'no inline style attributes');
  });
});
