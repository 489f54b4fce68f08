// Builds a webview's HTML page with a strict, per-load nonce CSP and resource URIs under dist/ and media/.
import * as vscode from 'vscode';
import type { ViewKind } from '../core/protocol/common';
import { makeNonce, webviewPage } from './webview-page';

export { makeNonce } from './webview-page';

/** Only these folders may be loaded by a webview. */
export function localResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')];
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: localResourceRoots(extensionUri) };
}

export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, view: ViewKind, title: string): string {
  const uri = (...parts: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...parts)).toString();
  return webviewPage({
    view,
    title,
    nonce: makeNonce(),
    cspSource: webview.cspSource,
    scriptUri: uri('dist', 'webview.js'),
    styleUris: [uri('dist', 'codicon.css'), uri('media', 'webview.css')],
  });
}
