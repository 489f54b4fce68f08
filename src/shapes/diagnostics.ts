// The first failing statement of each model as a diagnostic with PyTorch's exact message, and the Quick Fix that
// changes the one wrong number (`in_features` → 9216) in a single undoable edit.
import * as vscode from 'vscode';
import { KeyedDebounce } from '../core/debounce';
import type { ModelReport } from '../core/shapes';
import { enabled } from './providers';
import { isShapeDocument, localLine, locate, type ShapeStore, type ShapeView } from './store';

const DEBOUNCE_MS = 250;

export function registerDiagnostics(context: vscode.ExtensionContext, store: ShapeStore): void {
  const collection = vscode.languages.createDiagnosticCollection('tensorLens.shapes');
  const pending = new KeyedDebounce(DEBOUNCE_MS);
  const update = (doc: vscode.TextDocument): void => {
    if (!isShapeDocument(doc)) return;
    if (!enabled('diagnostics', doc)) {
      collection.delete(doc.uri);
      return;
    }
    const view = store.shapesOf(doc);
    collection.set(doc.uri, view ? diagnosticsOf(doc, view) : []);
  };
  const schedule = (doc: vscode.TextDocument): void =>
    pending.schedule(doc.uri.toString(), () => {
      update(doc);
      // A cell's analysis depends on the other cells of its notebook.
      if (doc.uri.scheme === 'vscode-notebook-cell')
        for (const d of vscode.workspace.textDocuments)
          if (d !== doc && d.uri.scheme === 'vscode-notebook-cell' && d.uri.path === doc.uri.path) update(d);
    });
  const all = (): void => vscode.workspace.textDocuments.forEach(update);
  context.subscriptions.push(
    collection,
    pending,
    vscode.workspace.onDidOpenTextDocument(update),
    vscode.workspace.onDidChangeTextDocument((e) => schedule(e.document)),
    vscode.workspace.onDidCloseTextDocument((d) => collection.delete(d.uri)),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('tensorLens.shapes') && all()),
    store.onDidChangeInputShapes(all),
    vscode.languages.registerCodeActionsProvider({ language: 'python' }, new ShapeQuickFixes(store), {
      providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
    }),
  );
  all();
}

function diagnosticsOf(doc: vscode.TextDocument, view: ShapeView): vscode.Diagnostic[] {
  const out: vscode.Diagnostic[] = [];
  const seen = new Set<string>();
  for (const m of view.shapes.models) {
    if (!m.error) continue;
    const l = localLine(view, m.error.line);
    const key = `${m.error.line}:${m.error.message}`;
    if (l === undefined || seen.has(key)) continue;
    seen.add(key);
    const text = doc.lineAt(l);
    const range = new vscode.Range(l, text.firstNonWhitespaceCharacterIndex, l, text.range.end.character);
    const d = new vscode.Diagnostic(range, m.error.message, vscode.DiagnosticSeverity.Error);
    d.source = 'Tensor Lens';
    d.code = m.error.type;
    const fix = m.error.fix && locate(view, m.error.fix.start, m.error.fix.end);
    if (fix && m.error.layer) {
      const written = fix.doc.getText(fix.range);
      d.relatedInformation = [
        new vscode.DiagnosticRelatedInformation(
          new vscode.Location(fix.doc.uri, fix.range),
          `${m.error.layer.path} = nn.${m.error.layer.type}(…): ${m.error.fix!.title.replace(/^Change (\w+) to .*/, '$1')} is ${written} here; the input it gets needs ${m.error.fix!.newText}`,
        ),
      ];
    }
    out.push(d);
  }
  return out;
}

class ShapeQuickFixes implements vscode.CodeActionProvider {
  constructor(private readonly store: ShapeStore) {}

  provideCodeActions(doc: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const view = this.store.shapesOf(doc);
    if (!view) return [];
    const out: vscode.CodeAction[] = [];
    for (const m of view.shapes.models) {
      const action = fixAction(doc, view, m, range, context);
      if (action) out.push(action);
    }
    return out;
  }
}

function fixAction(
  doc: vscode.TextDocument,
  view: ShapeView,
  m: ModelReport,
  range: vscode.Range,
  context: vscode.CodeActionContext,
): vscode.CodeAction | undefined {
  const fix = m.error?.fix;
  if (!fix) return undefined;
  const errLine = localLine(view, m.error!.line);
  const at = locate(view, fix.start, fix.end);
  if (!at) return undefined;
  const onError = errLine !== undefined && range.start.line <= errLine && range.end.line >= errLine;
  const onArg = at.doc === doc && at.range.intersection(range) !== undefined;
  if (!onError && !onArg) return undefined;
  const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
  action.edit = new vscode.WorkspaceEdit();
  action.edit.replace(at.doc.uri, at.range, fix.newText);
  action.diagnostics = context.diagnostics.filter((d) => d.source === 'Tensor Lens' && d.message === m.error!.message);
  action.isPreferred = true;
  return action;
}
