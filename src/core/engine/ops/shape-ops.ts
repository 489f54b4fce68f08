// Element-wise and shape ops with autograd: relu and flatten.
import { gradBuffer, record } from '../autograd';
import { TorchError } from '../errors';
import { outputF32 } from '../memory';
import { Tensor } from '../tensor';

/** max(0, x); NaN stays NaN as in PyTorch; the gradient passes where x > 0. */
export function relu(x: Tensor): Tensor {
  const src = x.data;
  const out = outputF32(src.length);
  for (let i = 0; i < src.length; i++) out[i] = src[i] <= 0 ? 0 : src[i];
  return record(new Tensor(out, x.shape), 'ReluBackward0', [x], (g) => {
    const gx = gradBuffer(g.length);
    for (let i = 0; i < g.length; i++) gx[i] = out[i] > 0 ? g[i] : 0;
    return [gx];
  });
}

/** torch.flatten(x, startDim, endDim): merges dims startDim..endDim (negative dims count from the end). */
export function flatten(x: Tensor, startDim = 1, endDim = -1): Tensor {
  const nd = Math.max(x.ndim, 1);
  const s = normDim(startDim, nd),
    e = normDim(endDim, nd);
  if (s > e) throw new TorchError('RuntimeError', 'flatten() has invalid args: start_dim cannot come after end_dim');
  if (x.ndim === 0) return x.view(1);
  const merged = x.shape.slice(s, e + 1).reduce((a, b) => a * b, 1);
  return x.view(...x.shape.slice(0, s), merged, ...x.shape.slice(e + 1));
}

function normDim(d: number, nd: number): number {
  if (d < -nd || d >= nd) {
    throw new TorchError('IndexError', `Dimension out of range (expected to be in range of [${-nd}, ${nd - 1}], but got ${d})`);
  }
  return d < 0 ? d + nd : d;
}
