// Module base class: named parameters and buffers, state dicts and train/eval flags, like torch.nn.Module.
import { runtimeError } from '../errors';
import { fillUniform } from '../rng';
import { Tensor, sameShape } from '../tensor';

export abstract class Module {
  training = true;

  abstract forward(x: Tensor): Tensor;

  /** Same as forward(x) (PyTorch's module(x)). */
  call(x: Tensor): Tensor {
    return this.forward(x);
  }

  /** [name, parameter] pairs in registration order, e.g. ['0.weight', …] inside a Sequential. */
  namedParameters(): [string, Tensor][] {
    return [];
  }

  /** [name, buffer] pairs (running statistics), e.g. ['1.running_mean', …]; saved in stateDict, never trained. */
  namedBuffers(): [string, Tensor][] {
    return [];
  }

  parameters(): Tensor[] {
    return this.namedParameters().map(([, p]) => p);
  }

  train(mode = true): this {
    this.training = mode;
    return this;
  }

  eval(): this {
    return this.train(false);
  }

  /** Zeroes gradients in place (PyTorch 1.13's default set_to_none=False), or drops them. */
  zeroGrad(setToNone = false): void {
    for (const p of this.parameters()) {
      if (setToNone) p.grad = null;
      else p.grad?.data.fill(0);
    }
  }

  /** name → copy of the parameter's data and shape. */
  stateDict(): Record<string, { shape: number[]; data: Float32Array }> {
    const out: Record<string, { shape: number[]; data: Float32Array }> = {};
    for (const [name, p] of [...this.namedParameters(), ...this.namedBuffers()]) out[name] = { shape: [...p.shape], data: p.data.slice() };
    return out;
  }

  /** Copies values into the parameters in place (shapes must match), like load_state_dict(strict=True). */
  loadStateDict(state: Record<string, { shape: readonly number[]; data: ArrayLike<number> }>): void {
    const all = [...this.namedParameters(), ...this.namedBuffers()];
    // Like BatchNorm's _load_from_state_dict for a state dict without version metadata: a missing counter means 0.
    const optional = (n: string) => n === 'num_batches_tracked' || n.endsWith('.num_batches_tracked');
    const params = all.filter(([n]) => n in state || !optional(n));
    const names = new Set(all.map(([n]) => n));
    const missing = params.filter(([n]) => !(n in state)).map(([n]) => `"${n}"`);
    const unexpected = Object.keys(state)
      .filter((n) => !names.has(n))
      .map((n) => `"${n}"`);
    if (missing.length || unexpected.length) {
      const parts = [];
      if (missing.length) parts.push(`Missing key(s) in state_dict: ${missing.join(', ')}.`);
      if (unexpected.length) parts.push(`Unexpected key(s) in state_dict: ${unexpected.join(', ')}.`);
      throw runtimeError(`Error(s) in loading state_dict for ${this.constructor.name}:\n\t${parts.join(' ')}`);
    }
    for (const [name, p] of params) {
      const s = state[name];
      if (!sameShape(s.shape, p.shape)) {
        throw runtimeError(
          `Error(s) in loading state_dict for ${this.constructor.name}:\n\tsize mismatch for ${name}: copying a param with shape torch.Size([${s.shape.join(', ')}]) from checkpoint, the shape in current model is torch.Size([${p.shape.join(', ')}]).`,
        );
      }
      p.data.set(Array.from(s.data));
    }
    for (const [n, t] of all) if (!(n in state) && optional(n)) t.data.fill(0);
  }
}

/** A trainable leaf: a tensor with requiresGrad. */
export function parameter(data: Float32Array, shape: readonly number[]): Tensor {
  return new Tensor(data, shape, true);
}

/**
 * A conv layer's weight and optional bias with PyTorch's default init: kaiming_uniform_(a=√5) ⇒ U(±1/√fan_in) for the
 * weight, and the same bound for the bias (weight drawn first, as PyTorch does).
 */
export function convParameters(
  weightShape: readonly number[],
  fanIn: number,
  outChannels: number,
  withBias: boolean,
): { weight: Tensor; bias: Tensor | null } {
  const bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
  const w = new Float32Array(weightShape.reduce((n, d) => n * d, 1));
  fillUniform(w, -bound, bound);
  const weight = parameter(w, weightShape);
  if (!withBias) return { weight, bias: null };
  const b = new Float32Array(outChannels);
  fillUniform(b, -bound, bound);
  return { weight, bias: parameter(b, [outChannels]) };
}

/** weight and bias (when present) under PyTorch's state_dict names. */
export function weightAndBias(weight: Tensor, bias: Tensor | null): [string, Tensor][] {
  return bias
    ? [
        ['weight', weight],
        ['bias', bias],
      ]
    : [['weight', weight]];
}
