// cross_entropy (mean reduction) with class-index targets or class-probability targets, as F.cross_entropy.
import { gradBuffer, record } from '../autograd';
import { TorchError, runtimeError } from '../errors';
import { Tensor, sameShape } from '../tensor';

/** logits [N, C] (or [C]); target: class indices [N] (or a 0-d index) or probabilities / one-hot floats of the logits' shape. */
export function crossEntropy(logits: Tensor, target: Tensor): Tensor {
  if (logits.ndim !== 1 && logits.ndim !== 2) {
    throw runtimeError(`Tensor Lens supports cross_entropy for [N, C] or [C] logits, got shape [${logits.shape.join(', ')}]`);
  }
  const batched = logits.ndim === 2;
  const n = batched ? logits.shape[0] : 1,
    c = logits.shape[logits.ndim - 1];
  const probs = sameShape(target.shape, logits.shape);
  if (!probs) {
    if (target.ndim !== logits.ndim - 1) {
      if (target.ndim > 1) throw runtimeError('0D or 1D target tensor expected, multi-target not supported');
      throw runtimeError(
        `Expected target of shape [${logits.shape.slice(0, -1).join(', ')}] (class indices) or [${logits.shape.join(', ')}] (probabilities), got [${target.shape.join(', ')}]`,
      );
    }
    if (batched && target.shape[0] !== n) {
      throw new TorchError('ValueError', `Expected input batch_size (${n}) to match target batch_size (${target.shape[0]}).`);
    }
    for (const t of target.data) {
      if (!Number.isInteger(t) || t < 0 || t >= c) throw new TorchError('IndexError', `Target ${t} is out of bounds.`);
    }
  }
  const x = logits.data,
    t = target.data;
  // A plain double array: a small Float64Array would cost its own backing store (~0.3 µs).
  const softmax: number[] = new Array<number>(n * c).fill(0);
  let total = 0;
  for (let r = 0; r < n; r++) {
    const o = r * c;
    let max = -Infinity;
    for (let j = 0; j < c; j++) max = Math.max(max, x[o + j]);
    let sum = 0;
    for (let j = 0; j < c; j++) sum += softmax[o + j] = Math.exp(x[o + j] - max);
    const logSum = Math.log(sum) + max;
    for (let j = 0; j < c; j++) softmax[o + j] /= sum; // one exp per logit
    if (probs) {
      for (let j = 0; j < c; j++) if (t[o + j] !== 0) total -= t[o + j] * (x[o + j] - logSum);
    } else {
      total -= x[o + t[r]] - logSum;
    }
  }
  const loss = new Tensor(new Float32Array([total / n]), []);
  return record(loss, probs ? 'DivBackward1' : 'NllLossBackward0', [logits, null], (g) => {
    const scale = g[0] / n;
    const gx = gradBuffer(n * c);
    for (let r = 0; r < n; r++) {
      const o = r * c;
      if (probs) {
        let tsum = 0;
        for (let j = 0; j < c; j++) tsum += t[o + j];
        for (let j = 0; j < c; j++) gx[o + j] = scale * (softmax[o + j] * tsum - t[o + j]);
      } else {
        for (let j = 0; j < c; j++) gx[o + j] = scale * (softmax[o + j] - (j === t[r] ? 1 : 0));
      }
    }
    return [gx, null];
  });
}
