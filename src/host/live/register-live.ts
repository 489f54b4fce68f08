// The live-tensor commands, the Tensors view and the live hover, registered once for both sources (trusted workspaces only).
import * as vscode from 'vscode';
import { registerCommand } from '../commands';
import { explainLayer } from './explain-layer';
import { LiveHover } from './live-hover';
import type { LiveHoverKit } from './live-hover-kit';
import { LiveSources } from './live-sources';
import { openExpression, openVariable } from './open-live';
import { TensorsView, type TensorRow } from './tensors-view';

const PYTHON: vscode.DocumentSelector = [{ language: 'python' }, { scheme: 'vscode-notebook-cell', language: 'python' }];

/** Returns the router the debug and notebook features add their sources to (it stays empty until the folder is trusted). */
export function registerLiveTensors(context: vscode.ExtensionContext, hoverKit: LiveHoverKit): LiveSources {
  const sources = new LiveSources();
  context.subscriptions.push(sources);
  // The commands exist either way (menus hide them untrusted), and explain why nothing happens until the folder is trusted.
  let features: Features | undefined;
  const run =
    (fn: (f: Features, arg?: unknown) => Promise<void> | void) =>
    async (arg?: unknown): Promise<void> => {
      if (!features) {
        void vscode.window.showWarningMessage('Tensor Lens: live tensors need a trusted workspace (the debugger and notebooks do too).');
        return;
      }
      await fn(features, arg);
    };
  context.subscriptions.push(
    registerCommand(
      'tensorLens.openExpression',
      'Open Expression',
      run((_f, a) => openExpression(sources, a)),
    ),
    registerCommand(
      'tensorLens.openVariable',
      'Open in Tensor Lens',
      run((_f, a) => openVariable(sources, a)),
    ),
    registerCommand(
      'tensorLens.live.useKernel',
      'Use as Kernel',
      run((_f, a) => openExpression(sources, a, 'kernel')),
    ),
    registerCommand(
      'tensorLens.live.copyTensor',
      'Copy as torch.tensor',
      run((_f, a) => openExpression(sources, a, 'copy')),
    ),
    registerCommand(
      'tensorLens.explainLayer',
      'Explain this layer',
      run((_f, a) => explainLayer(sources, a)),
    ),
    registerCommand(
      'tensorLens.tensors.pin',
      'Pin Expression',
      run((f, a) => f.view.pin(typeof a === 'string' ? a : undefined)),
    ),
    registerCommand(
      'tensorLens.tensors.unpin',
      'Unpin',
      run((f, a) => f.view.unpin(a as TensorRow)),
    ),
    registerCommand(
      'tensorLens.tensors.refresh',
      'Refresh',
      run((f) => f.view.refresh()),
    ),
  );
  const start = (): void => {
    features = new Features(context, sources, hoverKit);
    context.subscriptions.push(features);
  };
  if (vscode.workspace.isTrusted) start();
  else context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(start));
  return sources;
}

class Features implements vscode.Disposable {
  readonly view: TensorsView;
  private readonly disposables: vscode.Disposable[];

  constructor(context: vscode.ExtensionContext, sources: LiveSources, hoverKit: LiveHoverKit) {
    this.view = new TensorsView(sources, context.workspaceState);
    const hover = new LiveHover(sources, hoverKit);
    this.disposables = [
      this.view,
      vscode.languages.registerHoverProvider(PYTHON, hover),
      vscode.languages.registerEvaluatableExpressionProvider(PYTHON, hover),
    ];
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
