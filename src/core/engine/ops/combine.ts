// Tensor + tensor (the residual add, same shapes) and torch.cat, with autograd.
import { gradBuffer, record } from '../autograd';
import { TorchError, runtimeError } from '../errors';
import { Tensor, sameShape } from '../tensor';

/** a + b for tensors of the same shape (a residual connection); other shapes get PyTorch's broadcast error or a plain limit. */
export function add(a: Tensor, b: Tensor): Tensor {
  if (!sameShape(a.shape, b.shape)) {
    const nd = Math.max(a.ndim, b.ndim);
    for (let i = 1; i <= nd; i++) {
      const da = a.shape[a.ndim - i] ?? 1,
        db = b.shape[b.ndim - i] ?? 1;
      if (da !== db && da !== 1 && db !== 1) {
        throw runtimeError(`The size of tensor a (${da}) must match the size of tensor b (${db}) at non-singleton dimension ${nd - i}`);
      }
    }
    throw runtimeError(`Tensor Lens adds tensors of the same shape only, got [${a.shape.join(', ')}] and [${b.shape.join(', ')}]`);
  }
  const out = new Float32Array(a.numel);
  for (let i = 0; i < out.length; i++) out[i] = a.data[i] + b.data[i];
  return record(new Tensor(out, a.shape), 'AddBackward0', [a, b], (g) => [g, g]);
}

/** torch.cat(tensors, dim). */
export function cat(tensors: readonly Tensor[], dim = 0): Tensor {
  if (tensors.length === 0) throw runtimeError('torch.cat(): expected a non-empty list of Tensors');
  const first = tensors[0];
  const nd = first.ndim;
  if (nd === 0) throw runtimeError('zero-dimensional tensor (at position 0) cannot be concatenated');
  if (dim < -nd || dim >= nd) {
    throw new TorchError('IndexError', `Dimension out of range (expected to be in range of [${-nd}, ${nd - 1}], but got ${dim})`);
  }
  const d = dim < 0 ? dim + nd : dim;
  tensors.forEach((t, i) => {
    if (t.ndim !== nd) throw runtimeError(`Tensors must have same number of dimensions: got ${nd} and ${t.ndim}`);
    for (let k = 0; k < nd; k++) {
      if (k !== d && t.shape[k] !== first.shape[k]) {
        throw runtimeError(
          `Sizes of tensors must match except in dimension ${d}. Expected size ${first.shape[k]} but got size ${t.shape[k]} for tensor number ${i} in the list.`,
        );
      }
    }
  });
  const outer = first.shape.slice(0, d).reduce((x, y) => x * y, 1);
  const inner = first.shape.slice(d + 1).reduce((x, y) => x * y, 1);
  const sizes = tensors.map((t) => t.shape[d]);
  const total = sizes.reduce((x, y) => x + y, 0);
  const outShape = [...first.shape];
  outShape[d] = total;
  const out = new Float32Array(outer * total * inner);
  let offset = 0;
  tensors.forEach((t, i) => {
    const block = sizes[i] * inner;
    for (let o = 0; o < outer; o++) out.set(t.data.subarray(o * block, (o + 1) * block), o * total * inner + offset);
    offset += block;
  });
  return record(new Tensor(out, outShape), 'CatBackward0', [...tensors], (g) => {
    let off = 0;
    return tensors.map((t, i) => {
      const block = sizes[i] * inner;
      const gx = gradBuffer(t.numel);
      for (let o = 0; o < outer; o++) gx.set(g.subarray(o * total * inner + off, o * total * inner + off + block), o * block);
      off += block;
      return gx;
    });
  });
}
