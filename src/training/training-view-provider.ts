// The Training sidebar webview view: owns the webview and forwards its messages.
import * as vscode from 'vscode';
import { isMessage } from '../protocol/common';
import type { TrainingHostMessage, TrainingWebviewMessage } from '../protocol/training';
import { webviewHtml, webviewOptions } from '../webview-html';
import { handleCommonMessage } from '../webview-messages';
import { log } from '../log';

export class TrainingViewProvider implements vscode.WebviewViewProvider {
  static readonly viewId = 'tensorLens.training';
  private view: vscode.WebviewView | undefined;

  constructor(private readonly extensionUri: vscode.Uri) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = webviewOptions(this.extensionUri);
    view.webview.html = webviewHtml(view.webview, this.extensionUri, 'training', 'Training');
    view.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m));
    view.onDidDispose(() => (this.view = undefined));
  }

  train(): void {
    log().info('Train requested');
  }

  private post(message: TrainingHostMessage): void {
    void this.view?.webview.postMessage(message);
  }

  private onMessage(raw: unknown): void {
    if (!isMessage(raw)) return;
    const message = raw as TrainingWebviewMessage;
    switch (message.type) {
      case 'ready':
        this.post({ type: 'init', model: 'Conv2d(1,10,5) → ReLU → Linear(360,10)', data: '5 images (4 × "1", 1 × "2")' });
        break;
      case 'train':
        this.train();
        break;
      default:
        handleCommonMessage(message);
    }
  }
}
