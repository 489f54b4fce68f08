// Public API of the Tensor Lens engine: PyTorch-compatible tensors, autograd, conv2d and friends (pure TS, no vscode/DOM).
export { Tensor, tensor, zeros, full, type NestedNumbers } from './tensor';
export { TorchError, type TorchErrorType } from './errors';
export { noGrad } from './autograd';
export { manualSeed } from './rng';
export { setSimdEnabled, backendName, pathCounts, resetPathCounts } from './backend';
export { setMaxElements, getMaxElements, DEFAULT_MAX_ELEMENTS } from './limits';
export {
  conv2dGeometry,
  checkConv2dModuleArgs,
  samePads,
  sidePads,
  convOutputLength,
  convAxis,
  conv2dAxes,
  type ConvAxis,
  type Conv2dOptions,
  type Conv2dGeometry,
  type IntPair,
  type PaddingMode,
  type SidePads,
} from './geometry';
export { conv2d } from './ops/conv2d';
export { linear } from './ops/linear';
export { relu, flatten } from './ops/shape-ops';
export { maxPool2d, type MaxPool2dOptions } from './ops/max-pool2d';
export { crossEntropy } from './ops/cross-entropy';
export * as nn from './nn/index';
export * as optim from './optim/index';
