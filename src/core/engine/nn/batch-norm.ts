// nn.BatchNorm2d: affine weight/bias, running_mean/running_var/num_batches_tracked buffers, train and eval behaviour.
import { valueError } from '../errors';
import { batchNorm } from '../ops/batch-norm';
import { Tensor } from '../tensor';
import { Module, parameter } from './module';

export interface BatchNorm2dOptions {
  eps?: number;
  /** null: cumulative average over all batches seen. */
  momentum?: number | null;
  affine?: boolean;
  trackRunningStats?: boolean;
}

export class BatchNorm2d extends Module {
  readonly eps: number;
  readonly momentum: number | null;
  weight: Tensor | null;
  bias: Tensor | null;
  runningMean: Tensor | null;
  runningVar: Tensor | null;
  numBatchesTracked: Tensor | null;

  constructor(
    readonly numFeatures: number,
    opts: BatchNorm2dOptions = {},
  ) {
    super();
    this.eps = opts.eps ?? 1e-5;
    this.momentum = opts.momentum === undefined ? 0.1 : opts.momentum;
    const affine = opts.affine ?? true;
    this.weight = affine ? parameter(new Float32Array(numFeatures).fill(1), [numFeatures]) : null;
    this.bias = affine ? parameter(new Float32Array(numFeatures), [numFeatures]) : null;
    const track = opts.trackRunningStats ?? true;
    this.runningMean = track ? new Tensor(new Float32Array(numFeatures), [numFeatures]) : null;
    this.runningVar = track ? new Tensor(new Float32Array(numFeatures).fill(1), [numFeatures]) : null;
    // PyTorch keeps an int64 counter; a float holds counts exactly up to 2^24.
    this.numBatchesTracked = track ? new Tensor(new Float32Array(1), []) : null;
  }

  forward(x: Tensor): Tensor {
    if (x.ndim !== 4) throw valueError(`expected 4D input (got ${x.ndim}D input)`);
    if (this.training && this.numBatchesTracked) this.numBatchesTracked.data[0] += 1;
    const useBatchStats = this.training || !this.runningMean;
    return batchNorm(
      x,
      useBatchStats && !this.training ? null : this.runningMean,
      useBatchStats && !this.training ? null : this.runningVar,
      this.weight,
      this.bias,
      {
        training: useBatchStats,
        momentum: this.momentum,
        eps: this.eps,
        numBatchesTracked: this.numBatchesTracked?.data[0],
      },
    );
  }

  override namedParameters(): [string, Tensor][] {
    return this.weight && this.bias
      ? [
          ['weight', this.weight],
          ['bias', this.bias],
        ]
      : [];
  }

  override namedBuffers(): [string, Tensor][] {
    return this.runningMean && this.runningVar && this.numBatchesTracked
      ? [
          ['running_mean', this.runningMean],
          ['running_var', this.runningVar],
          ['num_batches_tracked', this.numBatchesTracked],
        ]
      : [];
  }
}
