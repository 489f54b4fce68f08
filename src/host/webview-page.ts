// The webview page's HTML and Content-Security-Policy as a pure function, shared by the host and the webview test harness.
import type { ViewKind } from '../core/protocol/common';

export interface WebviewPageParts {
  view: ViewKind;
  title: string;
  /** Fresh per page load. */
  nonce: string;
  /** The webview's cspSource (origin its resources are served from). */
  cspSource: string;
  scriptUri: string;
  /** Stylesheets in load order. */
  styleUris: string[];
  /** Extra markup for <head>, only for tests (e.g. theme variables in a nonce'd <style>). */
  extraHead?: string;
  bodyClass?: string;
}

/** The strict policy every Tensor Lens webview runs under. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    // No 'unsafe-eval' and no 'wasm-unsafe-eval': the webview runs the engine's plain-JS kernels (webview/main.ts).
    `script-src 'nonce-${nonce}'`,
    // Lit adopts constructable stylesheets (no inline <style>); litNonce covers the fallback path.
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data: blob:`,
  ].join('; ');
}

/** 32 random base64 characters: a fresh nonce for every page load. */
export function makeNonce(): string {
  const bytes = new Uint8Array(24);
  globalThis.crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function webviewPage(p: WebviewPageParts): string {
  const styles = p.styleUris.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`).join('\n');
  const bodyClass = p.bodyClass ? ` class="${escapeHtml(p.bodyClass)}"` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(p.cspSource, p.nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
<title>${escapeHtml(p.title)}</title>
<script nonce="${p.nonce}">window.litNonce = ${JSON.stringify(p.nonce)};</script>${p.extraHead ?? ''}
</head>
<body data-view="${p.view}"${bodyClass}>
<script type="module" nonce="${p.nonce}" src="${escapeHtml(p.scriptUri)}"></script>
</body>
</html>`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
