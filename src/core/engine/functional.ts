// The F namespace (torch.nn.functional): every engine op under PyTorch's functional name.
export { conv2d } from './ops/conv2d';
export { convTranspose2d as conv_transpose2d } from './ops/conv-transpose2d';
export { linear } from './ops/linear';
export { relu, flatten } from './ops/shape-ops';
export { maxPool2d as max_pool2d } from './ops/max-pool2d';
export { avgPool2d as avg_pool2d, adaptiveAvgPool2d as adaptive_avg_pool2d } from './ops/avg-pool2d';
export { batchNorm as batch_norm } from './ops/batch-norm';
export { leakyRelu as leaky_relu, sigmoid, tanh, gelu, elu, silu, relu6 } from './ops/activations';
export { softmax, logSoftmax as log_softmax, nllLoss as nll_loss, mseLoss as mse_loss } from './ops/softmax';
export { crossEntropy as cross_entropy } from './ops/cross-entropy';
export { dropout } from './ops/dropout';
export { add, cat } from './ops/combine';
