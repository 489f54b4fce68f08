// The live hover: a tensor of a paused program or of a notebook's kernel under the cursor, drawn like a literal's hover.
import * as vscode from 'vscode';
import { expressionAt } from '../../core/live/expression-at';
import { KERNEL_BUSY } from '../../core/live/kernel-transport';
import { isLiveError, type LiveError, type LiveMeta } from '../../core/protocol/live-tensor';
import { log } from '../log';
import type { LiveHoverKit, LivePlane } from './live-hover-kit';
import type { LiveSources, LiveTarget } from './live-sources';
import { automaticEvaluation } from './settings';

/** Planes larger than this are not drawn in a hover (the panel shows them). */
const HOVER_PLANE_ELEMENTS = 262_144;

export class LiveHover implements vscode.HoverProvider, vscode.EvaluatableExpressionProvider {
  private readonly metas = new Map<string, Promise<LiveMeta | LiveError>>();
  /** Settled answers of this stop: true for a tensor-like value. */
  private readonly known = new Map<string, boolean>();
  /** Latency of the last live hover in ms (metadata + plane + images), for the log and the bench. */
  lastMs = 0;

  constructor(
    private readonly sources: LiveSources,
    private readonly kit: LiveHoverKit,
  ) {
    sources.onDidChange(() => {
      this.metas.clear();
      this.known.clear();
      void this.prefetch();
    });
  }

  /** At each stop (or after each cell), the listed tensors are known, so hovering them needs no round trip to decide. */
  private async prefetch(): Promise<void> {
    const provider = this.sources.provider();
    if (!provider || !automaticEvaluation(provider.origin)) return;
    const target = await provider.current(false);
    if (typeof target === 'string') return;
    const entries = await provider.entries(target);
    if (isLiveError(entries)) return;
    for (const e of entries) {
      const key = this.key(target, e.expr);
      if (e.meta && !this.metas.has(key)) this.metas.set(key, Promise.resolve(e.meta));
      if (!this.known.has(key)) this.known.set(key, e.meta !== undefined);
    }
  }

  private key(target: LiveTarget, expression: string): string {
    return `${target.key}:${expression}`;
  }

  /**
   * While debugging, tensors get our hover (no debug hover), everything else VS Code's debug hover, as without us. Answers
   * at once from what is known about this stop (VS Code drops a slow answer): an expression not yet known gets the debug
   * hover this time while its metadata is fetched, and ours from the next hover on.
   */
  async provideEvaluatableExpression(
    document: vscode.TextDocument,
    position: vscode.Position,
  ): Promise<vscode.EvaluatableExpression | undefined> {
    const hit = this.expressionFor(document, position);
    if (!hit) return undefined;
    const debugHover = new vscode.EvaluatableExpression(hit.range, hit.expression);
    const pending = this.sources.forHover(document);
    if (!pending || !automaticEvaluation('debug')) return debugHover;
    const target = await pending;
    if (typeof target === 'string' || target.origin !== 'debug') return debugHover;
    const known = this.known.get(this.key(target, hit.expression));
    if (known === undefined) {
      void this.meta(target, hit.expression);
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
    if (!hit) return undefined;
    const pending = this.sources.forHover(document);
    if (!pending) return undefined;
    const t0 = performance.now();
    try {
      const target = await pending;
      // No kernel (not started, Jupyter extension missing, access refused) or no paused frame: the hover adds nothing.
      if (typeof target === 'string' || token.isCancellationRequested || !automaticEvaluation(target.origin)) {
        log().debug(`no live hover for ${hit.expression}: ${typeof target === 'string' ? target : 'cancelled or off'}`);
        return undefined;
      }
      const meta = await this.meta(target, hit.expression);
      if (token.isCancellationRequested) return undefined;
      if (isLiveError(meta)) {
        if (meta.error.startsWith('not a tensor') || meta.error.startsWith('the expression raised')) return undefined;
        if (meta.error === KERNEL_BUSY) this.metas.delete(this.key(target, hit.expression));
        const text = meta.error === KERNEL_BUSY ? `$(loading~spin) ${meta.error}` : `$(warning) Tensor Lens: ${meta.error}`;
        return hover(`${this.kit.escape(`${hit.expression}: `)}${text}`, hit.range, this.kit.trusted);
      }
      const markdown = await this.compose(target, hit.expression, meta);
      this.lastMs = performance.now() - t0;
      log().debug(`live hover ${hit.expression} (${target.origin}) in ${this.lastMs.toFixed(1)} ms`);
      return token.isCancellationRequested ? undefined : hover(markdown, hit.range, this.kit.trusted);
    } catch (e) {
      log().error(`live hover failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return undefined;
    }
  }

  private meta(target: LiveTarget, expression: string): Promise<LiveMeta | LiveError> {
    const key = this.key(target, expression);
    let p = this.metas.get(key);
    if (!p) {
      p = target.live.meta(expression, target.frameId);
      this.metas.set(key, p);
      void p.then((m) => {
        if (this.metas.get(key) === p) this.known.set(key, !isLiveError(m));
      });
    }
    return p;
  }

  private async compose(target: LiveTarget, expression: string, meta: LiveMeta): Promise<string> {
    const H = meta.shape.length >= 2 ? meta.shape[meta.shape.length - 2] : 1;
    const W = meta.shape.length >= 1 ? meta.shape[meta.shape.length - 1] : 1;
    let plane: LivePlane = 'none';
    if (H * W > HOVER_PLANE_ELEMENTS) plane = 'too-big';
    else if (H * W > 0 && meta.numel > 0) {
      const slice = await target.live.slice(
        expression,
        target.frameId,
        meta.shape.slice(0, -2).map(() => 0),
      );
      plane = isLiveError(slice) ? slice : slice.data;
    }
    return this.kit.markdown({ expression, meta, plane, origin: target.origin, line: target.line, where: target.where, cell: target.cell });
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

function hover(markdown: string, range: vscode.Range, trusted: readonly string[]): vscode.Hover {
  const md = new vscode.MarkdownString(markdown, true);
  md.supportHtml = true;
  md.isTrusted = { enabledCommands: [...trusted] };
  return new vscode.Hover(md, range);
}
