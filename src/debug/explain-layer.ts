// "Explain this layer": a live nn.Conv2d and its input, computed by our engine and by PyTorch in the debuggee, compared.
import * as vscode from 'vscode';
import { conv2d, noGrad, Tensor } from '../core/engine';
import { isLiveError, type LiveConv2dArgs, type LiveEntry, type LiveSlice } from '../core/protocol/live-tensor';
import { formatStat } from '../hover/stats';
import { log } from '../host/log';
import { layerCall } from './expression-at';
import type { LiveFrame, LiveSessions } from './live-sessions';

export interface LayerComparison {
  conv: LiveConv2dArgs;
  input: LiveSlice;
  weight: LiveSlice;
  bias: LiveSlice | null;
  torch: LiveSlice;
  ours: Float32Array;
  /** Largest |ours − PyTorch| over the output. */
  maxAbsDiff: number;
}

/** Our engine's conv2d on the module's real arguments and weights (3-D input is unbatched, as in PyTorch). */
export function engineOutput(conv: LiveConv2dArgs, input: LiveSlice, weight: LiveSlice, bias: LiveSlice | null): Float32Array {
  return noGrad(() => {
    const out = conv2d(
      new Tensor(input.data, input.shape),
      new Tensor(weight.data, weight.shape),
      bias ? new Tensor(bias.data, bias.shape) : null,
      {
        stride: conv.stride,
        padding: conv.padding,
        dilation: conv.dilation,
        groups: conv.groups,
        paddingMode: conv.paddingMode,
      },
    );
    return Float32Array.from(out.data);
  });
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (d > worst || Number.isNaN(d)) worst = Number.isNaN(d) ? (Number.isNaN(a[i]) === Number.isNaN(b[i]) ? worst : Infinity) : d;
  }
  return worst;
}

/** Pulls the layer's arguments, weight, bias, input and PyTorch's output from the debuggee and computes ours. */
export async function compareLayer(frame: LiveFrame, module: string, input: string): Promise<LayerComparison | string> {
  const { live, frameId } = frame;
  const layer = await live.convLayer(module, input, frameId);
  if (isLiveError(layer)) return layer.error;
  const [x, w, b] = await Promise.all([
    live.slice(input, frameId),
    live.slice(`(${module}).weight`, frameId),
    layer.conv.bias ? live.slice(`(${module}).bias`, frameId) : Promise.resolve(null),
  ]);
  for (const part of [x, w, b]) if (part && isLiveError(part)) return part.error;
  const [xs, ws, bs] = [x, w, b] as [LiveSlice, LiveSlice, LiveSlice | null];
  let ours: Float32Array;
  try {
    ours = engineOutput(layer.conv, xs, ws, bs);
  } catch (e) {
    return `our engine refused the layer: ${e instanceof Error ? e.message : String(e)}`;
  }
  if (ours.length !== layer.output.data.length) return `our output has ${ours.length} values, PyTorch's ${layer.output.data.length}`;
  return { conv: layer.conv, input: xs, weight: ws, bias: bs, torch: layer.output, ours, maxAbsDiff: maxAbsDiff(ours, layer.output.data) };
}

/** Input candidates for a module: tensor locals (not parameters) whose channel dimension matches in_channels. */
export function inputCandidates(entries: readonly LiveEntry[], inChannels: number): string[] {
  return entries
    .filter(
      (e) =>
        e.meta !== undefined &&
        e.meta.kind !== 'torch.nn.Parameter' &&
        (e.meta.shape.length === 4 || e.meta.shape.length === 3) &&
        e.meta.shape[e.meta.shape.length - 3] === inChannels,
    )
    .map((e) => e.expr);
}

export function summary(module: string, input: string, c: LayerComparison): string {
  const shape = (s: LiveSlice): string => s.shape.join('×');
  const verdict = c.maxAbsDiff <= 1e-5 ? 'matches PyTorch' : 'DIFFERS from PyTorch';
  return (
    `Explain ${module}(${input}): Tensor Lens ${verdict}, largest |difference| ${formatStat(c.maxAbsDiff)} over ${c.ours.length} values ` +
    `(input ${shape(c.input)} ⊛ weight ${shape(c.weight)} → output ${shape(c.torch)})`
  );
}

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
      args: { ...result.conv, bias: null },
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
