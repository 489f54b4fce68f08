// Registers the Model Explorer: the Explore Model command (palette, CodeLens on each nn.Module class) and its panel.
import * as vscode from 'vscode';
import { findMethod, readModelFile } from '../core/pymodel';
import { registerCommand } from '../host/commands';
import { workerScript } from '../host/platform/threads';
import { ExplorePanel, type ExploreArgs } from './explore-panel';
import { ExploreWorkerClient } from './explore-worker-client';

export function registerExplore(context: vscode.ExtensionContext): void {
  const worker = new ExploreWorkerClient(workerScript(context.extensionUri, 'explore-worker.js'));
  context.subscriptions.push(
    worker,
    registerCommand('tensorLens.exploreModel', 'Explore Model', (arg?: ExploreArgs) => exploreModel(context, worker, arg)),
    vscode.languages.registerCodeLensProvider({ language: 'python' }, new ExploreCodeLenses()),
  );
}

async function exploreModel(context: vscode.ExtensionContext, worker: ExploreWorkerClient, arg: ExploreArgs | undefined): Promise<void> {
  const uri = arg?.uri ? vscode.Uri.parse(String(arg.uri)) : vscode.window.activeTextEditor?.document.uri;
  if (!uri) {
    void vscode.window.showWarningMessage('Tensor Lens: open a Python file with an nn.Module class to explore.');
    return;
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  const file = readModelFile(doc.getText());
  const classes = [...file.moduleClasses.values()].filter((c) => findMethod(file, c, 'forward')).map((c) => c.name);
  if (!classes.length) {
    void vscode.window.showWarningMessage('Tensor Lens: this file has no nn.Module class with a forward method.');
    return;
  }
  const model =
    arg?.model ?? (classes.length === 1 ? classes[0] : await vscode.window.showQuickPick(classes, { title: 'Explore which model?' }));
  if (!model) return;
  ExplorePanel.open(context.extensionUri, worker, { ...arg, uri: doc.uri.toString(), model });
}

/** "Explore" on the line of each nn.Module class that has a forward. */
class ExploreCodeLenses implements vscode.CodeLensProvider {
  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    if (!/\bnn\.Module\b|\bModule\)/.test(doc.getText())) return [];
    const file = readModelFile(doc.getText());
    const out: vscode.CodeLens[] = [];
    for (const c of file.moduleClasses.values()) {
      if (!findMethod(file, c, 'forward') || c.line < 1 || c.line > doc.lineCount) continue;
      out.push(
        new vscode.CodeLens(doc.lineAt(c.line - 1).range, {
          title: '$(debug-step-into) Explore',
          tooltip: `Run ${c.name} on one input and see every step of forward`,
          command: 'tensorLens.exploreModel',
          arguments: [{ uri: doc.uri.toString(), model: c.name }],
        }),
      );
    }
    return out;
  }
}
