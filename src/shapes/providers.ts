// Inlay hints after each forward line (`x: [4, 64, 12, 12]`) and the CodeLens on forward
// (`[4, 1, 28, 28] → [4, 10] · 1,199,882 parameters`, or where the shapes stop, and "Set input shape…").
import * as vscode from 'vscode';
import { modelSummary } from '../core/shapes';
import { lineLabel, localLine, ownerUri, type ShapeStore } from './store';

const enabled = (key: 'inlayHints' | 'codeLens' | 'diagnostics', doc?: vscode.TextDocument): boolean =>
  vscode.workspace.getConfiguration('tensorLens.shapes', doc).get<boolean>(key, true);

export class ShapeInlayHints implements vscode.InlayHintsProvider {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeInlayHints = this.emitter.event;

  constructor(
    private readonly store: ShapeStore,
    subscriptions: vscode.Disposable[],
  ) {
    subscriptions.push(
      this.emitter,
      store.onDidChangeInputShapes(() => this.emitter.fire()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('tensorLens.shapes') && this.emitter.fire()),
    );
  }

  provideInlayHints(doc: vscode.TextDocument, range: vscode.Range): vscode.InlayHint[] {
    if (!enabled('inlayHints', doc)) return [];
    const view = this.store.shapesOf(doc);
    if (!view) return [];
    const out: vscode.InlayHint[] = [];
    for (const [line, texts] of view.shapes.hints) {
      const l = localLine(view, line);
      if (l === undefined || l < range.start.line || l > range.end.line) continue;
      const end = doc.lineAt(l).range.end;
      const hint = new vscode.InlayHint(end, texts.join('   '), vscode.InlayHintKind.Type);
      hint.paddingLeft = true;
      hint.tooltip = 'Shape as PyTorch would compute it (Tensor Lens shape flow)';
      out.push(hint);
    }
    return out;
  }
}

export class ShapeCodeLenses implements vscode.CodeLensProvider {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;

  constructor(
    private readonly store: ShapeStore,
    subscriptions: vscode.Disposable[],
  ) {
    subscriptions.push(
      this.emitter,
      store.onDidChangeInputShapes(() => this.emitter.fire()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('tensorLens.shapes') && this.emitter.fire()),
    );
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    if (!enabled('codeLens', doc)) return [];
    const view = this.store.shapesOf(doc);
    if (!view) return [];
    const out: vscode.CodeLens[] = [];
    for (const m of view.shapes.models) {
      const l = localLine(view, m.forwardLine ?? m.classLine);
      if (l === undefined) continue;
      const range = doc.lineAt(l).range;
      const owner = ownerUri(doc);
      const target = m.error?.line ?? m.stop?.line;
      const where = target !== undefined ? localLine(view, target) : undefined;
      out.push(
        new vscode.CodeLens(range, {
          title: modelSummary(m, (line) => lineLabel(view, line)),
          tooltip: m.input
            ? `input from ${m.input.label}${m.built ? ` · built as ${m.built}` : ''}`
            : 'No input shape yet: add "# input: 1x1x28x28" or set one',
          command: where !== undefined ? 'tensorLens.shapes.reveal' : 'tensorLens.setInputShape',
          arguments: where !== undefined ? [doc.uri, where] : [{ uri: owner, className: m.className, current: m.input?.shape }],
        }),
      );
      // A class that needs constructor arguments cannot run alone: an input shape would not help.
      if (m.notRun?.startsWith('needs constructor arguments')) continue;
      out.push(
        new vscode.CodeLens(range, {
          title: m.input ? 'Set input shape…' : '$(edit) Set input shape…',
          tooltip: `The input shape ${m.className}.forward is run on`,
          command: 'tensorLens.setInputShape',
          arguments: [{ uri: owner, className: m.className, current: m.input?.shape }],
        }),
      );
    }
    return out;
  }
}

export { enabled };
