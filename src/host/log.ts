// The "Tensor Lens" output channel: one place for the extension's log lines.
import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

export function log(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('Tensor Lens', { log: true });
  return channel;
}
