// Registers the Training sidebar view and its commands: Train Example CNN, Train Model in This File, Stop Training.
import * as vscode from 'vscode';
import { registerCommand } from '../host/commands';
import { workerScript } from '../host/platform/threads';
import { TrainingController } from './training-controller';
import { registerLoadIntoTraining } from './load-into-training';
import { TrainingRunner } from './training-runner';
import { exampleSource } from './training-session';
import { TrainingViewProvider } from './training-view-provider';

export function registerTraining(context: vscode.ExtensionContext): void {
  const provider = new TrainingViewProvider(context.extensionUri);
  const runner = new TrainingRunner(workerScript(context.extensionUri, 'worker.js'));
  const controller = new TrainingController(provider, runner);
  provider.setHandler(controller);
  context.subscriptions.push(
    vscode.window.registerWebviewViewProvider(TrainingViewProvider.viewId, provider),
    registerCommand('tensorLens.trainExample', 'Train Example CNN', async () => {
      if (controller.session.source.kind !== 'example' && !controller.session.running) controller.session.setSource(exampleSource());
      await provider.reveal();
      await controller.train();
    }),
    registerCommand('tensorLens.trainModelInFile', 'Train Model in This File', async (uri?: vscode.Uri) => {
      const doc = uri instanceof vscode.Uri ? await vscode.workspace.openTextDocument(uri) : undefined;
      await controller.trainFile(doc);
    }),
    registerCommand('tensorLens.stopTraining', 'Stop Training', () => controller.stop()),
    registerLoadIntoTraining(controller),
    { dispose: () => runner.dispose() },
  );
}
