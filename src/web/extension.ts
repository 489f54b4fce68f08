// The web entry (dist/web/extension.js, package.json "browser"): the same activation, over the web's platform seams.
// The web build resolves each `src/**/platform/x` import to `x.web.ts` (esbuild.mjs), so no code here branches on the host.
import type * as vscode from 'vscode';
import { backendName } from '../core/engine/backend';
import { activate as activateEverywhere, deactivate } from '../extension';
import { log } from '../host/log';
import { threadsNote } from '../host/platform/threads';

export function activate(context: vscode.ExtensionContext): void {
  activateEverywhere(context);
  // Which engine path this host allows (WebAssembly SIMD unless its policy forbids compiling it), said once.
  log().info(`Tensor Lens for the web: ${threadsNote()}; engine: ${backendName()}`);
}

export { deactivate };
