// "Explain This Layer" CodeLenses on the nn.Conv2d lines of a notebook's cells, resolved to the kernel's Conv2d layers.
import * as vscode from 'vscode';
import { layersForLine } from '../core/live/expression-at';
import { isLiveError } from '../core/protocol/live-tensor';
import type { NotebookKernels } from './notebook-kernels';

const CONV_LINE = /\bConv2d\s*\(/;

export class ConvLenses implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly kernels: NotebookKernels) {
    kernels.onDidChange(() => this.changed.fire());
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (document.uri.scheme !== 'vscode-notebook-cell' || !this.kernels.connectedFor(document)) return [];
    const lenses: vscode.CodeLens[] = [];
    for (let i = 0; i < document.lineCount; i++) {
      const text = document.lineAt(i).text;
      if (!CONV_LINE.test(text) || /^\s*#/.test(text)) continue;
      lenses.push(
        new vscode.CodeLens(new vscode.Range(i, 0, i, 0), {
          title: '$(lightbulb) Explain This Layer',
          tooltip: "Run this Conv2d in the notebook's kernel and in Tensor Lens on a real input, and compare",
          command: 'tensorLens.notebook.explainLine',
          arguments: [text],
        }),
      );
    }
    return lenses;
  }

  /** The lens's command: the layer the line defines (asked when several fit), then Explain This Layer on it. */
  async explainLine(line: string): Promise<void> {
    const target = await this.kernels.current(true);
    if (typeof target === 'string') {
      void vscode.window.showErrorMessage(`Tensor Lens: can't explain a layer: ${target}.`);
      return;
    }
    const entries = await this.kernels.entries(target);
    if (isLiveError(entries)) {
      void vscode.window.showErrorMessage(`Tensor Lens: can't explain a layer: ${entries.error}`);
      return;
    }
    const layers = layersForLine(
      line,
      entries.filter((e) => e.conv),
    );
    if (!layers.length) {
      void vscode.window.showErrorMessage('Tensor Lens: the kernel has no nn.Conv2d yet — run the cell that builds the model first.');
      return;
    }
    const module =
      layers.length === 1
        ? layers[0]
        : await vscode.window.showQuickPick(layers, { title: 'Tensor Lens: which layer?', placeHolder: 'Conv2d layers in the kernel' });
    if (module) await vscode.commands.executeCommand('tensorLens.explainLayer', { module });
  }
}
