// The nn namespace: modules with parameters() and PyTorch's default init.
export { Module } from './module';
export { Conv2d, type Conv2dModuleOptions } from './conv2d';
export { Linear } from './linear';
export { ReLU, Flatten, MaxPool2d, Sequential } from './layers';
export { LeakyReLU, Sigmoid, Tanh, GELU, ELU, SiLU, ReLU6, Softmax, LogSoftmax, Dropout } from './activations';
export { AvgPool2d, AdaptiveAvgPool2d } from './pooling';
export { BatchNorm2d, type BatchNorm2dOptions } from './batch-norm';
export { ConvTranspose2d, type ConvTranspose2dModuleOptions } from './conv-transpose2d';
export { CrossEntropyLoss, NLLLoss, MSELoss } from './losses';
