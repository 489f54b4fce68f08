// "Open Expression…", "Open in Tensor Lens" (Variables/Watch) and the live Use as kernel / Copy as torch.tensor: fetch a
// live tensor by slice from the paused program or the notebook's kernel, and hand it to the Convolution panel's commands.
import * as vscode from 'vscode';
import { sliceIndexFor } from '../../core/live/live-session';
import { isLiveError, type LiveSlice } from '../../core/protocol/live-tensor';
import type { LiveSources, LiveTarget } from './live-sources';

/** "kernel · after cell [3]" or "live · probe.py:34". */
export function originLabel(target: LiveTarget): string {
  return target.origin === 'kernel' ? `kernel · after cell [${target.cell ?? ' '}]` : `live · ${target.where ?? 'paused'}`;
}

/** Fetches expr (or the biggest leading slice that fits the limit) in the target; errors as one line. */
export async function fetchLive(target: LiveTarget, expression: string): Promise<{ slice: LiveSlice; title: string } | string> {
  const meta = await target.live.meta(expression, target.frameId);
  if (isLiveError(meta)) return meta.error;
  const index = sliceIndexFor(meta.shape, target.live.limits.maxElements);
  const slice = await target.live.slice(expression, target.frameId, index);
  if (isLiveError(slice)) return slice.error;
  const shown = index.length ? `${expression}[${index.join(', ')}]` : expression;
  return { slice, title: `${shown} (${originLabel(target)})` };
}

/** What the live commands do with a fetched tensor: the Convolution panel's own commands. */
export type LiveAction = 'open' | 'kernel' | 'copy';
const ACTION_COMMAND: Record<LiveAction, string> = {
  open: 'tensorLens.openTensor',
  kernel: 'tensorLens.useKernel',
  copy: 'tensorLens.copyTensor',
};

function expressionArg(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  const a = (arg ?? {}) as { expression?: unknown; expr?: unknown };
  const e = typeof a.expression === 'string' ? a.expression : typeof a.expr === 'string' ? a.expr : undefined;
  return e?.trim() ? e : undefined;
}

/** Says which source is used (or that there is none) before asking for an expression. */
export async function openExpression(sources: LiveSources, arg?: unknown, action: LiveAction = 'open'): Promise<void> {
  const target = await sources.forCommand();
  let expression = expressionArg(arg);
  if (typeof target === 'string') {
    void vscode.window.showErrorMessage(`Tensor Lens: can't open ${expression ?? 'an expression'}: ${target}.`);
    return;
  }
  if (!expression) {
    const editor = vscode.window.activeTextEditor;
    const selected = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : '';
    expression = await vscode.window.showInputBox({
      title: 'Tensor Lens: Open Expression',
      prompt:
        target.origin === 'kernel'
          ? `A tensor expression, evaluated in the notebook's kernel (after cell [${target.cell ?? ' '}])`
          : 'A tensor expression, evaluated in the focused frame of the paused Python program',
      placeHolder: target.origin === 'kernel' ? 'x, model.conv1.weight, batch[0]' : 'x, self.conv1.weight, batch[0]',
      value: selected.includes('\n') ? '' : selected,
    });
    if (!expression?.trim()) return;
  }
  await openLive(target, expression.trim(), action);
}

/** Variables/Watch context menu: the variable's evaluateName (or the watch expression). */
export async function openVariable(sources: LiveSources, arg?: unknown): Promise<void> {
  const a = (arg ?? {}) as {
    variable?: { evaluateName?: string; name?: string };
    expression?: string;
    evaluateName?: string;
    name?: string;
  };
  const expression = a.variable?.evaluateName ?? a.evaluateName ?? a.expression ?? a.variable?.name ?? a.name;
  if (!expression) {
    void vscode.window.showErrorMessage('Tensor Lens: this variable has no expression to evaluate.');
    return;
  }
  const target = await sources.forCommand();
  if (typeof target === 'string') {
    void vscode.window.showErrorMessage(`Tensor Lens: can't open ${expression}: ${target}.`);
    return;
  }
  await openLive(target, expression, 'open');
}

async function openLive(target: LiveTarget, expression: string, action: LiveAction): Promise<void> {
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: `Tensor Lens: fetching ${expression}` },
    () => fetchLive(target, expression),
  );
  if (typeof result === 'string') {
    void vscode.window.showErrorMessage(`Tensor Lens: can't open ${expression}: ${result}`);
    return;
  }
  const { slice, title } = result;
  const payload =
    action === 'copy'
      ? { shape: slice.shape, data: slice.data, format: 'torch' }
      : action === 'kernel'
        ? { title, shape: slice.shape, data: slice.data }
        : { title, shape: slice.shape, data: slice.data, dtype: slice.meta.dtype, source: 'debug' };
  await vscode.commands.executeCommand(ACTION_COMMAND[action], payload);
}
