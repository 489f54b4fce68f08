// Activation: registers every feature and logs how long activation took.
import * as vscode from 'vscode';
import { log } from './log';
import { registerConvolve } from './convolve';
import { registerHover } from './hover';
import { registerTraining } from './training';

const loadedAt = performance.now();

export function activate(context: vscode.ExtensionContext): void {
  const start = performance.now();
  const channel = log();
  context.subscriptions.push(channel);
  context.subscriptions.push(vscode.commands.registerCommand('tensorLens.showLog', () => channel.show(true)));
  registerConvolve(context);
  registerHover(context);
  registerTraining(context);
  const ms = performance.now() - start;
  channel.info(`Tensor Lens activated in ${ms.toFixed(1)} ms (module load ${(start - loadedAt).toFixed(1)} ms)`);
}

export function deactivate(): void {}
