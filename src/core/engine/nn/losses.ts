// Loss modules taking (input, target): CrossEntropyLoss, NLLLoss, MSELoss (mean reduction).
import { crossEntropy } from '../ops/cross-entropy';
import { mseLoss, nllLoss } from '../ops/softmax';
import type { Tensor } from '../tensor';

export class CrossEntropyLoss {
  forward(input: Tensor, target: Tensor): Tensor {
    return crossEntropy(input, target);
  }
}

export class NLLLoss {
  constructor(readonly ignoreIndex = -100) {}
  forward(input: Tensor, target: Tensor): Tensor {
    return nllLoss(input, target, this.ignoreIndex);
  }
}

export class MSELoss {
  forward(input: Tensor, target: Tensor): Tensor {
    return mseLoss(input, target);
  }
}
