// The kernel last chosen in the Convolution panel (or from a hover link), shared by features: the panel writes it, hovers read it.
import type { Conv2dArgs } from '../core/protocol/convolution';

export interface RememberedKernel {
  /** Preset id, variable name or "custom". */
  label: string;
  /** Weight shape [C_out, C_in/groups, kH, kW] and its flat data. */
  shape: number[];
  data: number[];
  args: Conv2dArgs;
}

/** One instance per activation, created in extension.ts and handed to the features that need it. */
export class KernelService {
  private current: RememberedKernel | undefined;
  private readonly listeners = new Set<(kernel: RememberedKernel) => void>();

  get last(): RememberedKernel | undefined {
    return this.current;
  }

  remember(kernel: RememberedKernel): void {
    this.current = kernel;
    for (const listener of [...this.listeners]) listener(kernel);
  }

  /** Calls `listener` after every remember(); dispose the result to stop. */
  onDidChange(listener: (kernel: RememberedKernel) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  dispose(): void {
    this.listeners.clear();
  }
}
