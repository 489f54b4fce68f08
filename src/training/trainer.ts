// One training run as a step-by-step state machine on the engine: the tutorial's loop (batch 1, images in order, one-hot targets).
import { crossEntropy, manualSeed, noGrad, optim, tensor, type Tensor } from '../core/engine';
import type { Snapshot, StateDict, TrainConfig } from '../core/protocol/worker';
import { classCount, inferShapes } from './model-spec';
import { Network } from './network';

/** Feature maps are sent only while all images' maps together stay below this many numbers. */
const MAX_FEATURE_MAP_VALUES = 65_536;

interface Optimizer {
  step(): void;
  zeroGrad(): void;
}

export class Trainer {
  readonly network: Network;
  readonly totalSteps: number;
  private readonly inputs: Tensor[];
  private readonly targets: Tensor[];
  private readonly optimizer: Optimizer;
  private done = 0;

  /** Throws with a readable message when the config cannot train (bad shapes, no images, labels out of range). */
  constructor(readonly config: TrainConfig) {
    const shapes = inferShapes(config.model);
    if ('error' in shapes) throw new Error(shapes.error);
    if (config.images.length === 0) throw new Error('no training images: give at least one image a label');
    if (!(config.lr > 0)) throw new Error(`the learning rate must be a positive number, got ${config.lr}`);
    if (!Number.isInteger(config.epochs) || config.epochs < 1) throw new Error(`epochs must be a whole number ≥ 1, got ${config.epochs}`);
    const classes = classCount(config.model);
    const inputSize = config.model.inputShape.reduce((a, b) => a * b, 1);
    this.inputs = config.images.map((img) => {
      if (img.data.length !== inputSize) {
        throw new Error(
          `${img.name} has ${img.data.length} values but the model's input [${config.model.inputShape.join(', ')}] needs ${inputSize}`,
        );
      }
      return tensor(Float32Array.from(img.data), config.model.inputShape);
    });
    this.targets = config.images.map((img) => {
      if (!Number.isInteger(img.label) || img.label < 0 || img.label >= classes) {
        throw new Error(`${img.name}: label ${img.label} is not a class of this model (0 to ${classes - 1})`);
      }
      const oneHot = new Float32Array(classes);
      oneHot[img.label] = 1;
      return tensor(oneHot, [1, classes]);
    });
    manualSeed(config.seed);
    this.network = new Network(config.model, config.initialState);
    const params = this.network.parameters.map((p) => p.tensor);
    this.optimizer =
      config.optimizer === 'sgd'
        ? new optim.SGD(params, { lr: config.lr, momentum: config.momentum ?? 0 })
        : new optim.Adam(params, { lr: config.lr });
    this.totalSteps = config.epochs * config.images.length;
  }

  get step(): number {
    return this.done;
  }

  get finished(): boolean {
    return this.done >= this.totalSteps;
  }

  /** 1-based epoch of the last step taken (0 before any). */
  get epoch(): number {
    return Math.ceil(this.done / this.config.images.length);
  }

  /** One optimisation step on the next image; returns its loss (before the update, as the tutorial prints it). */
  next(): number {
    const i = this.done % this.inputs.length;
    const { logits } = this.network.forward(this.inputs[i]);
    this.optimizer.zeroGrad();
    const loss = crossEntropy(logits, this.targets[i]);
    loss.backward();
    this.optimizer.step();
    this.done++;
    return loss.data[0];
  }

  snapshot(): Snapshot {
    return noGrad(() => {
      const probabilities: number[][] = [];
      const featureMaps: Snapshot['featureMaps'] = [];
      let mapValues = 0;
      for (const x of this.inputs) {
        const { logits, firstConv } = this.network.forward(x);
        probabilities.push(softmax(logits.data));
        if (firstConv) {
          mapValues += firstConv.data.length;
          featureMaps.push({ shape: firstConv.shape.slice(1), data: Array.from(firstConv.data) });
        }
      }
      const conv = this.config.model.layers.find((l) => l.kind === 'conv2d');
      const weight = conv && conv.kind === 'conv2d' ? this.network.get(`${conv.name}.weight`) : undefined;
      return {
        probabilities,
        kernels: weight ? { shape: [...weight.shape], data: Array.from(weight.data) } : null,
        kernelLayer: conv && conv.kind === 'conv2d' ? conv.name : null,
        featureMaps: mapValues <= MAX_FEATURE_MAP_VALUES ? featureMaps : [],
      };
    });
  }

  state(): StateDict {
    return this.network.state();
  }
}

export function softmax(logits: ArrayLike<number>): number[] {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]);
  const exps = Array.from(logits, (v) => Math.exp(v - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}
