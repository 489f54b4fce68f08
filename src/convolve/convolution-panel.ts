// The single Convolution editor panel: created on first use, reused by later runs; follows its literal's edits.
import * as vscode from 'vscode';
import { Debounce } from '../core/debounce';
import { isMessage } from '../core/protocol/common';
import { fromWire, toWire } from '../core/protocol/wire';
import type {
  ConvolutionHostMessage,
  ConvolutionWebviewMessage,
  KernelCandidate,
  ShowMessage,
  UseKernelMessage,
  WireTensor,
  Conv2dArgs,
} from '../core/protocol/convolution';
import { webviewHtml, webviewOptions } from '../host/webview-html';
import { handleCommonMessage } from '../host/webview-messages';
import type { KernelService } from '../host/kernel-service';
import { log } from '../host/log';
import { shiftRange, type Followed } from './follow-literal';
import { outputInsertion, type PreviousInsertion } from './insert-output';
import { followEdit } from './follow-document';

/** What the panel shows and, for literals, where it came from. */
export interface PanelSource {
  title: string;
  input: WireTensor;
  candidates: KernelCandidate[];
  kernel?: string;
  /** The literal in a document, followed through edits; absent for tensors opened by other features. */
  follow?: { uri: vscode.Uri; literal: Followed; languageId: string };
}

const DEBOUNCE_MS = 200;

export class ConvolutionPanel {
  private static current: ConvolutionPanel | undefined;
  private ready = false;
  private show: ShowMessage | undefined;
  /** The kernel given by tensorLens.useKernel, re-sent after every show (the webview keeps it until another is chosen). */
  private kernel: UseKernelMessage | undefined;
  private follow: PanelSource['follow'];
  private readonly edits = new Debounce(DEBOUNCE_MS);
  /** The last "Insert below" in the followed document, so the next one goes below it. */
  private inserted: PreviousInsertion | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  static open(extensionUri: vscode.Uri, kernels: KernelService, source: PanelSource): void {
    ConvolutionPanel.ensure(extensionUri, kernels).load(source);
  }

  /** Makes `kernel` the panel's kernel (opening the panel, without an input, if it isn't open). */
  static useKernel(extensionUri: vscode.Uri, kernels: KernelService, title: string, kernel: WireTensor, args?: Conv2dArgs): void {
    const panel = ConvolutionPanel.ensure(extensionUri, kernels);
    panel.kernel = { type: 'useKernel', title, kernel, ...(args ? { args } : {}) };
    panel.post(panel.kernel);
  }

