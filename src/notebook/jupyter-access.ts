// The Jupyter extension's kernel API (ms-toolsai.jupyter → exports.kernels.getKernel): asked only after a user action,
// a refusal remembered so that nothing automatic ever prompts again, and an absent or old extension said in one line.
import type { Jupyter } from '@vscode/jupyter-extension';
import * as vscode from 'vscode';
import type { KernelLike } from '../core/live/kernel-transport';
import { log } from '../host/log';

export const JUPYTER_ID = 'ms-toolsai.jupyter';
export const NO_JUPYTER = 'the Jupyter extension (ms-toolsai.jupyter) is not installed';
export const OLD_JUPYTER = 'the Jupyter extension is too old to share its kernels (it has no kernels API)';

/** The real API's Kernel must fit what the live layer uses (a compile-time check). */
type RealKernel = NonNullable<Awaited<ReturnType<Jupyter['kernels']['getKernel']>>>;
const fits = (k: RealKernel): KernelLike => k;
void fits;

export class JupyterAccess {
  /** Set when getKernel threw (the user refused access): automatic paths never ask again, commands may. */
  private refused: string | undefined;

  get available(): boolean {
    return vscode.extensions.getExtension(JUPYTER_ID) !== undefined;
  }

  /**
   * The running kernel of the notebook, or why not. `userAction` false (a refresh) never asks after a refusal; the first
   * call may show the Jupyter extension's own access prompt, which is why only user actions and hovers get here.
   */
  async kernel(notebook: vscode.Uri, userAction: boolean): Promise<KernelLike | string> {
    const ext = vscode.extensions.getExtension<Jupyter>(JUPYTER_ID);
    if (!ext) return NO_JUPYTER;
    if (this.refused && !userAction) return this.refused;
    let api: Jupyter | undefined;
    try {
      api = ext.isActive ? ext.exports : await ext.activate();
    } catch (e) {
      return `the Jupyter extension failed to start: ${e instanceof Error ? e.message : String(e)}`;
    }
    if (typeof api?.kernels?.getKernel !== 'function') return OLD_JUPYTER;
    try {
      const kernel = await api.kernels.getKernel(notebook);
      this.refused = undefined;
      if (!kernel) return "the notebook's kernel is not running — run a cell first";
      if (kernel.language && kernel.language.toLowerCase() !== 'python') return `the notebook's kernel runs ${kernel.language}, not Python`;
      return kernel;
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      log().info(`Jupyter kernel access refused: ${why}`);
      this.refused = `access to the notebook's kernel was not allowed (${why}) — run Tensor Lens: Open Expression… to be asked again`;
      return this.refused;
    }
  }
}
