// The optim namespace: Adam and SGD with step() and zeroGrad().
export { Optimizer } from './optimizer';
export { Adam, type AdamOptions } from './adam';
export { SGD, type SgdOptions } from './sgd';
