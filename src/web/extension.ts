// The web entry (dist/web/extension.js, package.json "browser"): the same activation, over the web's platform seams.
// The web build resolves each `src/**/platform/x` import to `x.web.ts` (esbuild.mjs), so no code here branches on the host.
import type * as vscode from 'vscode';
import { activate as activateEverywhere, deactivate } from '../extension';
import { log } from '../host/log';
import { threadsNote } from '../host/platform/threads';

export function activate(context: vscode.ExtensionContext): void {
  activateEverywhere(context);
  log().info(`Tensor Lens for the web: ${threadsNote()}`);
}

export { deactivate };
