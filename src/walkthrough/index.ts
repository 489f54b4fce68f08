// The Getting Started walkthrough's own command: opens its example as a new, unsaved Python file the user can edit freely.
import * as vscode from 'vscode';
import { WALKTHROUGH_EXAMPLE } from './example';

export function registerWalkthrough(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('tensorLens.walkthrough.openExample', async () => {
      const doc = await vscode.workspace.openTextDocument({ language: 'python', content: WALKTHROUGH_EXAMPLE });
      await vscode.window.showTextDocument(doc, { preview: false });
    }),
  );
}
