// The read-only Tensor Lens editor for tensor files: index first, a tensor's summary when selected, actions on it.
import * as vscode from 'vscode';
import { Debounce } from '../core/debounce';
import { isMessage } from '../core/protocol/common';
import type { FileIndex, TensorFileHostMessage, TensorFileWebviewMessage } from '../core/protocol/tensor-file';
import { formatTorchTensor } from '../core/render/tensor-format';
import { handleCommonMessage } from '../host/webview-messages';
import { localResourceRoots, makeNonce } from '../host/webview-html';
import { webviewPage } from '../host/webview-page';
import { log } from '../host/log';
import { fileForWorker, workerPath } from '../host/platform/files';
import type { FilesWorkerClient } from './files-worker-client';

export const VIEW_TYPE = 'tensorLens.tensorFile';
/** The same editor offered under "Open With…" for .bin and images (a contribution has one priority per view type). */
export const OPTION_VIEW_TYPE = 'tensorLens.tensorFileOption';
/** Copying writes every value; past this the clipboard text would be tens of MB. */
const MAX_COPY = 1 << 20;

class TensorFileDocument implements vscode.CustomDocument {
  constructor(
    readonly uri: vscode.Uri,
    private readonly onDispose: () => void,
  ) {}
  dispose(): void {
    this.onDispose();
  }
}

export class TensorFileEditorProvider implements vscode.CustomReadonlyEditorProvider<TensorFileDocument> {
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly worker: FilesWorkerClient,
  ) {}

  openCustomDocument(uri: vscode.Uri): TensorFileDocument {
    return new TensorFileDocument(uri, () => void this.worker.request({ op: 'close', path: workerPath(uri) }));
  }

  resolveCustomEditor(document: TensorFileDocument, panel: vscode.WebviewPanel): void {
    panel.webview.options = { enableScripts: true, localResourceRoots: localResourceRoots(this.extensionUri) };
    const uri = (...p: string[]) => panel.webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...p)).toString();
    const fileName = document.uri.path.split('/').pop() ?? 'file';
    panel.webview.html = webviewPage({
      view: 'tensor-file',
      title: fileName,
      nonce: makeNonce(),
      cspSource: panel.webview.cspSource,
      scriptUri: uri('dist', 'tensor-file.js'),
      styleUris: [uri('dist', 'codicon.css'), uri('media', 'webview.css')],
    });
    new TensorFileSession(document.uri, fileName, panel, this.worker);
  }
}

/** One open editor: talks to its webview and the worker. */
class TensorFileSession {
  private index: FileIndex | undefined;
  private grayscale = false;

