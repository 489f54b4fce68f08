// The one way to register a command: whatever it throws is logged (with its stack) and shown as
// "Tensor Lens: <what> failed: <why>", and its result (if any) is handed back to executeCommand.
import * as vscode from 'vscode';
import { errorMessage } from '../core/error-message';
import { log } from './log';

/** Logs a failure of `what` and tells the user in one line. */
export function reportFailure(what: string, e: unknown): void {
  log().error(`${what} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  void vscode.window.showErrorMessage(`Tensor Lens: ${what} failed: ${errorMessage(e)}`);
}

/** `vscode.commands.registerCommand` with the failure report; `what` names the command for people ("Convolve Selection"). */
export function registerCommand<A extends unknown[], R>(id: string, what: string, run: (...args: A) => R | Promise<R>): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: A): Promise<R | undefined> => {
    try {
      return await run(...args);
    } catch (e) {
      reportFailure(what, e);
      return undefined;
    }
  });
}