  private static ensure(extensionUri: vscode.Uri, kernels: KernelService): ConvolutionPanel {
    if (ConvolutionPanel.current) {
      // Its own column: Beside would be reckoned from the active group, moving the panel (and reloading its webview)
      // whenever it, rather than the code, had focus.
      ConvolutionPanel.current.panel.reveal(undefined, true);
    } else {
      const panel = vscode.window.createWebviewPanel(
        'tensorLens.convolution',
        'Convolution',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        {
          ...webviewOptions(extensionUri),
          retainContextWhenHidden: false,
        },
      );
      ConvolutionPanel.current = new ConvolutionPanel(panel, extensionUri, kernels);
    }
    return ConvolutionPanel.current;
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly kernels: KernelService,
  ) {
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'tensor-lens.svg');
    panel.webview.html = webviewHtml(panel.webview, extensionUri, 'convolution', 'Convolution');
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m: unknown) => void this.onMessage(m).catch((e: unknown) => this.fail('panel message', e))),
      vscode.workspace.onDidChangeTextDocument((e) => this.onEdit(e)),
    );
    panel.onDidDispose(() => {
      if (ConvolutionPanel.current === this) ConvolutionPanel.current = undefined;
      this.edits.cancel();
      for (const d of this.disposables) d.dispose();
    });
  }

  private load(source: PanelSource): void {
    this.edits.cancel();
    this.follow = source.follow;
    this.inserted = undefined;
    this.panel.title = `Convolution — ${source.title.split(' (')[0]}`;
    this.show = {
      type: 'show',
      title: source.title,
      input: source.input,
      candidates: source.candidates,
      kernel: source.kernel,
      canInsert: !!source.follow && source.follow.languageId !== 'json' && source.follow.languageId !== 'jsonc',
    };
    this.post(this.show);
  }

  private post(message: ConvolutionHostMessage): void {
    // Tensor data as typed arrays: VS Code JSON-encodes the rest of the message, which would turn NaN and ±Inf into null.
    if (this.ready) void this.panel.webview.postMessage(toWire(message));
  }

  /** Shifts the followed range at once (cheap) and re-parses after a pause in typing. */
  private onEdit(e: vscode.TextDocumentChangeEvent): void {
    const f = this.follow;
    if (!f || e.document.uri.toString() !== f.uri.toString() || e.contentChanges.length === 0) return;
    f.literal = { ...f.literal, range: shiftRange(f.literal.range, e.contentChanges) };
    if (this.inserted) this.inserted = { ...this.inserted, range: shiftRange(this.inserted.range, e.contentChanges) };
    this.edits.schedule(() => this.refresh(e.document));
  }

  private refresh(doc: vscode.TextDocument): void {
    const f = this.follow;
    if (!f || doc.isClosed) return;
    try {
      const result = followEdit(doc, f.literal);
      if ('error' in result) {
        this.post({ type: 'sourceError', message: result.error });
        return;
      }
      f.literal = result.literal;
      if (this.show)
        this.show = { ...this.show, title: result.title, input: result.input, candidates: result.candidates, kernel: undefined };
      this.post({ type: 'sourceUpdate', title: result.title, input: result.input, candidates: result.candidates });
    } catch (e) {
      this.fail('following the edited literal', e);
    }
  }

  private async onMessage(raw: unknown): Promise<void> {
    if (!isMessage(raw)) return;
    const message = fromWire(raw) as ConvolutionWebviewMessage;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        if (this.show) this.post(this.show);
        if (this.kernel) this.post(this.kernel);
        return;
      case 'insertOutput':
        return this.insertOutput(message.output);
      case 'savePng':
        return this.savePng(message.dataUrl, message.suggestedName);
      case 'kernelChosen':
        this.kernels.remember({ label: message.label, shape: message.weight.shape, data: message.weight.data, args: message.args });
        return;
      case 'revealSource':
        return this.reveal();
      default:
        handleCommonMessage(message);
    }
  }

  private async insertOutput(output: WireTensor): Promise<void> {
    const f = this.follow;
    if (!f) return;
    const doc = await vscode.workspace.openTextDocument(f.uri);
    const ins = outputInsertion(doc.getText(), f.literal.range, doc.languageId, output, this.inserted);
    if (!ins) {
      void vscode.window.showWarningMessage(`Tensor Lens: can't insert code into a ${doc.languageId} file; use Copy output instead.`);
      return;
    }
    const edit = new vscode.WorkspaceEdit();
    edit.insert(f.uri, doc.positionAt(ins.offset), ins.text);
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage('Tensor Lens: the output could not be inserted (the file may be read-only).');
      return;
    }
    this.inserted = { range: { start: ins.offset, end: ins.offset + ins.text.length }, text: ins.text };
    vscode.window.setStatusBarMessage('Tensor Lens: inserted the output below the literal (undo with Ctrl+Z)', 4000);
  }

  private async savePng(dataUrl: string, suggestedName: string): Promise<void> {
    const m = /^data:image\/png;base64,(.+)$/.exec(dataUrl);
    if (!m) return;
    const folder = this.follow ? vscode.Uri.joinPath(this.follow.uri, '..') : vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, suggestedName) : undefined,
      filters: { 'PNG image': ['png'] },
      saveLabel: 'Save heatmap',
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(
      target,
      Uint8Array.from(atob(m[1]), (c) => c.charCodeAt(0)),
    );
    vscode.window.setStatusBarMessage(`Tensor Lens: saved ${vscode.workspace.asRelativePath(target)}`, 4000);
  }

  private async reveal(): Promise<void> {
    const f = this.follow;
    if (!f) return;
    const doc = await vscode.workspace.openTextDocument(f.uri);
    const range = new vscode.Range(doc.positionAt(f.literal.range.start), doc.positionAt(f.literal.range.end));
    await vscode.window.showTextDocument(doc, { selection: range, viewColumn: vscode.ViewColumn.One });
  }

  private fail(what: string, e: unknown): void {
    log().error(`Convolution panel: ${what} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
}
