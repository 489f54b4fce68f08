// batch_norm over [N, C, …] (F.batch_norm): batch statistics and running-stat updates in training, running stats in eval.
import { gradBuffer, record } from '../autograd';
import { runtimeError, valueError } from '../errors';
import { Tensor } from '../tensor';

export interface BatchNormOptions {
  training: boolean;
  /** null: cumulative moving average (PyTorch's momentum=None), needs numBatchesTracked updated by the caller first. */
  momentum: number | null;
  eps: number;
  /** For momentum null: the count after this batch. */
  numBatchesTracked?: number;
}

/**
 * y = (x − mean) / √(var + eps) · weight + bias per channel (dim 1). Training: biased batch variance normalises, and
 * runningMean/runningVar (updated in place, no autograd) move towards the batch mean and the unbiased variance.
 */
export function batchNorm(
  x: Tensor,
  runningMean: Tensor | null,
  runningVar: Tensor | null,
  weight: Tensor | null,
  bias: Tensor | null,
  opts: BatchNormOptions,
): Tensor {
  if (x.ndim < 2) throw runtimeError(`batch_norm expects an input of at least 2 dims, got [${x.shape.join(', ')}]`);
  const n = x.shape[0],
    c = x.shape[1];
  const inner = x.shape.slice(2).reduce((a, b) => a * b, 1);
  const m = n * inner;
  for (const [name, t] of [
    ['running_mean', runningMean],
    ['running_var', runningVar],
    ['weight', weight],
    ['bias', bias],
  ] as const) {
    if (t && t.numel !== c) {
      throw runtimeError(`running_mean should contain ${c} elements not ${t.numel}`.replace('running_mean', name));
    }
  }
  if (opts.training && m <= 1) {
    throw valueError(`Expected more than 1 value per channel when training, got input size torch.Size([${x.shape.join(', ')}])`);
  }
  const src = x.data;
  const mean = new Float64Array(c),
    invStd = new Float64Array(c);
  const useBatch = opts.training || !runningMean || !runningVar;
  for (let ch = 0; ch < c; ch++) {
    if (useBatch) {
      let sum = 0;
      for (let b = 0; b < n; b++) for (let i = 0, o = (b * c + ch) * inner; i < inner; i++) sum += src[o + i];
      const mu = sum / m;
      let sq = 0;
      for (let b = 0; b < n; b++) {
        for (let i = 0, o = (b * c + ch) * inner; i < inner; i++) sq += (src[o + i] - mu) * (src[o + i] - mu);
      }
      mean[ch] = mu;
      invStd[ch] = 1 / Math.sqrt(sq / m + opts.eps);
      if (opts.training && runningMean && runningVar) {
        const mom = opts.momentum ?? 1 / (opts.numBatchesTracked ?? 1);
        runningMean.data[ch] = (1 - mom) * runningMean.data[ch] + mom * mu;
        runningVar.data[ch] = (1 - mom) * runningVar.data[ch] + mom * (sq / (m - 1));
      }
    } else {
      mean[ch] = runningMean!.data[ch];
      invStd[ch] = 1 / Math.sqrt(runningVar!.data[ch] + opts.eps);
    }
  }
  const out = new Float32Array(x.numel);
  const xhat = new Float32Array(x.numel);
  for (let b = 0; b < n; b++) {
    for (let ch = 0; ch < c; ch++) {
      const gamma = weight ? weight.data[ch] : 1,
        beta = bias ? bias.data[ch] : 0;
      for (let i = 0, o = (b * c + ch) * inner; i < inner; i++) {
        const xh = (src[o + i] - mean[ch]) * invStd[ch];
        xhat[o + i] = xh;
        out[o + i] = xh * gamma + beta;
      }
    }
  }
  return record(new Tensor(out, x.shape), 'NativeBatchNormBackward0', [x, weight, bias], (g) => {
    const gx = gradBuffer(x.numel);
    const gw = weight ? gradBuffer(c) : null,
      gb = bias ? gradBuffer(c) : null;
    for (let ch = 0; ch < c; ch++) {
      let sumG = 0,
        sumGX = 0;
      for (let b = 0; b < n; b++) {
        for (let i = 0, o = (b * c + ch) * inner; i < inner; i++) {
          sumG += g[o + i];
          sumGX += g[o + i] * xhat[o + i];
        }
      }
      if (gw) gw[ch] = sumGX;
      if (gb) gb[ch] = sumG;
      const scale = (weight ? weight.data[ch] : 1) * invStd[ch];
      for (let b = 0; b < n; b++) {
        for (let i = 0, o = (b * c + ch) * inner; i < inner; i++) {
          gx[o + i] = useBatch ? (scale * (m * g[o + i] - sumG - xhat[o + i] * sumGX)) / m : scale * g[o + i];
        }
      }
    }
    return [gx, gw, gb];
  });
}
