// Settings of the live-tensor layer: fetch limits (both sources) and whether anything is evaluated without being asked.
import * as vscode from 'vscode';
import { DEFAULT_LIMITS, type LiveLimits } from '../../core/live/live-session';
import type { LiveOrigin } from './live-sources';

export function readLimits(): LiveLimits {
  const c = vscode.workspace.getConfiguration('tensorLens.debug');
  const max = c.get<number>('maxFetchElements', DEFAULT_LIMITS.maxElements);
  const timeout = c.get<number>('timeoutMs', DEFAULT_LIMITS.timeoutMs);
  return {
    maxElements: Number.isFinite(max) && max >= 1 ? Math.floor(max) : DEFAULT_LIMITS.maxElements,
    timeoutMs: Number.isFinite(timeout) && timeout >= 50 ? timeout : DEFAULT_LIMITS.timeoutMs,
  };
}

/**
 * Whether Tensor Lens may evaluate on its own (hover, Tensors view refresh): `tensorLens.debug.hover` for a paused
 * program, `tensorLens.notebook.automaticEvaluation` for a notebook's kernel. Commands always run: the user asked.
 */
export function automaticEvaluation(origin: LiveOrigin): boolean {
  return origin === 'debug'
    ? vscode.workspace.getConfiguration('tensorLens.debug').get<boolean>('hover', true)
    : vscode.workspace.getConfiguration('tensorLens.notebook').get<boolean>('automaticEvaluation', true);
}
