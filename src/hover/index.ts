// Hover previews for tensor literals and layer calls (registered per language), and the commands their links run.
import * as vscode from 'vscode';
import { literalAt } from '../core/literals';
import type { KernelService } from '../host/kernel-service';
import { registerCommand } from '../host/commands';
import { log } from '../host/log';
import { workerScript } from '../host/platform/threads';
import { readEnvironment } from './environment';
import { kernelShape } from './tensor-links';
import { TensorHoverProvider } from './provider';
import type { HoverEnvironment } from '../core/protocol/hover-worker';
import { HoverService, languageOf } from './service';
import { HoverWorkerClient } from './worker-client';
import { settingsArgs } from './settings';

export const HOVER_SELECTOR: vscode.DocumentSelector = [
  { language: 'python' },
  { language: 'json' },
  { language: 'jsonc' },
  { language: 'javascript' },
  { language: 'typescript' },
  { language: 'javascriptreact' },
  { language: 'typescriptreact' },
  { notebookType: 'jupyter-notebook', language: 'python' },
  { scheme: 'vscode-notebook-cell', language: 'python' },
];

interface LiteralRefArg {
  uri: string;
  offset: number;
  title: string;
}

interface KernelArg {
  label: string;
  shape: number[];
  data: number[];
}

export function registerHover(context: vscode.ExtensionContext, kernels: KernelService): TensorHoverProvider {
  const service = new HoverService();
  let env: HoverEnvironment | undefined;
  const environment = (): HoverEnvironment => (env ??= readEnvironment(kernels.last));
  const invalidate = (): void => {
    env = undefined;
    service.clear();
  };
  const worker = new HoverWorkerClient(workerScript(context.extensionUri, 'hover-worker.js'), (m) => log().error(m));
  const provider = new TensorHoverProvider(service, environment, worker);

  context.subscriptions.push(
    { dispose: () => worker.dispose() },
    vscode.languages.registerHoverProvider(HOVER_SELECTOR, provider),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('tensorLens')) invalidate();
    }),
    vscode.window.onDidChangeActiveColorTheme(invalidate),
    kernels.onDidChange(invalidate),
    vscode.workspace.onDidCloseTextDocument((d) => service.forget(d.uri.toString())),
    registerCommand('tensorLens.hover.useKernel', 'Use as Kernel', (arg: KernelArg) => useKernel(arg, environment(), kernels)),
    registerCommand('tensorLens.hover.openTensor', 'Open Tensor', (ref: LiteralRefArg) => forward(ref, 'tensorLens.openTensor')),
    registerCommand('tensorLens.hover.copyTensor', 'Copy Tensor', (ref: LiteralRefArg) => forward(ref, 'tensorLens.copyTensor')),
  );
  return provider;
}

/** Makes a kernel literal of the file the kernel hovers (and the panel's picker) start from. */
function useKernel(arg: KernelArg, env: HoverEnvironment, kernels: KernelService): void {
  const k = arg && Array.isArray(arg.shape) ? kernelShape(arg.shape) : undefined;
  if (!k || !Array.isArray(arg.data) || arg.data.length !== k[0] * k[1]) {
    void vscode.window.showWarningMessage('Tensor Lens: that kernel is not a 2-D tensor of up to 15×15.');
    return;
  }
  const args = env.kernel && !('error' in env.kernel) ? env.kernel.args : settingsArgs(env.settings);
  kernels.remember({ label: String(arg.label), shape: [1, 1, k[0], k[1]], data: arg.data.map(Number), args });
  vscode.window.setStatusBarMessage(`Tensor Lens: hovers now convolve with ${arg.label}`, 4000);
}

/** Re-reads a big literal from its document and hands it to the Convolution panel's command. */
async function forward(ref: LiteralRefArg, command: 'tensorLens.openTensor' | 'tensorLens.copyTensor'): Promise<void> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(ref.uri));
  const lit = literalAt(document.getText(), ref.offset, { language: languageOf(document.languageId) });
  if (!lit || lit.kind !== 'tensor') {
    void vscode.window.showWarningMessage('Tensor Lens: the tensor literal is no longer there — hover it again.');
    return;
  }
  const data = Array.from(lit.data);
  await vscode.commands.executeCommand(
    command,
    command === 'tensorLens.openTensor' ? { title: ref.title, shape: lit.shape, data } : { shape: lit.shape, data, format: 'torch' },
  );
}
