// What the Training view and commands do in VS Code: train (one run at a time), stop, the file's model, weights in and out.
import * as vscode from 'vscode';
import type { TrainingHostMessage, TrainingWebviewMessage, TrainRequest } from '../core/protocol/training';
import type { ModelSpec, StateDict } from '../core/protocol/worker';
import { log } from '../host/log';
import { ModelSourceError } from './model-source-error';
import { trainableFromFile } from './model-from-source';
import { parseStateDict, stateDictToJson, stateDictToPython } from './state-dict';
import { exampleSource, summaryText, TrainingSession, type RunSummary } from './training-session';
import type { TrainingMessageHandler, TrainingViewProvider } from './training-view-provider';
import type { TrainingRunner } from './training-runner';
import pytorchInitial from './data/cnn-pytorch-initial-state.json';

export class TrainingController implements TrainingMessageHandler {
  readonly session: TrainingSession;

  constructor(
    private readonly view: TrainingViewProvider,
    runner: TrainingRunner,
  ) {
    this.session = new TrainingSession(
      runner,
      (m) => view.post(m),
      (summary, error) => this.onEnd(summary, error),
    );
  }

  restoreMessages(): TrainingHostMessage[] {
    return [this.session.initMessage(), this.session.record];
  }

  async handle(m: Exclude<TrainingWebviewMessage, { type: 'ready' | 'log' | 'copy' }>): Promise<void> {
    switch (m.type) {
      case 'train':
        return this.train(m);
      case 'stop':
        return this.session.stop();
      case 'resetWeights':
        this.session.initial = null;
        return this.refresh('Weights reset: the next run starts from a fresh initialisation.');
      case 'loadWeights':
        return this.loadWeights(m.from);
      case 'trainFile':
        return this.trainFile();
      case 'useExample':
        if (!this.session.running) this.session.setSource(exampleSource());
        return;
      case 'exportWeights':
        return this.exportWeights(m.format);
      case 'openTensor':
        await vscode.commands.executeCommand('tensorLens.openTensor', { title: m.title, shape: m.tensor.shape, data: m.tensor.data });
        return;
      case 'copyTensor':
        await vscode.commands.executeCommand('tensorLens.copyTensor', { shape: m.tensor.shape, data: m.tensor.data, format: 'torch' });
        return;
    }
  }

