// Registers the Training sidebar view and the "Train Example CNN" command.
import * as vscode from 'vscode';
import { TrainingViewProvider } from './training-view-provider';

export function registerTraining(context: vscode.ExtensionContext): void {
  const provider = new TrainingViewProvider(context.extensionUri);
  context.subscriptions.push(
    vscode.window.registerWebviewViewProvider(TrainingViewProvider.viewId, provider),
    vscode.commands.registerCommand('tensorLens.trainExample', async () => {
      await vscode.commands.executeCommand(`${TrainingViewProvider.viewId}.focus`);
      provider.train();
    }),
  );
}
