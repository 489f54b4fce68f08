// The VS Code side of hovers: document → HoverService → MarkdownString, with a time budget for background images.
import * as vscode from 'vscode';
import { log } from '../host/log';
import { HOVER_COMMANDS } from './markdown';
import { OFFLOAD_CHARS, type HoverAnswer, type HoverDocument, type HoverEnvironment } from '../core/protocol/hover-worker';
import { languageOf, type HoverService } from './service';
import type { HoverWorkerClient } from './worker-client';

/** How long a hover may wait for images being prepared before it answers with shape and stats only. */
export const IMAGE_WAIT_MS = 40;

export class TensorHoverProvider implements vscode.HoverProvider {
  /** Latency of the last hover in ms, for the log and tests. */
  lastMs = 0;

  constructor(
    private readonly service: HoverService,
    private readonly environment: () => HoverEnvironment,
    private readonly worker?: HoverWorkerClient,
  ) {}

  async provideHover(
    document: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<vscode.Hover | undefined> {
    const t0 = performance.now();
    try {
      const offset = document.offsetAt(position);
      const key = { uri: document.uri.toString(), version: document.version };
      // Huge documents: not even their text is copied when the worker already has this version.
      const answer =
        this.service.cached(key, offset) ??
        (this.worker?.usable && lengthOf(document) > OFFLOAD_CHARS
          ? await this.fromWorker(document, offset, this.worker)
          : await this.inHost(hoverDocument(document), offset));
      if (!answer || token.isCancellationRequested) return undefined;
      this.lastMs = performance.now() - t0;
      const what = `hover ${document.uri.path.split('/').pop()}:${position.line + 1} in ${this.lastMs.toFixed(1)} ms (${answer.markdown.length} chars)`;
      if (this.lastMs > 50) log().info(`slow ${what}`);
      else log().debug(what);
      return toHover(document, answer);
    } catch (e) {
      log().error(`hover failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return undefined;
    }
  }

  private async inHost(doc: HoverDocument, offset: number): Promise<HoverAnswer | undefined> {
    const t0 = performance.now();
    const result = this.service.provide(doc, offset, this.environment());
    if (!result?.complete) return result?.answer;
    return (await Promise.race([result.complete, delay(Math.max(0, IMAGE_WAIT_MS - (performance.now() - t0)))])) ?? result.answer;
  }

  /** Huge documents: the worker parses; the host only waits (without blocking) and keeps the complete answer. */
  private async fromWorker(document: vscode.TextDocument, offset: number, worker: HoverWorkerClient): Promise<HoverAnswer | undefined> {
    const env = this.environment();
    if (!env.settings.enabled) return undefined;
    const { text: _empty, ...doc } = hoverDocument(document, false);
    const { first, final } = worker.request(doc, () => document.getText(), offset, env);
    void final.then((a) => a && this.service.remember(doc, a));
    const answer = await first;
    if (!answer) return undefined;
    return (await Promise.race([final, delay(IMAGE_WAIT_MS)])) ?? answer;
  }
}

/** Text length without copying the text. */
function lengthOf(document: vscode.TextDocument): number {
  return document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
}

function delay(ms: number): Promise<undefined> {
  return new Promise((resolve) => setTimeout(() => resolve(undefined), ms));
}

export function toHover(document: vscode.TextDocument, answer: HoverAnswer): vscode.Hover {
  const md = new vscode.MarkdownString(answer.markdown, true);
  md.supportHtml = true;
  md.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
  return new vscode.Hover(md, new vscode.Range(document.positionAt(answer.range.start), document.positionAt(answer.range.end)));
}

function hoverDocument(document: vscode.TextDocument, withText = true): HoverDocument {
  const doc: HoverDocument = {
    uri: document.uri.toString(),
    version: document.version,
    language: languageOf(document.languageId),
    text: withText ? document.getText() : '',
    label: vscode.workspace.asRelativePath(document.uri),
  };
  if (document.uri.scheme === 'vscode-notebook-cell') {
    const nb = vscode.workspace.notebookDocuments.find((n) => n.getCells().some((c) => c.document === document));
    if (nb) {
      let text = '';
      let offset = 0;
      const cells: Array<{ start: number; label: string }> = [];
      for (const cell of nb.getCells()) {
        if (cell.kind !== vscode.NotebookCellKind.Code) continue;
        if (cell.document === document) offset = text.length;
        cells.push({ start: text.length, label: `cell ${cell.index + 1}` });
        text += `${cell.document.getText()}\n`;
      }
      doc.context = { text, offset, cells };
      doc.label = `${vscode.workspace.asRelativePath(nb.uri)} cell ${nb.getCells().findIndex((c) => c.document === document) + 1}`;
    }
  }
  return doc;
}
