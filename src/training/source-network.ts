// The trainer's view of a model built from the file's Python source (IrNetwork): state loading, logits, first conv.
import type { Tensor } from '../core/engine';
import { Stop } from '../core/pymodel';
import type { ModelSpec, StateDict } from '../core/protocol/worker';
import { IrNetwork, type NamedTensor } from '../core/explore/ir-network';

export type NamedParameter = NamedTensor;

export class SourceNetwork {
  private readonly net: IrNetwork;

  /** Builds class `spec.name` of `spec.source.text`; a construction problem becomes an Error naming the line. */
  constructor(spec: ModelSpec, state?: StateDict) {
    try {
      this.net = IrNetwork.fromSource(spec.source.text, spec.name);
    } catch (e) {
      if (e instanceof Stop) throw new Error(`line ${e.line}: ${e.why}`);
      throw e;
    }
    for (const { key, tensor: t } of [...this.net.parameters, ...this.net.buffers]) {
      const given = state?.[key];
      if (!given) continue;
      if (given.data.length !== t.numel) {
        throw new Error(`"${key}" has ${given.data.length} values but the model needs shape [${t.shape.join(', ')}] (${t.numel} values)`);
      }
      t.data.set(Float32Array.from(given.data));
    }
  }

  /** In PyTorch's parameters() order, so optimizer state lines up with a PyTorch run. */
  get parameters(): NamedParameter[] {
    return this.net.parameters;
  }

  /** BatchNorm's running statistics, saved with the weights. */
  get buffers(): NamedParameter[] {
    return this.net.buffers;
  }

  get(key: string): Tensor | undefined {
    return this.net.get(key);
  }

  train(mode = true): void {
    this.net.train(mode);
  }

  /** Runs a batch; also returns the activation after the first Conv2d (and its ReLU, if next) for the feature-map view. */
  forward(x: Tensor): { logits: Tensor; firstConv: Tensor | null } {
    try {
      const logits = this.net.forward(x);
      return { logits, firstConv: this.net.firstConv.output };
    } catch (e) {
      if (e instanceof Stop) throw new Error(`line ${e.line}: ${e.why}`);
      throw e;
    }
  }

  /** State-dict prefix of the first Conv2d the last forward called ("conv1"), whose kernels the view shows, or null. */
  firstConvName(): string | null {
    return this.net.firstConv.path;
  }

  state(): StateDict {
    return this.net.state();
  }
}
