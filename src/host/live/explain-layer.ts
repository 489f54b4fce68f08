// "Explain This Layer": which layer and input (in a paused frame or a notebook's kernel), progress, the verdict, and the
// panel on the real input and weights.
import * as vscode from 'vscode';
import { layerCall } from '../../core/live/expression-at';
import { compareLayer, inputCandidates, summary } from '../../core/live/layer-compare';
import { isLiveError } from '../../core/protocol/live-tensor';
import { log } from '../log';
import type { LiveProvider, LiveSources, LiveTarget } from './live-sources';
import { originLabel } from './open-live';

export async function explainLayer(sources: LiveSources, arg?: unknown): Promise<void> {
  const provider = sources.provider();
  const target = await sources.forCommand();
  if (typeof target === 'string' || !provider) {
    void vscode.window.showErrorMessage(`Tensor Lens: can't explain a layer: ${typeof target === 'string' ? target : 'no live source'}.`);
    return;
  }
  const a = (arg ?? {}) as { module?: string; expr?: string; input?: string };
  let module = a.module ?? (a.expr && (arg as { conv?: unknown }).conv ? a.expr : undefined);
  let input = a.input;
  if (!module) {
    const editor = vscode.window.activeTextEditor;
    const call = editor && !editor.selection.isEmpty ? layerCall(editor.document.getText(editor.selection)) : undefined;
    const name = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection).trim() : '';
    if (call) ({ module, input } = call);
    else if (/^[A-Za-z_][\w.]*(\[\d+\])*(\.[A-Za-z_]\w*)*$/.test(name)) module = name;
    else {
      void vscode.window.showErrorMessage(
        'Tensor Lens: select a layer call such as model.conv1(x) or a layer such as model.conv1, or pick a Conv2d in the Tensors view.',
      );
      return;
    }
  }
  if (!input) {
    input = await pickInput(provider, target, module);
    if (!input) return;
  }
  const t0 = performance.now();
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Tensor Lens: explaining ${module}(${input})…` },
    () => compareLayer(target, module, input),
  );
  if (typeof result === 'string') {
    void vscode.window.showErrorMessage(`Tensor Lens: can't explain ${module}(${input}): ${result}`);
    return;
  }
  const text = summary(module, input, result);
  log().info(`${text} in ${(performance.now() - t0).toFixed(0)} ms`);
  await vscode.commands.executeCommand('tensorLens.openTensor', {
    title: `${input} → ${module} (${originLabel(target)})`,
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

/** The input: asked for, the most recent tensor whose channels fit first (the only one is taken without asking). */
async function pickInput(provider: LiveProvider, target: LiveTarget, module: string): Promise<string | undefined> {
  const [entries, layer] = await Promise.all([provider.entries(target), target.live.meta(`(${module}).weight`, target.frameId)]);
  const inChannels = !isLiveError(layer) && layer.shape.length === 4 ? layer.shape[1] : undefined;
  const rows = isLiveError(entries) ? [] : entries.filter((e) => !e.parent);
  const conv = (isLiveError(entries) ? [] : entries).find((e) => e.expr === module)?.conv;
  let candidates = inputCandidates(rows, conv ? conv.inChannels : (inChannels ?? -1));
  if (provider.recent) candidates = provider.recent(target, candidates);
  if (candidates.length === 1 && target.origin === 'debug') return candidates[0];
  const others = rows.filter((e) => e.meta && !candidates.includes(e.expr)).map((e) => e.expr);
  const items: vscode.QuickPickItem[] = [
    ...candidates.map((c, i) => ({ label: c, description: i === 0 ? 'most recent tensor whose channels fit' : 'channels fit' })),
    ...others.map((c) => ({ label: c })),
  ];
  const pick = vscode.window.createQuickPick();
  pick.title = `Tensor Lens: input of ${module}`;
  pick.placeholder = 'Which tensor goes into the layer? (pick one, or type an expression)';
  pick.items = items;
  if (items.length) pick.activeItems = [items[0]];
  return new Promise((resolve) => {
    let done = false;
    pick.onDidAccept(() => {
      done = true;
      resolve(pick.activeItems[0]?.label ?? (pick.value.trim() || undefined));
      pick.hide();
    });
    pick.onDidHide(() => {
      if (!done) resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}
