// Live tensors in Jupyter notebooks: the active notebook's kernel as a source of the shared live layer, and CodeLenses
// on its nn.Conv2d lines (trusted workspaces only; nothing without the Jupyter extension).
import * as vscode from 'vscode';
import { registerCommand } from '../host/commands';
import type { LiveSources } from '../host/live/live-sources';
import { ConvLenses } from './conv-lens';
import { NotebookKernels } from './notebook-kernels';

export function registerNotebook(context: vscode.ExtensionContext, sources: LiveSources): void {
  let lenses: ConvLenses | undefined;
  context.subscriptions.push(
    registerCommand('tensorLens.notebook.explainLine', 'Explain this layer', (line: unknown) => {
      if (!lenses) void vscode.window.showWarningMessage('Tensor Lens: live tensors need a trusted workspace.');
      else if (typeof line === 'string') return lenses.explainLine(line);
      return undefined;
    }),
  );
  const start = (): void => {
    const kernels = new NotebookKernels();
    lenses = new ConvLenses(kernels);
    context.subscriptions.push(
      kernels,
      sources.add(kernels),
      vscode.languages.registerCodeLensProvider({ scheme: 'vscode-notebook-cell', language: 'python' }, lenses),
    );
  };
  if (vscode.workspace.isTrusted) start();
  else context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(start));
}
