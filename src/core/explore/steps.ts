// One step of a model's forward as the explorer records it: a leaf module, a functional call, a tensor method or an operator.
import type { Tensor } from '../engine';
import type { ModuleInstance } from '../pymodel/values';

export type StepKind = 'module' | 'function' | 'method' | 'operator';

export interface RawStep {
  kind: StepKind;
  /** The module's path (`layer1.conv1`), the call as written (`F.relu`, `torch.flatten`), `.view`, or the operator (`+`). */
  name: string;
  /** The module's type (`Conv2d`), or the function/method/operator name (`relu`, `view`, `+`). */
  type: string;
  /** 1-based line of the call in the file (inside the forward that ran it). */
  line: number;
  /** The built-in layer or file class, for module steps (its constructor arguments and line). */
  module?: ModuleInstance;
  /** The tensors it was given (shared with earlier steps' outputs, never copied). */
  inputs: Tensor[];
  output: Tensor;
}

export type StepSink = (step: RawStep) => void;
