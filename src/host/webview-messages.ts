// Host-side handling of the messages every webview may send (log, copy).
import * as vscode from 'vscode';
import type { CommonWebviewMessage } from '../core/protocol/common';
import { log } from './log';

export function handleCommonMessage(message: CommonWebviewMessage): void {
  switch (message.type) {
    case 'log':
      log()[message.level](message.text);
      if (message.show) void vscode.window.showErrorMessage(`Tensor Lens: ${message.text}`);
      break;
    case 'copy':
      void vscode.env.clipboard
        .writeText(message.text)
        .then(() => vscode.window.setStatusBarMessage(`Tensor Lens: copied ${message.what}`, 3000));
      break;
    case 'ready':
      break;
  }
}
