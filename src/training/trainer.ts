// One training run as a step-by-step state machine on the engine: mini-batches of consecutive images (batch 1 is the
// tutorial's loop), cross-entropy with class indices, SGD (momentum, weight decay) or Adam, train mode for steps, eval for snapshots.
import { crossEntropy, manualSeed, noGrad, optim, tensor, tidy, type Tensor } from '../core/engine';
import type { PackedStateDict, Snapshot, StateDict, TrainConfig } from '../core/protocol/worker';
import { SourceNetwork } from './source-network';

/** Feature maps are sent only while all images' maps together stay below this many numbers. */
const MAX_FEATURE_MAP_VALUES = 65_536;

interface Optimizer {
  step(): void;
  zeroGrad(): void;
}

export class Trainer {
  readonly network: SourceNetwork;
  readonly totalSteps: number;
  private readonly inputs: Tensor[];
  private readonly batches: Array<{ x: Tensor; y: Tensor }>;
  private readonly optimizer: Optimizer;
  private done = 0;

  /** Throws with a readable message when the config cannot train (bad shapes, no images, labels out of range). */
  constructor(readonly config: TrainConfig) {
    manualSeed(config.seed);
    this.network = new SourceNetwork(config.model, config.initialState);
    if (config.images.length === 0) throw new Error('no training images: give at least one image a label');
    if (!(config.lr > 0)) throw new Error(`the learning rate must be a positive number, got ${config.lr}`);
    if (!Number.isInteger(config.epochs) || config.epochs < 1) throw new Error(`epochs must be a whole number ≥ 1, got ${config.epochs}`);
    const classes = config.model.source.classes;
    const inputSize = config.model.inputShape.reduce((a, b) => a * b, 1);
    this.inputs = config.images.map((img) => {
      if (img.data.length !== inputSize) {
        throw new Error(
          `${img.name} has ${img.data.length} values but the model's input [${config.model.inputShape.join(', ')}] needs ${inputSize}`,
        );
      }
      return tensor(Float32Array.from(img.data), config.model.inputShape);
    });
    for (const img of config.images) {
      if (!Number.isInteger(img.label) || img.label < 0 || img.label >= classes) {
        throw new Error(`${img.name}: label ${img.label} is not a class of this model (0 to ${classes - 1})`);
      }
    }
    const batchSize = config.batchSize ?? 1;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`the batch size must be a whole number ≥ 1, got ${batchSize}`);
    this.batches = [];
    for (let start = 0; start < config.images.length; start += batchSize) {
      const group = config.images.slice(start, start + batchSize);
      const x = new Float32Array(group.length * inputSize);
      group.forEach((img, i) => x.set(img.data, i * inputSize));
      this.batches.push({
        x: tensor(x, [group.length, ...config.model.inputShape.slice(1)]),
        y: tensor(Float32Array.from(group.map((img) => img.label)), [group.length]),
      });
    }
    const params = this.network.parameters.map((p) => p.tensor);
    this.optimizer =
      config.optimizer === 'sgd'
        ? new optim.SGD(params, { lr: config.lr, momentum: config.momentum ?? 0, weightDecay: config.weightDecay ?? 0 })
        : new optim.Adam(params, { lr: config.lr, weightDecay: config.weightDecay ?? 0 });
    this.totalSteps = config.epochs * this.batches.length;
  }

  get step(): number {
    return this.done;
  }

  get finished(): boolean {
    return this.done >= this.totalSteps;
  }

  /** 1-based epoch of the last step taken (0 before any). */
  get epoch(): number {
    return Math.ceil(this.done / this.batches.length);
  }

  /** One optimisation step on the next mini-batch in train mode; returns its loss (before the update, as the tutorial prints it). */
  next(): number {
    const batch = this.batches[this.done % this.batches.length];
    this.network.train(true);
    // tidy: the step's activations go back to the engine's pool for the next step (no fresh pages every step).
    const loss = tidy(() => {
      const { logits } = this.network.forward(batch.x);
      this.optimizer.zeroGrad();
      const l = crossEntropy(logits, batch.y);
      l.backward();
      this.optimizer.step();
      return l.data[0];
    });
    this.done++;
    return loss;
  }

  /**
   * What the model does with each image, in eval mode (running statistics, no dropout). With mini-batches the images go
   * through in the training's own batches (a model that trains on them takes them; one batched forward costs a fraction of
   * as many single-image ones, so snapshots of a big dataset do not starve the steps); eval mode makes each image's result
   * independent of its batch.
   */
  snapshot(): Snapshot {
    this.network.train(false);
    const batched = (this.config.batchSize ?? 1) > 1;
    return noGrad(() => {
      const probabilities: number[][] = [];
      const maps: Tensor[] = [];
      for (const x of batched ? this.batches.map((b) => b.x) : this.inputs) {
        const { logits, firstConv } = this.network.forward(x);
        const rows = x.shape[0],
          classes = logits.numel / rows;
        for (let r = 0; r < rows; r++) probabilities.push(softmax(logits.data.subarray(r * classes, (r + 1) * classes)));
        if (firstConv) maps.push(firstConv);
      }
      const mapValues = maps.reduce((a, m) => a + m.numel, 0);
      const featureMaps: Snapshot['featureMaps'] = [];
      if (mapValues <= MAX_FEATURE_MAP_VALUES) {
        for (const m of maps) {
          const per = m.numel / m.shape[0];
          for (let r = 0; r < m.shape[0]; r++)
            featureMaps.push({ shape: m.shape.slice(1), data: Array.from(m.data.subarray(r * per, (r + 1) * per)) });
        }
      }
      const kernelLayer = this.network.firstConvName();
      const weight = kernelLayer ? this.network.get(`${kernelLayer}.weight`) : undefined;
      return {
        probabilities,
        kernels: weight ? { shape: [...weight.shape], data: Array.from(weight.data) } : null,
        kernelLayer: weight ? kernelLayer : null,
        featureMaps,
      };
    });
  }

  state(): StateDict {
    return this.network.state();
  }

  /** The state with Float32Array data (parameters, then buffers, as state()), as the worker sends it (see PackedStateDict). */
  packedState(): PackedStateDict {
    const { parameters, buffers } = this.network;
    return Object.fromEntries(
      [...parameters, ...buffers].map(({ key, tensor: t }) => [key, { shape: [...t.shape], data: t.data.slice() }]),
    );
  }
}

export function softmax(logits: ArrayLike<number>): number[] {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]);
  const exps = Array.from(logits, (v) => Math.exp(v - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}