  /** Starts a run; while one runs, asks whether to restart (a second run never starts alongside). */
  async train(request: TrainRequest = { type: 'train' }): Promise<void> {
    if (this.session.running) {
      const choice = await vscode.window.showWarningMessage(
        'Training is already running.',
        { modal: true, detail: 'Stop it and start again from the beginning?' },
        'Restart',
      );
      if (choice !== 'Restart') return;
      // The runner ends a run that does not stop within its grace period, so this always resolves.
      this.session.stop();
      await this.session.stopped();
    }
    const problem = this.session.start(request);
    if (problem) {
      void vscode.window.showErrorMessage(`Tensor Lens: can't train: ${problem}`);
      return;
    }
    const source = this.session.source;
    log().info(
      `Training ${source.model.name}${source.fileName ? ` from ${source.fileName}` : ''} (${this.session.settings.optimizer}, lr ${this.session.settings.lr}, ${this.session.settings.epochs} epochs)`,
    );
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Tensor Lens: training' }, () =>
      this.session.stopped(),
    );
  }

  stop(): void {
    this.session.stop();
  }

  /** "Train Model in This File": reads the file's nn.Module and image literals, shows them in the view and trains. */
  async trainFile(document = this.pythonDocument()): Promise<void> {
    if (!document) {
      void vscode.window.showErrorMessage('Tensor Lens: open a Python file with an nn.Module subclass to train its model.');
      return;
    }
    if (this.session.running) {
      void vscode.window.showWarningMessage('Tensor Lens: training is running; stop it before loading another model.');
      return;
    }
    const fileName = document.uri.path.split('/').pop() ?? document.uri.path;
    const text = document.getText();
    let model: ModelSpec;
    let images;
    try {
      ({ model, images } = trainableFromFile(text));
    } catch (e) {
      if (!(e instanceof ModelSourceError)) throw e;
      const go = e.line > 0 ? 'Go to Line' : undefined;
      const choice = await vscode.window.showErrorMessage(
        `Tensor Lens: can't train the model in ${fileName}: ${e.message}`,
        ...(go ? [go] : []),
      );
      if (choice === go) {
        const editor = await vscode.window.showTextDocument(document);
        const pos = new vscode.Position(e.line - 1, 0);
        editor.selection = new vscode.Selection(pos, pos);
        editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      }
      return;
    }
    this.session.setSource({ kind: 'file', model, images, fileName });
    await this.view.reveal();
    if (images.some((i) => i.label !== null)) await this.train();
    else
      void vscode.window.showInformationMessage(
        `Tensor Lens: pick a class for the images of ${fileName} in the Training view, then press Train.`,
      );
  }

  private pythonDocument(): vscode.TextDocument | undefined {
    const active = vscode.window.activeTextEditor?.document;
    if (active?.languageId === 'python') return active;
    return vscode.window.visibleTextEditors.find((e) => e.document.languageId === 'python')?.document;
  }

  private async loadWeights(from: 'pytorch' | 'file'): Promise<void> {
    let text: string;
    let label: string;
    if (from === 'pytorch') {
      text = JSON.stringify(pytorchInitial);
      label = 'PyTorch initial weights (torch.manual_seed(0))';
    } else {
      const picked = await vscode.window.showOpenDialog({
        canSelectMany: false,
        filters: { 'State dict (JSON)': ['json'] },
        openLabel: 'Load Weights',
      });
      if (!picked?.[0]) return;
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(picked[0]));
      label = `weights from ${picked[0].path.split('/').pop()}`;
    }
    const parsed = parseStateDict(text, this.session.source.model);
    if ('error' in parsed) {
      void vscode.window.showErrorMessage(`Tensor Lens: can't use these weights for ${this.session.source.model.name}: ${parsed.error}`);
      return;
    }
    this.session.initial = { state: parsed.state, label };
    this.refresh(`Loaded ${label}; ${this.session.running ? 'they apply from the next run' : 'press Train to start from them'}.`);
  }

  /** Starting weights from elsewhere (a tensor file), already checked against the model. */
  useWeights(state: StateDict, label: string): void {
    this.session.initial = { state, label };
    this.refresh(`Loaded ${label}; ${this.session.running ? 'they apply from the next run' : 'press Train to start from them'}.`);
  }

  private refresh(status: string): void {
    this.view.post(this.session.initMessage());
    vscode.window.setStatusBarMessage(`Tensor Lens: ${status}`, 4000);
  }

  private async exportWeights(format: 'json' | 'python'): Promise<void> {
    const state = this.session.trained;
    if (!state) {
      void vscode.window.showInformationMessage('Tensor Lens: train the model first; then its weights can be exported.');
      return;
    }
    const model = this.session.source.model;
    const base = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `${model.name.toLowerCase()}_weights.${format === 'json' ? 'json' : 'py'}`;
    const target = await vscode.window.showSaveDialog({
      defaultUri: base ? vscode.Uri.joinPath(base, name) : undefined,
      filters: format === 'json' ? { JSON: ['json'] } : { Python: ['py'] },
      saveLabel: 'Export Weights',
    });
    if (!target) return;
    const text = format === 'json' ? stateDictToJson(state) : stateDictToPython(state, model);
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    const choice = await vscode.window.showInformationMessage(`Tensor Lens: saved the weights to ${target.path.split('/').pop()}.`, 'Open');
    if (choice === 'Open') await vscode.window.showTextDocument(target);
  }

  private onEnd(summary: RunSummary | null, error: string | null): void {
    if (summary) {
      const stalls = summary.stalls.map((s) => `${s.ms.toFixed(0)} ms at ${(s.at / 1000).toFixed(2)} s`).join(', ');
      log().info(
        `Training ${summaryText(summary)} (largest host stall ${summary.hostStallMs.toFixed(1)} ms${stalls ? `; stalls over 20 ms: ${stalls}` : ''})`,
      );
    }
    if (error) {
      log().error(`Training failed: ${error}`);
      if (!this.view.visible) void vscode.window.showErrorMessage(`Tensor Lens: training failed: ${error}`);
    }
  }
}
