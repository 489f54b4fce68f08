// The live hover: a paused Python program's tensor under the cursor, drawn like a literal's hover and marked live.
import * as vscode from 'vscode';
import { isLiveError, type LiveError, type LiveMeta } from '../core/protocol/live-tensor';
import { log } from '../host/log';
import { expressionAt } from './expression-at';
import type { LiveHoverKit, LivePlane } from './live-hover-kit';
import type { LiveFrame, LiveSessions } from './live-sessions';

/** Planes larger than this are not drawn in a hover (the panel shows them). */
const HOVER_PLANE_ELEMENTS = 262_144;

export class LiveHover implements vscode.HoverProvider, vscode.EvaluatableExpressionProvider {
  private readonly metas = new Map<string, Promise<LiveMeta | LiveError>>();
  /** Settled answers of this stop: true for a tensor-like value. */
  private readonly known = new Map<string, boolean>();
  /** Latency of the last live hover in ms (metadata + plane + images), for the log and the bench. */
  lastMs = 0;

  constructor(
    private readonly sessions: LiveSessions,
    private readonly kit: LiveHoverKit,
  ) {
    sessions.onDidChange(() => {
      this.metas.clear();
      this.known.clear();
      void this.prefetch();
    });
  }

  /** At each stop, the frame's tensor locals are listed once, so hovering them needs no round trip to decide. */
  private async prefetch(): Promise<void> {
    const frame = this.sessions.focused();
    if (typeof frame === 'string' || !enabled()) return;
    const entries = await this.sessions.localsOf(frame);
    if (isLiveError(entries) || typeof this.sessions.focused() === 'string') return;
    for (const e of entries) {
      const key = this.key(frame, e.expr);
      if (e.meta && !this.metas.has(key)) this.metas.set(key, Promise.resolve(e.meta));
      if (!this.known.has(key)) this.known.set(key, e.meta !== undefined);
    }
  }

  private key(frame: LiveFrame, expression: string): string {
    return `${frame.session.id}:${frame.frameId}:${expression}`;
  }

  /**
   * Tensors get our hover (no debug hover), everything else VS Code's debug hover, as without us. Answers at once from
   * what is known about this stop (VS Code drops a slow answer): an expression not yet known gets the debug hover this
   * time while its metadata is fetched, and ours from the next hover on.
   */
  provideEvaluatableExpression(document: vscode.TextDocument, position: vscode.Position): vscode.EvaluatableExpression | undefined {
    const hit = this.expressionFor(document, position);
    if (!hit) return undefined;
    const debugHover = new vscode.EvaluatableExpression(hit.range, hit.expression);
    const frame = this.sessions.focused();
    if (typeof frame === 'string' || !enabled()) return debugHover;
    const known = this.known.get(this.key(frame, hit.expression));
    if (known === undefined) {
      void this.meta(frame, hit.expression);
      return debugHover;
    }
    return known ? undefined : debugHover;
  }

  async provideHover(
    document: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<vscode.Hover | undefined> {
    const hit = this.expressionFor(document, position);
    const focused = this.sessions.focused();
    if (!hit || typeof focused === 'string' || !enabled()) return undefined;
    const t0 = performance.now();
    try {
      const frame = await this.sessions.locate(focused);
      const meta = await this.meta(frame, hit.expression);
      if (token.isCancellationRequested) return undefined;
      if (isLiveError(meta)) {
        if (meta.error.startsWith('not a tensor') || meta.error.startsWith('the expression raised')) return undefined;
        return hover(`$(warning) Tensor Lens: ${this.kit.escape(`${hit.expression}: ${meta.error}`)}`, hit.range, this.kit.trusted);
      }
      const markdown = await this.compose(frame, hit.expression, meta);
      this.lastMs = performance.now() - t0;
      log().debug(`live hover ${hit.expression} in ${this.lastMs.toFixed(1)} ms`);
      return token.isCancellationRequested ? undefined : hover(markdown, hit.range, this.kit.trusted);
    } catch (e) {
      log().error(`live hover failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return undefined;
    }
  }

  private meta(frame: LiveFrame, expression: string): Promise<LiveMeta | LiveError> {
    const key = this.key(frame, expression);
    let p = this.metas.get(key);
    if (!p) {
      p = frame.live.meta(expression, frame.frameId);
      this.metas.set(key, p);
      void p.then((m) => {
        if (this.metas.get(key) === p) this.known.set(key, !isLiveError(m));
      });
    }
    return p;
  }

  private async compose(frame: LiveFrame, expression: string, meta: LiveMeta): Promise<string> {
    const H = meta.shape.length >= 2 ? meta.shape[meta.shape.length - 2] : 1;
    const W = meta.shape.length >= 1 ? meta.shape[meta.shape.length - 1] : 1;
    let plane: LivePlane = 'none';
    if (H * W > HOVER_PLANE_ELEMENTS) plane = 'too-big';
    else if (H * W > 0 && meta.numel > 0) {
      const slice = await frame.live.slice(
        expression,
        frame.frameId,
        meta.shape.slice(0, -2).map(() => 0),
      );
      plane = isLiveError(slice) ? slice : slice.data;
    }
    return this.kit.markdown({ expression, meta, plane, line: frame.line, where: frame.where });
  }

  private expressionFor(document: vscode.TextDocument, position: vscode.Position): { expression: string; range: vscode.Range } | undefined {
    const editor = vscode.window.activeTextEditor;
    if (
      editor?.document === document &&
      !editor.selection.isEmpty &&
      editor.selection.contains(position) &&
      editor.selection.isSingleLine
    ) {
      const text = document.getText(editor.selection).trim();
      if (text) return { expression: text, range: editor.selection };
    }
    const line = document.lineAt(position.line).text;
    const hit = expressionAt(line, position.character);
    if (!hit) return undefined;
    return { expression: hit.expression, range: new vscode.Range(position.line, hit.start, position.line, hit.end) };
  }
}

function enabled(): boolean {
  return vscode.workspace.getConfiguration('tensorLens.debug').get<boolean>('hover', true);
}

function hover(markdown: string, range: vscode.Range, trusted: readonly string[]): vscode.Hover {
  const md = new vscode.MarkdownString(markdown, true);
  md.supportHtml = true;
  md.isTrusted = { enabledCommands: [...trusted] };
  return new vscode.Hover(md, range);
}
