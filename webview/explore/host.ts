// The explorer webview's link to VS Code: posting messages and the theme kind (kept in this folder on purpose, so the
// explorer's bundle does not depend on the layout of the other views).
import type { ThemeKind } from '../../src/core/render/colormap';

declare function acquireVsCodeApi(): { postMessage(message: unknown): void };

let api: { postMessage(message: unknown): void } | undefined;

export function post(message: { type: string } & Record<string, unknown>): void {
  api ??= acquireVsCodeApi();
  api.postMessage(message);
}

export function currentThemeKind(): ThemeKind {
  const cl = document.body.classList;
  if (cl.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (cl.contains('vscode-high-contrast')) return 'high-contrast';
  return cl.contains('vscode-light') ? 'light' : 'dark';
}
