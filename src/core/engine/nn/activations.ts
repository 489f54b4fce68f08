// Parameter-free activation and normalisation-free modules: LeakyReLU, Sigmoid, Tanh, GELU, ELU, SiLU, ReLU6, Softmax, LogSoftmax, Dropout.
import { checkDropoutP, elu, gelu, leakyRelu, relu6, sigmoid, silu, tanh } from '../ops/activations';
import { dropout } from '../ops/dropout';
import { logSoftmax, softmax } from '../ops/softmax';
import type { Tensor } from '../tensor';
import { Module } from './module';

export class LeakyReLU extends Module {
  constructor(readonly negativeSlope = 0.01) {
    super();
  }
  forward(x: Tensor): Tensor {
    return leakyRelu(x, this.negativeSlope);
  }
}

export class Sigmoid extends Module {
  forward(x: Tensor): Tensor {
    return sigmoid(x);
  }
}

export class Tanh extends Module {
  forward(x: Tensor): Tensor {
    return tanh(x);
  }
}

export class GELU extends Module {
  constructor(readonly approximate: 'none' | 'tanh' = 'none') {
    super();
  }
  forward(x: Tensor): Tensor {
    return gelu(x, this.approximate);
  }
}

export class ELU extends Module {
  constructor(readonly alpha = 1) {
    super();
  }
  forward(x: Tensor): Tensor {
    return elu(x, this.alpha);
  }
}

export class SiLU extends Module {
  forward(x: Tensor): Tensor {
    return silu(x);
  }
}

export class ReLU6 extends Module {
  forward(x: Tensor): Tensor {
    return relu6(x);
  }
}

export class Softmax extends Module {
  constructor(readonly dim: number) {
    super();
  }
  forward(x: Tensor): Tensor {
    return softmax(x, this.dim);
  }
}

export class LogSoftmax extends Module {
  constructor(readonly dim: number) {
    super();
  }
  forward(x: Tensor): Tensor {
    return logSoftmax(x, this.dim);
  }
}

/** Identity in eval mode; in training, a mask from the engine's seeded RNG (manualSeed), not PyTorch's random stream. */
export class Dropout extends Module {
  constructor(readonly p = 0.5) {
    super();
    checkDropoutP(p);
  }
  forward(x: Tensor): Tensor {
    return dropout(x, this.p, this.training);
  }
}
