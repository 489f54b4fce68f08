// The nn namespace: modules with parameters() and PyTorch's default init.
export { Module } from './module';
export { Conv2d, type Conv2dModuleOptions } from './conv2d';
export { Linear } from './linear';
export { ReLU, Flatten, MaxPool2d, Sequential } from './layers';
