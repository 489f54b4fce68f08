// Registers "Convolve Selection", and openTensor/useKernel/copyTensor for the other features (hover, training).
import * as vscode from 'vscode';
import { ConvolutionPanel } from './convolution-panel';
import { maxElements } from './follow-document';
import { finderFor } from './literal-finder';
import { resolveRequest } from './selection-request';
import { checkKernelArg, checkKernelConvArgs, checkTensorArg, tensorText, type TensorArg } from './tensor-args';
import type { KernelService } from '../host/kernel-service';
import { registerCommand } from '../host/commands';
import { log } from '../host/log';
import { targetEditor } from '../host/target-editor';

export function registerConvolve(context: vscode.ExtensionContext, kernels: KernelService): void {
  context.subscriptions.push(
    registerCommand('tensorLens.convolveSelection', 'Convolve Selection', () => convolveSelection(context, kernels)),
    registerCommand('tensorLens.openTensor', 'Open Tensor', (arg: unknown) => openTensor(context, kernels, arg)),
    registerCommand('tensorLens.useKernel', 'Use as Kernel', (arg: unknown) => useKernel(context, kernels, arg)),
    registerCommand('tensorLens.copyTensor', 'Copy Tensor', (arg: unknown) => copyTensor(arg)),
  );
}

function convolveSelection(context: vscode.ExtensionContext, kernels: KernelService): void {
  const editor = targetEditor();
  if (!editor) {
    void vscode.window.showWarningMessage('Tensor Lens: open a file and select a tensor literal to convolve.');
    return;
  }
  const doc = editor.document;
  const file = vscode.workspace.asRelativePath(doc.uri);
  const selection = { start: doc.offsetAt(editor.selection.start), end: doc.offsetAt(editor.selection.end) };
  const t0 = performance.now();
  const request = resolveRequest(finderFor(doc.languageId, maxElements()), doc.getText(), selection, file);
  log().info(`Convolve Selection: parsed ${file} in ${(performance.now() - t0).toFixed(1)} ms`);
  if ('message' in request) {
    if (request.runtime) void offerDebugging(request.message);
    else void vscode.window.showErrorMessage(`Tensor Lens: ${request.message}`);
    return;
  }
  ConvolutionPanel.open(context.extensionUri, kernels, {
    title: request.title,
    input: request.input,
    candidates: request.candidates,
    kernel: request.kernel,
    follow: { uri: doc.uri, literal: { range: request.range, name: request.name }, languageId: doc.languageId },
  });
}

/** A tensor computed by code: say so, with a button that starts debugging (live tensors show in hovers and the Tensors view). */
async function offerDebugging(message: string): Promise<void> {
  const start = 'Start Debugging';
  const choice = await vscode.window.showInformationMessage(`Tensor Lens: ${message}`, start);
  if (choice === start) await vscode.commands.executeCommand('workbench.action.debug.start');
}

function openTensor(context: vscode.ExtensionContext, kernels: KernelService, arg: unknown): void {
  const checked = checkTensorArg(arg, true);
  if (typeof checked === 'string') {
    void vscode.window.showErrorMessage(`Tensor Lens: can't open this tensor: ${checked}`);
    return;
  }
  const t = checked as TensorArg & { title: string };
  ConvolutionPanel.open(context.extensionUri, kernels, { title: t.title, input: { shape: t.shape, data: t.data }, candidates: [] });
}

/** `{ title, shape, data }` as the panel's kernel: [kH, kW] one kernel, [C, kH, kW] or [C_out, C_in, kH, kW] several. */
function useKernel(context: vscode.ExtensionContext, kernels: KernelService, arg: unknown): void {
  const checked = checkKernelArg(arg);
  if (typeof checked === 'string') {
    void vscode.window.showErrorMessage(`Tensor Lens: can't use this tensor as a kernel: ${checked}`);
    return;
  }
  const args = checkKernelConvArgs(arg);
  if (typeof args === 'string') {
    void vscode.window.showErrorMessage(`Tensor Lens: can't use this tensor as a kernel: ${args}`);
    return;
  }
  ConvolutionPanel.useKernel(context.extensionUri, kernels, checked.title ?? 'kernel', { shape: checked.shape, data: checked.data }, args);
}

async function copyTensor(arg: unknown): Promise<void> {
  const checked = checkTensorArg(arg, false);
  if (typeof checked === 'string') {
    void vscode.window.showErrorMessage(`Tensor Lens: can't copy this tensor: ${checked}`);
    return;
  }
  await vscode.env.clipboard.writeText(tensorText(checked));
  vscode.window.setStatusBarMessage(
    `Tensor Lens: copied ${checked.shape.join('×')} tensor as ${checked.format === 'json' ? 'JSON' : 'torch.tensor'}`,
    3000,
  );
}
