// "Explain this layer" in VS Code: which layer and input, progress, the verdict, and the panel on the real input and weights.
import * as vscode from 'vscode';
import { isLiveError } from '../core/protocol/live-tensor';
import { log } from '../host/log';
import { layerCall } from './expression-at';
import { compareLayer, inputCandidates, summary } from './layer-compare';
import type { LiveFrame, LiveSessions } from './live-sessions';

export async function explainLayer(sessions: LiveSessions, arg?: unknown): Promise<void> {
  const focused = sessions.focused();
  if (typeof focused === 'string') {
    void vscode.window.showErrorMessage(`Tensor Lens: can't explain a layer: ${focused}.`);
    return;
  }
  const frame = await sessions.locate(focused);
  const a = (arg ?? {}) as { module?: string; input?: string };
  let module = a.module;
  let input = a.input;
  if (!module) {
    const editor = vscode.window.activeTextEditor;
    const call = editor && !editor.selection.isEmpty ? layerCall(editor.document.getText(editor.selection)) : undefined;
    if (!call) {
      void vscode.window.showErrorMessage('Tensor Lens: select a layer call such as self.conv1(x), or pick a Conv2d in the Tensors view.');
      return;
    }
    ({ module, input } = call);
  }
  if (!input) {
    input = await pickInput(frame, module);
    if (!input) return;
  }
  const t0 = performance.now();
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Tensor Lens: explaining ${module}(${input})…` },
    () => compareLayer(frame, module, input),
  );
  if (typeof result === 'string') {
    void vscode.window.showErrorMessage(`Tensor Lens: can't explain ${module}(${input}): ${result}`);
    return;
  }
  const text = summary(module, input, result);
  log().info(`${text} in ${(performance.now() - t0).toFixed(0)} ms`);
  await vscode.commands.executeCommand('tensorLens.openTensor', {
    title: `${input} → ${module} (live · ${frame.where ?? 'paused'})`,
    shape: result.input.shape,
    data: result.input.data,
    dtype: result.input.meta.dtype,
    source: 'debug',
  });
  const commands = await vscode.commands.getCommands(true);
  if (commands.includes('tensorLens.useKernel'))
    await vscode.commands.executeCommand('tensorLens.useKernel', {
      title: `${module}.weight`,
      shape: result.weight.shape,
      data: result.weight.data,
      // PyTorch's bias of the layer, one value per output channel, so the panel's output is the layer's output.
      args: { ...result.conv, bias: result.bias ? Array.from(result.bias.data) : null },
    });
  if (result.maxAbsDiff <= 1e-5) void vscode.window.showInformationMessage(text);
  else void vscode.window.showWarningMessage(text);
}

async function pickInput(frame: LiveFrame, module: string): Promise<string | undefined> {
  const [entries, layer] = await Promise.all([frame.live.locals(frame.frameId), frame.live.meta(`(${module}).weight`, frame.frameId)]);
  const inChannels = !isLiveError(layer) && layer.shape.length === 4 ? layer.shape[1] : undefined;
  const entryRows = isLiveError(entries) ? [] : entries;
  const conv = entryRows.find((e) => e.expr === module)?.conv;
  const candidates = inputCandidates(entryRows, conv ? conv.inChannels : (inChannels ?? -1));
  if (candidates.length === 1) return candidates[0];
  const picked = await vscode.window.showQuickPick(candidates.length ? candidates : entryRows.filter((e) => e.meta).map((e) => e.expr), {
    title: `Tensor Lens: input of ${module}`,
    placeHolder: 'Which tensor goes into the layer?',
  });
  return picked;
}
