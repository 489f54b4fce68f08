// Registers "Convolve Selection" and the Convolution panel it opens.
import * as vscode from 'vscode';
import { ConvolutionPanel } from './convolution-panel';

export function registerConvolve(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('tensorLens.convolveSelection', () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) {
        void vscode.window.showWarningMessage('Tensor Lens: open a file and select a tensor literal to convolve.');
        return;
      }
      const text = editor.document.getText(editor.selection);
      const line = editor.selection.start.line + 1;
      const title = `${vscode.workspace.asRelativePath(editor.document.uri)}:${line}`;
      ConvolutionPanel.show(context.extensionUri, { type: 'init', title, source: text });
    }),
  );
}
