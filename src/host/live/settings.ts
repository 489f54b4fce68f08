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

/** The setting that allows one kind of automatic evaluation: a hover, or the Tensors view's listing at a stop or cell. */
export function automaticSetting(origin: LiveOrigin, what: 'hover' | 'view' = 'hover'): string {
  if (origin !== 'debug') return 'tensorLens.notebook.automaticEvaluation';
  return what === 'hover' ? 'tensorLens.debug.hover' : 'tensorLens.debug.tensorsView';
}

/**
 * Whether Tensor Lens may evaluate on its own: for a paused program `tensorLens.debug.hover` (hovers) and
 * `tensorLens.debug.tensorsView` (the view at every stop); for a notebook's kernel `tensorLens.notebook.automaticEvaluation`
 * (both). Commands always run: the user asked.
 */
export function automaticEvaluation(origin: LiveOrigin, what: 'hover' | 'view' = 'hover'): boolean {
  const [section, key] = automaticSetting(origin, what)
    .replace(/^tensorLens\./, '')
    .split('.');
  return vscode.workspace.getConfiguration(`tensorLens.${section}`).get<boolean>(key, true);
}
