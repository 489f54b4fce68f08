// The trainer's view of a model built from the file's Python source (IrNetwork): state loading, logits, first conv.
import type { Tensor } from '../core/engine';
import { Stop } from '../core/pymodel';
import type { ModelSpec, StateDict } from '../core/protocol/worker';
import { IrNetwork } from '../core/explore/ir-network';
import type { NamedParameter, TrainableNetwork } from './network';

export class SourceNetwork implements TrainableNetwork {
  private readonly net: IrNetwork;

  /** Builds class `spec.name` of `spec.source.text`; a construction problem becomes an Error naming the line. */
  constructor(spec: ModelSpec, state?: StateDict) {
    try {
      this.net = IrNetwork.fromSource(spec.source!.text, spec.name);
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

  get parameters(): NamedParameter[] {
    return this.net.parameters;
  }

  get buffers(): NamedParameter[] {
    return this.net.buffers;
  }

  get(key: string): Tensor | undefined {
    return this.net.get(key);
  }

  train(mode = true): void {
    this.net.train(mode);
  }

  forward(x: Tensor): { logits: Tensor; firstConv: Tensor | null } {
    try {
      return { logits: this.net.forward(x), firstConv: null };
    } catch (e) {
      if (e instanceof Stop) throw new Error(`line ${e.line}: ${e.why}`);
      throw e;
    }
  }

  firstConvName(): string | null {
    const w = this.net.parameters.find((p) => p.tensor.ndim === 4 && p.key.endsWith('.weight'));
    return w ? w.key.slice(0, -'.weight'.length) : null;
  }

  state(): StateDict {
    return this.net.state();
  }
}
