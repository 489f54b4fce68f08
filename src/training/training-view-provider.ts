// The Training sidebar webview view: serves the page, restores it on ready, and routes its messages to the controller.
import { errorMessage } from '../core/error-message';
import * as vscode from 'vscode';
import { isMessage } from '../core/protocol/common';
import type { TrainingHostMessage, TrainingWebviewMessage } from '../core/protocol/training';
import { webviewHtml, webviewOptions } from '../host/webview-html';
import { handleCommonMessage } from '../host/webview-messages';

export interface TrainingMessageHandler {
  /** The messages that bring a fresh page up to date (init, then the current/last run). */
  restoreMessages(): TrainingHostMessage[];
  handle(message: Exclude<TrainingWebviewMessage, { type: 'ready' | 'log' | 'copy' }>): void | Promise<void>;
}

export class TrainingViewProvider implements vscode.WebviewViewProvider {
  static readonly viewId = 'tensorLens.training';
  private view: vscode.WebviewView | undefined;
  private handler: TrainingMessageHandler | undefined;

  constructor(private readonly extensionUri: vscode.Uri) {}

  setHandler(handler: TrainingMessageHandler): void {
    this.handler = handler;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = webviewOptions(this.extensionUri);
    view.webview.html = webviewHtml(view.webview, this.extensionUri, 'training', 'Training');
    view.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m));
    view.onDidDispose(() => (this.view = undefined));
  }

  get visible(): boolean {
    return this.view?.visible ?? false;
  }

  /** Shows the view without taking focus from the editor. */
  async reveal(): Promise<void> {
    if (this.view) this.view.show(true);
    else await vscode.commands.executeCommand(`${TrainingViewProvider.viewId}.focus`, { preserveFocus: true });
  }

  post(message: TrainingHostMessage): void {
    void this.view?.webview.postMessage(message);
  }

  private onMessage(raw: unknown): void {
    if (!isMessage(raw)) return;
    const message = raw as TrainingWebviewMessage;
    switch (message.type) {
      case 'ready':
        for (const m of this.handler?.restoreMessages() ?? []) this.post(m);
        break;
      case 'log':
      case 'copy':
        handleCommonMessage(message);
        break;
      default:
        void Promise.resolve(this.handler?.handle(message)).catch((e: unknown) => {
          void vscode.window.showErrorMessage(`Tensor Lens: ${errorMessage(e)}`);
        });
    }
  }
}
