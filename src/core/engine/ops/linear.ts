// linear (F.linear) as an autograd op: y = x·Wᵀ + b over the last dim of x.
import { gradBuffer, record } from '../autograd';
import { runtimeError } from '../errors';
import { linearBackwardInput, linearBackwardParams, linearForward } from '../backend';
import { checkElements } from '../limits';
import { outputBuffer } from '../memory';
import { Tensor } from '../tensor';

export function linear(x: Tensor, weight: Tensor, bias?: Tensor | null): Tensor {
  if (weight.ndim !== 2) throw runtimeError(`linear(): weight must be 2-D, got shape [${weight.shape.join(', ')}]`);
  if (x.ndim === 0) throw runtimeError('both arguments to linear need to be at least 1D, but they are 0D and 2D');
  const [outF, inF] = weight.shape;
  const last = x.shape[x.ndim - 1];
  const rows = x.numel / (last || 1);
  if (last !== inF) {
    const lead = x.ndim === 1 ? `1x${last}` : `${rows}x${last}`;
    throw runtimeError(`mat1 and mat2 shapes cannot be multiplied (${lead} and ${inF}x${outF})`);
  }
  if (bias && (bias.numel !== outF || bias.ndim > 1)) {
    const target = [...x.shape.slice(0, -1), outF];
    throw runtimeError(
      `The expanded size of the tensor (${outF}) must match the existing size (${bias.shape[bias.ndim - 1] ?? 1}) at non-singleton dimension ${target.length - 1}.  Target sizes: [${target.join(', ')}].  Tensor sizes: [${bias.shape.join(', ')}]`,
    );
  }
  const outShape = [...x.shape.slice(0, -1), outF];
  const y = outputBuffer(checkElements(outShape, 'linear output'));
  linearForward(x.data, weight.data, bias ? bias.data : null, rows, inF, outF, y);
  const b = bias ?? null;
  return record(
    new Tensor(y, outShape),
    'AddmmBackward0',
    [x, weight, b],
    (gy) => linearBackward(x, weight, b, rows, gy, NO_LEAF_GRADS),
    (gy, into) => linearBackward(x, weight, b, rows, gy, into),
  );
}

const NO_LEAF_GRADS: readonly (Float32Array | null)[] = [null, null, null];

/** Gradients of x, weight and bias; where `into` holds a leaf's existing .grad, that share is added in place (null returned). */
function linearBackward(
  x: Tensor,
  weight: Tensor,
  bias: Tensor | null,
  rows: number,
  gy: Float32Array,
  into: readonly (Float32Array | null)[],
): (Float32Array | null)[] {
  const outF = weight.shape[0],
    inF = weight.shape[1];
  const gx = x.requiresGrad ? gradBuffer(x.numel) : null;
  if (gx) linearBackwardInput(gy, weight.data, rows, inF, outF, gx);
  const intoW = into[1],
    intoB = into[2];
  const gw = weight.requiresGrad ? (intoW ?? gradBuffer(weight.numel)) : null;
  const gb = bias && bias.requiresGrad ? (intoB ?? gradBuffer(outF)) : null;
  // Fresh buffers are stored into, a leaf's .grad is added to; do them in two calls when they differ.
  if (intoW && intoB) linearBackwardParams(gy, x.data, rows, inF, outF, gw, gb, true);
  else if (!intoW && !intoB) linearBackwardParams(gy, x.data, rows, inF, outF, gw, gb);
  else {
    linearBackwardParams(gy, x.data, rows, inF, outF, gw, null, !!intoW);
    linearBackwardParams(gy, x.data, rows, inF, outF, null, gb, !!intoB);
  }
  return [gx, intoW ? null : gw, intoB ? null : gb];
}
