// Hover previews for tensor literals and layer calls (registered per language).
import type * as vscode from 'vscode';

export function registerHover(_context: vscode.ExtensionContext): void {
  // Filled in by the hover feature.
}
