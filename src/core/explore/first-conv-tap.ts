// The Training view's feature maps: the first Conv2d's output in one forward, or its ReLU's when a ReLU takes it next.
import type { Tensor } from '../engine';
import type { ModuleInstance } from '../pymodel/values';

export class FirstConvTap {
  /** Module path of the first Conv2d a forward called ("conv1"), whose kernels the view shows; null before any forward. */
  path: string | null = null;
  /** The activation of the last forward (null when it called no Conv2d). */
  output: Tensor | null = null;
  private conv: Tensor | null = null;

  /** Called as a forward starts. */
  reset(): void {
    this.output = null;
    this.conv = null;
  }

  /** A built-in layer `m` turned `x` into `y`. */
  layer(m: ModuleInstance, x: Tensor, y: Tensor): void {
    if (m.type === 'Conv2d' && this.output === null) {
      this.path = m.path;
      this.output = this.conv = y;
    } else if (m.type === 'ReLU') this.relu(x, y);
  }

  /** A ReLU (module, F.relu or x.relu()) turned `x` into `y`: the tap moves past it when `x` is the first conv's output. */
  relu(x: Tensor, y: Tensor): void {
    if (this.conv !== null && x === this.conv) {
      this.output = y;
      this.conv = null;
    }
  }
}
