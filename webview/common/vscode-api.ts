// Typed wrapper over acquireVsCodeApi(): posting messages and persisting per-view state.
import type { ViewKind } from '../../src/core/protocol/common';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

let api: VsCodeApi | undefined;

/** The page's one VS Code API object (acquireVsCodeApi may only be called once). */
export function vscodeApi(): VsCodeApi {
  api ??= acquireVsCodeApi();
  return api;
}

/** Posts a typed message to the host. */
export function post<M extends { type: string }>(message: M): void {
  vscodeApi().postMessage(message);
}

/** Reads this view's saved state, merged over defaults, so it survives the view being hidden. */
export function loadState<S extends object>(view: ViewKind, defaults: S): S {
  const all = (vscodeApi().getState() ?? {}) as Record<string, unknown>;
  const saved = all[view];
  return typeof saved === 'object' && saved !== null ? { ...defaults, ...(saved as Partial<S>) } : defaults;
}

export function saveState<S extends object>(view: ViewKind, state: S): void {
  const all = (vscodeApi().getState() ?? {}) as Record<string, unknown>;
  vscodeApi().setState({ ...all, [view]: state });
}
