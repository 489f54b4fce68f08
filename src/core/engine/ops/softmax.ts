// softmax / log_softmax over any dim, and the losses nll_loss and mse_loss (mean reduction), with autograd.
import { gradBuffer, record } from '../autograd';
import { TorchError, runtimeError, valueError } from '../errors';
import { Tensor, sameShape } from '../tensor';

/** Splits a shape around `dim` into outer × size × inner for strided loops. */
function around(shape: readonly number[], dim: number): { outer: number; size: number; inner: number; d: number } {
  const nd = Math.max(shape.length, 1);
  if (dim < -nd || dim >= nd) {
    throw new TorchError('IndexError', `Dimension out of range (expected to be in range of [${-nd}, ${nd - 1}], but got ${dim})`);
  }
  const d = dim < 0 ? dim + nd : dim;
  if (shape.length === 0) return { outer: 1, size: 1, inner: 1, d };
  const outer = shape.slice(0, d).reduce((a, b) => a * b, 1);
  const inner = shape.slice(d + 1).reduce((a, b) => a * b, 1);
  return { outer, size: shape[d], inner, d };
}

function softmaxLike(x: Tensor, dim: number, log: boolean): Tensor {
  const { outer, size, inner } = around(x.shape, dim);
  const src = x.data;
  const out = new Float32Array(src.length);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * size * inner + i;
      let max = -Infinity;
      for (let k = 0; k < size; k++) max = Math.max(max, src[base + k * inner]);
      let sum = 0;
      for (let k = 0; k < size; k++) sum += Math.exp(src[base + k * inner] - max);
      const logSum = Math.log(sum);
      for (let k = 0; k < size; k++) {
        const z = src[base + k * inner] - max;
        out[base + k * inner] = log ? z - logSum : Math.exp(z) / sum;
      }
    }
  }
  return record(new Tensor(out, x.shape), log ? 'LogSoftmaxBackward0' : 'SoftmaxBackward0', [x], (g) => {
    const gx = gradBuffer(g.length);
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        const base = o * size * inner + i;
        let s = 0;
        for (let k = 0; k < size; k++) s += log ? g[base + k * inner] : g[base + k * inner] * out[base + k * inner];
        for (let k = 0; k < size; k++) {
          const j = base + k * inner;
          gx[j] = log ? g[j] - Math.exp(out[j]) * s : out[j] * (g[j] - s);
        }
      }
    }
    return [gx];
  });
}

export function softmax(x: Tensor, dim: number): Tensor {
  return softmaxLike(x, dim, false);
}

export function logSoftmax(x: Tensor, dim: number): Tensor {
  return softmaxLike(x, dim, true);
}

/** F.nll_loss(input [N, C] or [C], target class indices, mean reduction, ignore_index -100 by default). */
export function nllLoss(input: Tensor, target: Tensor, ignoreIndex = -100): Tensor {
  if (input.ndim < 1 || input.ndim > 2) {
    throw runtimeError(`Tensor Lens supports nll_loss for [N, C] or [C] input, got shape [${input.shape.join(', ')}]`);
  }
  const batched = input.ndim === 2;
  const n = batched ? input.shape[0] : 1,
    c = input.shape[input.ndim - 1];
  if (target.ndim > 1) throw runtimeError('0D or 1D target tensor expected, multi-target not supported');
  if (batched && target.shape[0] !== n) {
    throw valueError(`Expected input batch_size (${n}) to match target batch_size (${target.shape[0]}).`);
  }
  let total = 0,
    count = 0;
  for (let r = 0; r < n; r++) {
    const t = target.data[r];
    if (t === ignoreIndex) continue;
    if (!Number.isInteger(t) || t < 0 || t >= c) throw new TorchError('IndexError', `Target ${t} is out of bounds.`);
    total -= input.data[r * c + t];
    count++;
  }
  const loss = new Tensor(new Float32Array([total / count]), []);
  return record(loss, 'NllLossBackward0', [input, null], (g) => {
    const gx = gradBuffer(input.numel).fill(0);
    for (let r = 0; r < n; r++) {
      const t = target.data[r];
      if (t !== ignoreIndex) gx[r * c + t] = -g[0] / count;
    }
    return [gx, null];
  });
}

/** F.mse_loss(input, target), mean reduction, same shapes. */
export function mseLoss(input: Tensor, target: Tensor): Tensor {
  if (!sameShape(input.shape, target.shape)) {
    throw runtimeError(
      `Tensor Lens supports mse_loss for inputs of the same shape, got [${input.shape.join(', ')}] and [${target.shape.join(', ')}]`,
    );
  }
  const a = input.data,
    b = target.data;
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] - b[i]) * (a[i] - b[i]);
  const loss = new Tensor(new Float32Array([sum / a.length]), []);
  return record(loss, 'MseLossBackward0', [input, target], (g) => {
    const ga = gradBuffer(a.length),
      gb = gradBuffer(a.length);
    const scale = (2 * g[0]) / a.length;
    for (let i = 0; i < a.length; i++) {
      ga[i] = scale * (a[i] - b[i]);
      gb[i] = -ga[i];
    }
    return [ga, gb];
  });
}
