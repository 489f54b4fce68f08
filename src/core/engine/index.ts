// Public API of the Tensor Lens engine: PyTorch-compatible tensors, autograd, conv2d and friends (pure TS, no vscode/DOM).
export { Tensor, tensor, zeros, full, tidy, type NestedNumbers } from './tensor';
export { TorchError, type TorchErrorType } from './errors';
export { noGrad } from './autograd';
export { manualSeed } from './rng';
export { setSimdEnabled, backendName, pathCounts, resetPathCounts } from './backend';
export { setMaxElements, getMaxElements, DEFAULT_MAX_ELEMENTS } from './limits';
export {
  conv2dGeometry,
  convOutputLength,
  convAxis,
  conv2dAxes,
  type ConvAxis,
  type Conv2dGeometry,
  type PaddingMode,
  type SidePads,
} from './geometry';
export { checkConv2dModuleArgs, samePads, sidePads, type Conv2dOptions, type IntPair } from './geometry-conv-args';
export { conv2d } from './ops/conv2d';
export { linear } from './ops/linear';
export { relu, flatten } from './ops/shape-ops';
export { maxPool2d, type MaxPool2dOptions } from './ops/max-pool2d';
export { crossEntropy } from './ops/cross-entropy';
export * as nn from './nn/index';
export * as optim from './optim/index';
export { convTranspose2d } from './ops/conv-transpose2d';
export { avgPool2d, adaptiveAvgPool2d, type AvgPool2dOptions } from './ops/avg-pool2d';
export { batchNorm, type BatchNormOptions } from './ops/batch-norm';
export { leakyRelu, sigmoid, tanh, gelu, elu, silu, relu6 } from './ops/activations';
export { softmax, logSoftmax, nllLoss, mseLoss } from './ops/softmax';
export { dropout } from './ops/dropout';
export { add, cat } from './ops/combine';
export * as F from './functional';
export {
  maxPool2dGeometry,
  avgPool2dGeometry,
  adaptiveAvgPool2dGeometry,
  adaptiveBins,
  poolOutputSize,
  type Pool2dOptions,
  type Pool2dGeometry,
  type PoolAxis,
  type AdaptiveBin,
  type AdaptivePool2dGeometry,
} from './geometry-pool';
export {
  convTranspose2dGeometry,
  checkConvTranspose2dModuleArgs,
  transposedOutputSize,
  type ConvTranspose2dOptions,
  type ConvTranspose2dGeometry,
  type TransposedAxis,
} from './geometry-transposed';
