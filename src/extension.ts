// Activation: registers every feature and logs how long activation took.
import * as vscode from 'vscode';
import { KernelService } from './host/kernel-service';
import { registerCommand } from './host/commands';
import { log } from './host/log';
import { registerConvolve } from './convolve';
import { registerDebug } from './debug';
import { registerHover } from './hover';
import { registerLiveTensors } from './host/live/register-live';
import { registerNotebook } from './notebook';
import { liveHoverKit } from './hover/live-tensor-hover';
import { registerShapes } from './shapes';
import { registerTraining } from './training';
import { registerFiles } from './files';
import { registerExplore } from './explore';
import { registerWalkthrough } from './walkthrough';

/** Set by esbuild's banner at the top of dist/extension.js, before any bundled module runs. */
declare const __tlBundleStart: number | undefined;
const bundleStart = typeof __tlBundleStart === 'number' ? __tlBundleStart : performance.now();
const bundleLoaded = performance.now();

export function activate(context: vscode.ExtensionContext): void {
  const start = performance.now();
  const channel = log();
  context.subscriptions.push(channel);
  context.subscriptions.push(registerCommand('tensorLens.showLog', 'Show Log', () => channel.show(true)));
  // Feature state shared across features lives in host services, created once here.
  const kernels = new KernelService();
  context.subscriptions.push(kernels);
  registerConvolve(context, kernels);
  registerHover(context, kernels);
  registerTraining(context);
  const live = registerLiveTensors(context, liveHoverKit(kernels));
  registerDebug(context, live);
  registerNotebook(context, live);
  registerShapes(context);
  registerFiles(context);
  registerExplore(context);
  registerWalkthrough(context);
  const load = bundleLoaded - bundleStart;
  const run = performance.now() - start;
  // Our own cost: evaluating the bundle plus activate(); the host's gap between the two is not ours.
  channel.info(
    `Tensor Lens activated in ${(load + run).toFixed(1)} ms (bundle evaluation ${load.toFixed(1)} ms, activate ${run.toFixed(1)} ms)`,
  );
}

export function deactivate(): void {}
