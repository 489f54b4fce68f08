// The Model Explorer panel: runs a model of the file in the explore worker and shows every step; picks weights and
// input, reveals a step's line, and opens a Conv2d channel's computation in the Convolution panel.
import * as vscode from 'vscode';
import { isMessage } from '../core/protocol/common';
import type { ExploreHostMessage, ExploreRunRequest, ExploreWebviewMessage } from '../core/protocol/explore';
import { log } from '../host/log';
import { handleCommonMessage } from '../host/webview-messages';
import { makeNonce, webviewPage } from '../host/webview-page';
import { webviewOptions } from '../host/webview-html';
import type { ExploreWorkerClient } from './explore-worker-client';
import { pickInput, pickWeights, type Source } from './pickers';

/** Arguments of tensorLens.exploreModel (CodeLens, palette, tests): the file, the class, optional weights/input paths. */
export interface ExploreArgs {
  uri?: string;
  model?: string;
  weights?: string;
  input?: string;
  train?: boolean;
}

const highlight = vscode.window.createTextEditorDecorationType({
  isWholeLine: true,
  backgroundColor: new vscode.ThemeColor('editor.rangeHighlightBackground'),
});

export class ExplorePanel {
  private static current: ExplorePanel | undefined;
  private readonly panel: vscode.WebviewPanel;
  private uri!: vscode.Uri;
  private model = '';
  private weights: Source | undefined;
  private input: Source | undefined;
  private train = false;
  private scale: 'shared' | 'channel' = 'shared';
  private generation = 0;

  static open(extensionUri: vscode.Uri, worker: ExploreWorkerClient, args: ExploreArgs & { uri: string; model: string }): void {
    const p = (ExplorePanel.current ??= new ExplorePanel(extensionUri, worker));
    p.panel.reveal(vscode.ViewColumn.Beside, true);
    p.uri = vscode.Uri.parse(args.uri);
    p.model = args.model;
    p.weights = args.weights ? { label: args.weights.split(/[\\/]/).pop()!, uri: vscode.Uri.file(args.weights) } : undefined;
    p.input = args.input ? { label: args.input.split(/[\\/]/).pop()!, uri: vscode.Uri.file(args.input) } : undefined;
    p.train = !!args.train;
    p.panel.title = `Explore ${args.model}`;
    void p.run();
  }

  private constructor(
    extensionUri: vscode.Uri,
    private readonly worker: ExploreWorkerClient,
  ) {
    this.panel = vscode.window.createWebviewPanel(
      'tensorLens.explore',
      'Explore',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      {
        ...webviewOptions(extensionUri),
        retainContextWhenHidden: true,
      },
    );
    const uri = (...parts: string[]) => this.panel.webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...parts)).toString();
    this.panel.webview.html = webviewPage({
      view: 'explore',
      title: 'Explore Model',
      nonce: makeNonce(),
      cspSource: this.panel.webview.cspSource,
      scriptUri: uri('dist', 'explore.js'),
      styleUris: [uri('media', 'codicon.css'), uri('media', 'webview.css')],
    });
    this.panel.webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m));
    this.panel.onDidDispose(() => {
      ExplorePanel.current = undefined;
      worker.cancel();
    });
  }

  private post(m: ExploreHostMessage): void {
    void this.panel.webview.postMessage(m);
  }

  private postState(): void {
    this.post({
      type: 'exploreState',
      model: this.model,
      file: vscode.workspace.asRelativePath(this.uri),
      weights: this.weights?.label ?? 'fresh init (seed 0)',
      input: this.input?.label ?? "the file's input",
      train: this.train,
      scale: this.scale,
    });
  }

  private async run(): Promise<void> {
    const generation = ++this.generation;
    this.postState();
    this.post({ type: 'exploreBusy', text: `Running ${this.model}…` });
    try {
      const text = (await vscode.workspace.openTextDocument(this.uri)).getText();
      const read = async (s: Source) => ({ label: s.label, bytes: await vscode.workspace.fs.readFile(s.uri!) });
      const req: ExploreRunRequest = {
        text,
        model: this.model,
        weights: this.weights ? await read(this.weights) : undefined,
        input: this.input ? (this.input.uri ? await read(this.input) : { label: this.input.label, text: this.input.text! }) : undefined,
        normalize: this.input?.normalize ? 'imagenet' : undefined,
        train: this.train,
        seed: 0,
      };
      const t0 = performance.now();
      const r = await this.worker.request({ type: 'run', ...req }, (p) => {
        if (generation === this.generation && p.ok && p.type === 'step') this.post({ type: 'exploreStep', step: p.step });
      });
      if (generation !== this.generation) return;
      if (!r.ok) {
        this.post({ type: 'exploreError', message: r.message, line: r.line });
        return;
      }
      if (r.type !== 'run') return;
      log().info(`Explore ${this.model}: ${r.result.steps.length} steps in ${(performance.now() - t0).toFixed(0)} ms`);
      this.post({ type: 'exploreResult', result: r.result });
    } catch (e) {
      this.post({ type: 'exploreError', message: e instanceof Error ? e.message : String(e) });
    }
  }

  private async onMessage(raw: unknown): Promise<void> {
    if (!isMessage(raw)) return;
    const m = raw as ExploreWebviewMessage | { type: 'log' | 'copy' };
    switch (m.type) {
      case 'ready':
        this.postState();
        return void this.run();
      case 'exploreReveal':
        return void this.reveal(m.line);
      case 'explorePickWeights': {
        const w = await pickWeights(this.uri);
        if (w === undefined) return;
        this.weights = w ?? undefined;
        return void this.run();
      }
      case 'explorePickInput': {
        const i = await pickInput(this.uri);
        if (i === undefined) return;
        this.input = i ?? undefined;
        return void this.run();
      }
      case 'exploreMode':
        this.train = m.train;
        return void this.run();
      case 'exploreScale':
        this.scale = m.scale;
        return;
      case 'exploreThumbs': {
        const r = await this.worker.request({ type: 'thumbs', step: m.step, from: m.from, count: m.count, scale: m.scale });
        if (r.ok && r.type === 'thumbs') this.post({ type: 'exploreThumbs', page: r.page });
        return;
      }
      case 'exploreDrill':
        return void this.drill(m.step, m.channel);
      default:
        handleCommonMessage(raw as Parameters<typeof handleCommonMessage>[0]);
    }
  }

  private async reveal(line: number): Promise<void> {
    const editor = await vscode.window.showTextDocument(this.uri, { viewColumn: vscode.ViewColumn.One, preserveFocus: true });
    const range = editor.document.lineAt(Math.max(0, Math.min(line - 1, editor.document.lineCount - 1))).range;
    editor.selection = new vscode.Selection(range.start, range.start);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    editor.setDecorations(highlight, [range]);
  }

  private async drill(step: number, channel: number): Promise<void> {
    const r = await this.worker.request({ type: 'drill', step, channel });
    if (!r.ok || r.type !== 'drill') {
      void vscode.window.showErrorMessage(`Tensor Lens: ${r.ok ? 'no drill-down' : r.message}`);
      return;
    }
    const d = r.drill;
    await vscode.commands.executeCommand('tensorLens.openTensor', { title: d.title, shape: d.input.shape, data: d.input.data });
    await vscode.commands.executeCommand('tensorLens.useKernel', { ...d.kernel, args: d.args });
  }
}