  constructor(
    private readonly uri: vscode.Uri,
    private readonly fileName: string,
    private readonly panel: vscode.WebviewPanel,
    private readonly worker: FilesWorkerClient,
  ) {
    const subscriptions: vscode.Disposable[] = [
      panel.webview.onDidReceiveMessage((m: unknown) => {
        if (!isMessage(m)) return;
        this.handle(m as TensorFileWebviewMessage).catch((e: unknown) => log().error(`tensor file editor: ${String(e)}`));
      }),
    ];
    // Re-read the index when the file is rewritten (e.g. a training script saving a new checkpoint).
    if (uri.scheme === 'file') {
      const dir = vscode.Uri.joinPath(uri, '..');
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(dir, fileName));
      const pending = new Debounce(300);
      const reload = () => pending.schedule(() => void this.load());
      subscriptions.push(watcher, watcher.onDidChange(reload), watcher.onDidCreate(reload), pending);
    }
    panel.onDidDispose(() => subscriptions.forEach((d) => d.dispose()));
  }

  private post(m: TensorFileHostMessage): void {
    void this.panel.webview.postMessage(m);
  }

  private get path(): string {
    return workerPath(this.uri);
  }

  private async handle(m: TensorFileWebviewMessage): Promise<void> {
    switch (m.type) {
      case 'ready':
        return this.load();
      case 'log':
      case 'copy':
        return handleCommonMessage(m);
      case 'grayscale':
        this.grayscale = m.on;
        return this.load();
      case 'select': {
        const r = await this.worker.request({ op: 'summary', path: this.path, name: m.name });
        if (r.ok && r.summary) this.post({ type: 'tensor', name: m.name, summary: r.summary });
        else this.post({ type: 'tensorError', name: m.name, message: r.ok ? 'no summary' : r.message });
        return;
      }
      case 'copyTensor':
        return this.copy(m.name);
      case 'openInPanel':
        return this.openInPanel(m.name, m.as);
      case 'loadIntoTraining':
        return this.loadIntoTraining();
    }
  }

  private async load(): Promise<void> {
    const t0 = performance.now();
    let file;
    try {
      file = await fileForWorker(this.uri, (u) => vscode.workspace.fs.readFile(u));
    } catch (e) {
      const message = `${this.fileName}: could not be read (${e instanceof Error ? e.message : String(e)})`;
      log().warn(`Tensor file: ${message}`);
      this.post({ type: 'error', message });
      return;
    }
    const r = await this.worker.request({ op: 'open', path: file.path, grayscale: this.grayscale, bytes: file.bytes });
    if (!r.ok || !r.index) {
      const message = r.ok ? `${this.fileName}: could not be read` : r.message;
      log().warn(`Tensor file: ${message}`);
      this.post({ type: 'error', message });
      return;
    }
    this.index = { ...r.index, fileName: this.fileName };
    log().info(`Tensor file: indexed ${this.fileName} (${r.index.entries.length} tensors) in ${(performance.now() - t0).toFixed(1)} ms`);
    const commands = await vscode.commands.getCommands(true);
    this.post({
      type: 'index',
      index: this.index,
      canTrain: commands.includes('tensorLens.loadIntoTraining') && r.index.format !== 'image' && r.index.format !== 'npy',
    });
  }

  private async values(name: string): Promise<{ shape: number[]; dtype: string; data: Float32Array | Float64Array } | undefined> {
    const r = await this.worker.request({ op: 'values', path: this.path, name });
    if (r.ok && r.values) return r.values;
    void vscode.window.showErrorMessage(`Tensor Lens: ${r.ok ? 'no values' : r.message}`);
    return undefined;
  }

  private async copy(name: string): Promise<void> {
    const entry = this.index?.entries.find((e) => e.name === name);
    if (entry && entry.numel > MAX_COPY) {
      void vscode.window.showWarningMessage(
        `Tensor Lens: "${name}" has ${entry.numel.toLocaleString('en-US')} values; copying is limited to ${MAX_COPY.toLocaleString('en-US')}.`,
      );
      return;
    }
    const v = await this.values(name);
    if (!v) return;
    const dtype = TORCH_DTYPE[v.dtype];
    const text = formatTorchTensor(v.shape, v.data, { precision: 'round-trip', ...(dtype ? { suffix: `, dtype=torch.${dtype}` } : {}) });
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(`Tensor Lens: copied ${name || this.fileName} as torch.tensor`, 3000);
  }

  private async openInPanel(name: string, as: 'input' | 'kernel'): Promise<void> {
    const v = await this.values(name);
    if (!v) return;
    const title = name ? `${this.fileName} · ${name}` : this.fileName;
    const data = v.data instanceof Float32Array ? v.data : Float32Array.from(v.data);
    await vscode.commands.executeCommand(as === 'kernel' ? 'tensorLens.useKernel' : 'tensorLens.openTensor', {
      title,
      shape: v.shape,
      data,
      source: this.uri.toString(),
    });
  }

  private async loadIntoTraining(): Promise<void> {
    if (!this.index) return;
    const tensors: Record<string, { shape: number[]; data: number[] }> = {};
    for (const e of this.index.entries) {
      if (!e.dtype.startsWith('float') && !e.dtype.startsWith('bfloat')) continue;
      const v = await this.values(e.name);
      if (!v) return;
      tensors[e.name] = { shape: v.shape, data: Array.from(v.data) };
    }
    const result = (await vscode.commands.executeCommand('tensorLens.loadIntoTraining', { label: this.fileName, tensors })) as
      { problems?: string[] } | undefined;
    const problems = result?.problems ?? [];
    this.post({
      type: 'status',
      text: problems.length
        ? `Not loaded: ${problems.join('; ')}`
        : 'Loaded into the Training view: press Train to start from these weights.',
    });
  }
}

const TORCH_DTYPE: Record<string, string> = {
  float64: 'float64',
  float16: 'float16',
  bfloat16: 'bfloat16',
  int64: 'int64',
  int32: 'int32',
  int16: 'int16',
  int8: 'int8',
  uint8: 'uint8',
  bool: 'bool',
};
