// Live tensors while debugging Python: hover, Tensors view, Open Expression/Variable, Explain this layer (trusted workspaces only).
import * as vscode from 'vscode';
import { log } from '../host/log';
import { explainLayer } from './explain-layer';
import { LiveHover } from './live-hover';
import type { LiveHoverKit } from './live-hover-kit';
import { LiveSessions } from './live-sessions';
import { openExpression, openVariable } from './open-live';
import { TensorsView, type TensorRow } from './tensors-view';

const PYTHON: vscode.DocumentSelector = [{ language: 'python' }, { scheme: 'vscode-notebook-cell', language: 'python' }];

export function registerDebug(context: vscode.ExtensionContext, hoverKit: LiveHoverKit): void {
  // The commands exist either way (menus hide them untrusted), and explain why nothing happens until the folder is trusted.
  let features: Features | undefined;
  const run =
    (name: string, fn: (f: Features, arg?: unknown) => Promise<void> | void) =>
    async (arg?: unknown): Promise<void> => {
      if (!features) {
        void vscode.window.showWarningMessage('Tensor Lens: live tensors need a trusted workspace (the debugger does too).');
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
      run('Open Expression', (f, a) => openExpression(f.sessions, a)),
    ),
    vscode.commands.registerCommand(
      'tensorLens.openVariable',
      run('Open in Tensor Lens', (f, a) => openVariable(f.sessions, a)),
    ),
    vscode.commands.registerCommand(
      'tensorLens.explainLayer',
      run('Explain this layer', (f, a) => explainLayer(f.sessions, a)),
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
    features = new Features(context, hoverKit);
    context.subscriptions.push(features);
  };
  if (vscode.workspace.isTrusted) start();
  else context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(start));
}

class Features implements vscode.Disposable {
  readonly sessions = new LiveSessions();
  readonly view: TensorsView;
  private readonly disposables: vscode.Disposable[];

  constructor(context: vscode.ExtensionContext, hoverKit: LiveHoverKit) {
    this.view = new TensorsView(this.sessions, context.workspaceState);
    const hover = new LiveHover(this.sessions, hoverKit);
    this.disposables = [
      this.sessions,
      this.view,
      vscode.languages.registerHoverProvider(PYTHON, hover),
      vscode.languages.registerEvaluatableExpressionProvider(PYTHON, hover),
    ];
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
