// The text editor a command acts on: the active one, else the only one visible (a walkthrough button focuses a non-text editor).
import * as vscode from 'vscode';

export function targetEditor(): vscode.TextEditor | undefined {
  const visible = vscode.window.visibleTextEditors.filter((e) => e.document.uri.scheme !== 'output');
  return vscode.window.activeTextEditor ?? (visible.length === 1 ? visible[0] : undefined);
}
