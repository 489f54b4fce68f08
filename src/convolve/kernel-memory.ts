// Remembers the kernel and arguments last chosen in the Convolution panel, so hovers can reuse them.
import * as vscode from 'vscode';
import type { Conv2dArgs } from '../core/protocol/convolution';

export interface RememberedKernel {
  /** Preset id, variable name or "custom". */
  label: string;
  /** Weight shape [C_out, C_in/groups, kH, kW] and its flat data. */
  shape: number[];
  data: number[];
  args: Conv2dArgs;
}

let last: RememberedKernel | undefined;
const changed = new vscode.EventEmitter<RememberedKernel>();

export const onDidChangeLastKernel = changed.event;

export function lastKernel(): RememberedKernel | undefined {
  return last;
}

export function rememberKernel(kernel: RememberedKernel): void {
  last = kernel;
  changed.fire(kernel);
}
