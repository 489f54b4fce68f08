// "Open Expression…" and "Open in Tensor Lens" (Variables/Watch): fetch a live tensor by slice and open it in the Convolution panel.
import * as vscode from 'vscode';
import { isLiveError, type LiveSlice } from '../core/protocol/live-tensor';
import { sliceIndexFor } from './live-session';
import type { LiveFrame, LiveSessions } from './live-sessions';

/** Fetches expr (or the biggest leading slice that fits the limit) in the focused frame; errors as one line. */
export async function fetchLive(frame: LiveFrame, expression: string): Promise<{ slice: LiveSlice; title: string } | string> {
  const meta = await frame.live.meta(expression, frame.frameId);
  if (isLiveError(meta)) return meta.error;
  const index = sliceIndexFor(meta.shape, frame.live.limits.maxElements);
  const slice = await frame.live.slice(expression, frame.frameId, index);
  if (isLiveError(slice)) return slice.error;
  const shown = index.length ? `${expression}[${index.join(', ')}]` : expression;
  return { slice, title: `${shown} (live · ${frame.where ?? 'paused'})` };
}

export async function openExpression(sessions: LiveSessions, arg?: unknown): Promise<void> {
  const given: unknown = typeof arg === 'string' ? arg : (arg as { expression?: unknown } | undefined)?.expression;
  let expression = typeof given === 'string' ? given : undefined;
  if (!expression?.trim()) {
    const editor = vscode.window.activeTextEditor;
    const selected = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : '';
    expression = await vscode.window.showInputBox({
      title: 'Tensor Lens: Open Expression',
      prompt: 'A tensor expression, evaluated in the focused frame of the paused Python program',
      placeHolder: 'x, self.conv1.weight, batch[0]',
      value: selected.includes('\n') ? '' : selected,
    });
    if (!expression?.trim()) return;
  }
  await openLive(sessions, expression.trim());
}

/** Variables/Watch context menu: the variable's evaluateName (or the watch expression). */
export async function openVariable(sessions: LiveSessions, arg?: unknown): Promise<void> {
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
  await openLive(sessions, expression);
}

async function openLive(sessions: LiveSessions, expression: string): Promise<void> {
  const focused = sessions.focused();
  if (typeof focused === 'string') {
    void vscode.window.showErrorMessage(`Tensor Lens: can't open ${expression}: ${focused}.`);
    return;
  }
  const frame = await sessions.locate(focused);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: `Tensor Lens: fetching ${expression}` },
    () => fetchLive(frame, expression),
  );
  if (typeof result === 'string') {
    void vscode.window.showErrorMessage(`Tensor Lens: can't open ${expression}: ${result}`);
    return;
  }
  await vscode.commands.executeCommand('tensorLens.openTensor', {
    title: result.title,
    shape: result.slice.shape,
    data: result.slice.data,
    dtype: result.slice.meta.dtype,
    source: 'debug',
  });
}
