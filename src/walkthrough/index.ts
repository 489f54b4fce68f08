// The Getting Started walkthrough's own command: opens its example beside the walkthrough as a new, unsaved Python file,
// the cursor inside its first literal, so the next step's Convolve Selection button works on it at once.
import * as vscode from 'vscode';
import { registerCommand } from '../host/commands';
import { WALKTHROUGH_EXAMPLE } from './example';

export function registerWalkthrough(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    registerCommand('tensorLens.walkthrough.openExample', 'Open the Example', async () => {
      const doc = await vscode.workspace.openTextDocument({ language: 'python', content: WALKTHROUGH_EXAMPLE });
      const inside = doc.positionAt(WALKTHROUGH_EXAMPLE.indexOf('[1, 0, 0, 0, 1]') + 1);
      await vscode.window.showTextDocument(doc, {
        preview: false,
        viewColumn: vscode.ViewColumn.Beside,
        selection: new vscode.Range(inside, inside),
      });
    }),
  );
}
