// Shape analyses of open Python documents and notebook cells, cached by version; input shapes the user set per class.
import * as vscode from 'vscode';
import { analyzeFile, type FileShapes } from '../core/shapes';
import { log } from '../host/log';

/** A document as the analysis sees it: a notebook cell is analysed with all code cells of its notebook joined. */
export interface ShapeView {
  shapes: FileShapes;
  /** Where this document starts in the analysed text (0 for a plain file). */
  lineOffset: number;
  charOffset: number;
  lineCount: number;
  /** Text that was analysed (for mapping offsets). */
  text: string;
  /** The documents the text was joined from and where each starts (one for a plain file). */
  parts: Array<{ doc: vscode.TextDocument; charStart: number; lineStart: number; label?: string }>;
}

const STATE_KEY = 'tensorLens.shapes.inputShapes';

/** The shapes feature's state, created at activation: analyses cached by document version, input shapes the user set. */
export class ShapeStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when an input shape was set, so hints, lenses and diagnostics recompute. */
  readonly onDidChangeInputShapes = this.changed.event;
  private readonly cache = new Map<string, { key: string; view: ShapeView }>();

  constructor(private readonly state: vscode.Memento) {}

  /** Input shapes the user set, by class name, for the file (or notebook) with this uri. */
  inputShapesFor(uri: string): Record<string, number[]> {
    const all = this.state.get<Record<string, Record<string, number[]>>>(STATE_KEY) ?? {};
    return all[uri] ?? {};
  }

  async setInputShape(uri: string, className: string, shape: number[] | undefined): Promise<void> {
    const all = { ...(this.state.get<Record<string, Record<string, number[]>>>(STATE_KEY) ?? {}) };
    const forFile = { ...(all[uri] ?? {}) };
    if (shape) forFile[className] = shape;
    else delete forFile[className];
    all[uri] = forFile;
    await this.state.update(STATE_KEY, all);
    this.cache.clear();
    this.changed.fire();
  }

  /** The analysis for a document (computed once per version; notebook cells share their notebook's). */
  shapesOf(doc: vscode.TextDocument): ShapeView | undefined {
    if (!isShapeDocument(doc)) return undefined;
    const nb =
      doc.uri.scheme === 'vscode-notebook-cell'
        ? vscode.workspace.notebookDocuments.find((n) => n.getCells().some((c) => c.document === doc))
        : undefined;
    let text: string;
    let key: string;
    let owner: string;
    let lineOffset = 0;
    let charOffset = 0;
    const docs: ShapeView['parts'] = [];
    if (nb) {
      const parts: string[] = [];
      let lines = 0;
      let chars = 0;
      for (const cell of nb.getCells()) {
        if (cell.kind !== vscode.NotebookCellKind.Code || cell.document.languageId !== 'python') continue;
        if (cell.document === doc) {
          lineOffset = lines;
          charOffset = chars;
        }
        docs.push({ doc: cell.document, charStart: chars, lineStart: lines, label: `cell ${cell.index + 1}` });
        const t = `${cell.document.getText()}\n`;
        parts.push(t);
        lines += cell.document.lineCount;
        chars += t.length;
      }
      text = parts.join('');
      owner = nb.uri.toString();
      key = `${nb.uri.toString()}@${nb
        .getCells()
        .map((c) => c.document.version)
        .join(',')}`;
    } else {
      text = doc.getText();
      docs.push({ doc, charStart: 0, lineStart: 0 });
      owner = doc.uri.toString();
      key = `${owner}@${doc.version}`;
    }
    const hit = this.cache.get(owner);
    let shapes: FileShapes;
    if (hit && hit.key === key) shapes = hit.view.shapes;
    else {
      const t0 = performance.now();
      try {
        shapes = analyzeFile(text, { inputShapes: this.inputShapesFor(owner) });
      } catch (e) {
        log().error(`shape analysis of ${owner} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        return undefined;
      }
      const ms = performance.now() - t0;
      if (ms > 50) log().info(`shape analysis of ${vscode.workspace.asRelativePath(doc.uri)} took ${ms.toFixed(1)} ms`);
      if (this.cache.size > 32) this.cache.clear();
    }
    const view: ShapeView = { shapes, lineOffset, charOffset, lineCount: doc.lineCount, text, parts: docs };
    this.cache.set(owner, { key, view });
    return view;
  }

  forget(): void {
    this.cache.clear();
  }

  dispose(): void {
    this.changed.dispose();
    this.cache.clear();
  }
}

export function isShapeDocument(doc: vscode.TextDocument): boolean {
  return (
    doc.languageId === 'python' &&
    (doc.uri.scheme === 'file' ||
      doc.uri.scheme === 'untitled' ||
      doc.uri.scheme === 'vscode-notebook-cell' ||
      doc.uri.scheme === 'vscode-remote')
  );
}

/** The owner uri whose input shapes apply to this document (the notebook for a cell). */
export function ownerUri(doc: vscode.TextDocument): string {
  if (doc.uri.scheme !== 'vscode-notebook-cell') return doc.uri.toString();
  const nb = vscode.workspace.notebookDocuments.find((n) => n.getCells().some((c) => c.document === doc));
  return (nb?.uri ?? doc.uri).toString();
}

/** 0-based line in `doc` of a 1-based line of the analysed text, or undefined when it is in another cell. */
export function localLine(view: ShapeView, line: number): number | undefined {
  const l = line - 1 - view.lineOffset;
  return l >= 0 && l < view.lineCount ? l : undefined;
}

/** The document and range of [start, end) offsets of the analysed text. */
export function locate(view: ShapeView, start: number, end: number): { doc: vscode.TextDocument; range: vscode.Range } | undefined {
  const part = view.parts.filter((p) => p.charStart <= start).pop();
  if (!part) return undefined;
  const s = part.doc.positionAt(start - part.charStart);
  const e = part.doc.positionAt(end - part.charStart);
  return { doc: part.doc, range: new vscode.Range(s, e) };
}

/** "line 13" in a file; "cell 2, line 10" in a notebook (1-based line of the analysed text in, people's words out). */
export function lineLabel(view: ShapeView, line: number): string {
  const part = view.parts.filter((p) => p.lineStart < line).pop();
  if (!part?.label) return `line ${line}`;
  return `${part.label}, line ${line - part.lineStart}`;
}
