// The VS Code theme kind of this webview page (from the body class VS Code sets), for the data colormap.
import type { ThemeKind } from '../../src/core/render/colormap';

export function currentThemeKind(): ThemeKind {
  const cl = document.body.classList;
  if (cl.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (cl.contains('vscode-high-contrast')) return 'high-contrast';
  return cl.contains('vscode-light') ? 'light' : 'dark';
}

/** Calls `fn` whenever VS Code switches theme (it rewrites the body class and the --vscode-* variables). */
export function onThemeChange(fn: () => void): () => void {
  const observer = new MutationObserver(fn);
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  return () => observer.disconnect();
}
