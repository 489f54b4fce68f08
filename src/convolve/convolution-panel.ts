// The single Convolution editor panel: created on first use, revealed and re-initialised afterwards.
import * as vscode from 'vscode';
import { isMessage } from '../protocol/common';
import type { ConvolutionHostMessage, ConvolutionWebviewMessage } from '../protocol/convolution';
import { webviewHtml, webviewOptions } from '../webview-html';
import { handleCommonMessage } from '../webview-messages';

export class ConvolutionPanel {
  private static current: ConvolutionPanel | undefined;
  private ready = false;
  private pending: ConvolutionHostMessage | undefined;

  static show(extensionUri: vscode.Uri, init: ConvolutionHostMessage): void {
    if (ConvolutionPanel.current) {
      ConvolutionPanel.current.panel.reveal(vscode.ViewColumn.Beside, true);
    } else {
      const panel = vscode.window.createWebviewPanel('tensorLens.convolution', 'Convolution', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
        ...webviewOptions(extensionUri),
        retainContextWhenHidden: false,
      });
      ConvolutionPanel.current = new ConvolutionPanel(panel, extensionUri);
    }
    ConvolutionPanel.current.post(init);
  }

  private constructor(private readonly panel: vscode.WebviewPanel, extensionUri: vscode.Uri) {
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'tensor-lens.svg');
    panel.webview.html = webviewHtml(panel.webview, extensionUri, 'convolution', 'Convolution');
    panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m));
    panel.onDidDispose(() => {
      if (ConvolutionPanel.current === this) ConvolutionPanel.current = undefined;
    });
  }

  private post(message: ConvolutionHostMessage): void {
    this.pending = message;
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  private onMessage(raw: unknown): void {
    if (!isMessage(raw)) return;
    const message = raw as ConvolutionWebviewMessage;
    if (message.type === 'ready') {
      this.ready = true;
      if (this.pending) void this.panel.webview.postMessage(this.pending);
      return;
    }
    handleCommonMessage(message);
  }
}
