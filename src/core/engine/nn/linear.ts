// nn.Linear with PyTorch's default init (weight and bias uniform in ±1/√in_features).
import { linear } from '../ops/linear';
import { fillUniform } from '../rng';
import type { Tensor } from '../tensor';
import { Module, parameter, weightAndBias } from './module';

export class Linear extends Module {
  weight: Tensor;
  bias: Tensor | null;

  constructor(
    readonly inFeatures: number,
    readonly outFeatures: number,
    bias = true,
  ) {
    super();
    const bound = inFeatures > 0 ? 1 / Math.sqrt(inFeatures) : 0;
    const w = new Float32Array(outFeatures * inFeatures);
    fillUniform(w, -bound, bound);
    this.weight = parameter(w, [outFeatures, inFeatures]);
    if (bias) {
      const b = new Float32Array(outFeatures);
      fillUniform(b, -bound, bound);
      this.bias = parameter(b, [outFeatures]);
    } else {
      this.bias = null;
    }
  }

  forward(x: Tensor): Tensor {
    return linear(x, this.weight, this.bias);
  }

  override namedParameters(): [string, Tensor][] {
    return weightAndBias(this.weight, this.bias);
  }
}
