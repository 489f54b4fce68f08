// Optimizer base: the parameter list and zeroGrad().
import type { Tensor } from '../tensor';

export abstract class Optimizer {
  readonly params: Tensor[];

  constructor(params: Iterable<Tensor>) {
    this.params = [...params];
  }

  abstract step(): void;

  /** Zeroes gradients in place (PyTorch 1.13's default set_to_none=False), or drops them. */
  zeroGrad(setToNone = false): void {
    for (const p of this.params) {
      if (setToNone) p.grad = null;
      else p.grad?.data.fill(0);
    }
  }
}
