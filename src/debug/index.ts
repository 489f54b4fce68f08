// Live tensors while debugging Python: hover, Tensors view, Open Expression/Variable, Explain this layer (trusted workspaces only).
import * as vscode from 'vscode';
import { registerCommand } from '../host/commands';
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
    (fn: (f: Features, arg?: unknown) => Promise<void> | void) =>
    async (arg?: unknown): Promise<void> => {
      if (!features) {
        void vscode.window.showWarningMessage('Tensor Lens: live tensors need a trusted workspace (the debugger does too).');
        return;
      }
      await fn(features, arg);
    };
  context.subscriptions.push(
    registerCommand(
      'tensorLens.openExpression',
      'Open Expression',
      run((f, a) => openExpression(f.sessions, a)),
    ),
    registerCommand(
      'tensorLens.openVariable',
      'Open in Tensor Lens',
      run((f, a) => openVariable(f.sessions, a)),
    ),
    registerCommand(
      'tensorLens.explainLayer',
      'Explain this layer',
      run((f, a) => explainLayer(f.sessions, a)),
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
