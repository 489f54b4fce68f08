// The live-tensor commands, the Tensors view and the live hover, registered once for both sources (trusted workspaces only).
import * as vscode from 'vscode';
import { log } from '../log';
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
    (name: string, fn: (f: Features, arg?: unknown) => Promise<void> | void) =>
    async (arg?: unknown): Promise<void> => {
      if (!features) {
        void vscode.window.showWarningMessage('Tensor Lens: live tensors need a trusted workspace (the debugger and notebooks do too).');
        return;
      }
      try {
        await fn(features, arg);
      } catch (e) {
        log().error(`${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        void vscode.window.showErrorMessage(`Tensor Lens: ${name} failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    };
  context.subscriptions.push(
    vscode.commands.registerCommand(
      'tensorLens.openExpression',
      run('Open Expression', (_f, a) => openExpression(sources, a)),
    ),
    vscode.commands.registerCommand(
      'tensorLens.openVariable',
      run('Open in Tensor Lens', (_f, a) => openVariable(sources, a)),
    ),
    vscode.commands.registerCommand(
      'tensorLens.live.useKernel',
      run('Use as Kernel', (_f, a) => openExpression(sources, a, 'kernel')),
    ),
    vscode.commands.registerCommand(
      'tensorLens.live.copyTensor',
      run('Copy as torch.tensor', (_f, a) => openExpression(sources, a, 'copy')),
    ),
    vscode.commands.registerCommand(
      'tensorLens.explainLayer',
      run('Explain this layer', (_f, a) => explainLayer(sources, a)),
    ),
    vscode.commands.registerCommand(
      'tensorLens.tensors.pin',
      run('Pin Expression', (f, a) => f.view.pin(typeof a === 'string' ? a : undefined)),
    ),
    vscode.commands.registerCommand(
      'tensorLens.tensors.unpin',
      run('Unpin', (f, a) => f.view.unpin(a as TensorRow)),
    ),
    vscode.commands.registerCommand(
      'tensorLens.tensors.refresh',
      run('Refresh', (f) => f.view.refresh()),
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
