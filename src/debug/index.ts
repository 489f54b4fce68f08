// Live tensors while debugging Python: the paused program as a source of the shared live layer (trusted workspaces only).
import * as vscode from 'vscode';
import type { LiveSources } from '../host/live/live-sources';
import { LiveSessions } from './live-sessions';

export function registerDebug(context: vscode.ExtensionContext, sources: LiveSources): void {
  const start = (): void => {
    const sessions = new LiveSessions();
    context.subscriptions.push(sessions, sources.add(sessions));
  };
  if (vscode.workspace.isTrusted) start();
  else context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(start));
}
