// Shape rules of the tensor ops a forward uses (linear, batch norm, view/reshape, flatten, cat, broadcasting, dims),
// each throwing the TorchError PyTorch 1.13 raises; convolution and pooling sizes are asked of the engine's geometry.
import { TorchError, formatSize, runtimeError, valueError } from '../engine/errors';

const numel = (s: readonly number[]): number => s.reduce((a, b) => a * b, 1);

/** PyTorch's maybe_wrap_dim: a dim in [-n, n-1] made non-negative, or its IndexError. */
export function wrapDim(dim: number, ndim: number): number {
  const n = Math.max(ndim, 1);
  if (dim < -n || dim > n - 1)
    throw new TorchError('IndexError', `Dimension out of range (expected to be in range of [${-n}, ${n - 1}], but got ${dim})`);
  return dim < 0 ? dim + n : dim;
}

/** F.linear(input, weight [out, in]): the last dim must equal in_features. */
export function linearShape(input: readonly number[], inFeatures: number, outFeatures: number): number[] {
  if (input.length === 0) throw runtimeError('both arguments to linear need to have at least 1 dimension');
  const last = input[input.length - 1];
  if (last !== inFeatures) {
    const rows = input.length === 1 ? 1 : numel(input.slice(0, -1));
    throw runtimeError(`mat1 and mat2 shapes cannot be multiplied (${rows}x${last} and ${inFeatures}x${outFeatures})`);
  }
  return [...input.slice(0, -1), outFeatures];
}

/** nn.BatchNorm1d/2d: the input rank the module expects, then the channel count against running_mean. */
export function batchNormShape(input: readonly number[], numFeatures: number, twoD: boolean): number[] {
  if (twoD ? input.length !== 4 : input.length !== 2 && input.length !== 3)
    throw valueError(`expected ${twoD ? '4D' : '2D or 3D'} input (got ${input.length}D input)`);
  if (input[1] !== numFeatures) throw runtimeError(`running_mean should contain ${input[1]} elements not ${numFeatures}`);
  return [...input];
}

/** x.view(*sizes) / x.reshape(*sizes): one -1 inferred, the element count must match. */
export function viewShape(input: readonly number[], sizes: readonly number[]): number[] {
  const total = numel(input);
  let infer = -1;
  let known = 1;
  sizes.forEach((s, i) => {
    if (s === -1) {
      if (infer >= 0) throw runtimeError('only one dimension can be inferred');
      infer = i;
    } else if (s < 0) throw runtimeError(`invalid shape dimension ${s}`);
    else known *= s;
  });
  const invalid = (): TorchError => runtimeError(`shape '${formatSize(sizes)}' is invalid for input of size ${total}`);
  if (infer < 0) {
    if (known !== total) throw invalid();
    return [...sizes];
  }
  if (known === 0 || total % known !== 0) throw invalid();
  const out = [...sizes];
  out[infer] = total / known;
  return out;
}

/** torch.flatten(x, start_dim, end_dim). */
export function flattenShape(input: readonly number[], startDim = 0, endDim = -1): number[] {
  if (input.length === 0) return [1];
  const s = wrapDim(startDim, input.length);
  const e = wrapDim(endDim, input.length);
  if (s > e) throw runtimeError('flatten() has invalid args: start_dim cannot come after end_dim');
  return [...input.slice(0, s), numel(input.slice(s, e + 1)), ...input.slice(e + 1)];
}

/** torch.cat(tensors, dim). */
export function catShape(shapes: ReadonlyArray<readonly number[]>, dim = 0): number[] {
  if (shapes.length === 0) throw runtimeError('torch.cat(): expected a non-empty list of Tensors');
  const first = shapes[0];
  const d = wrapDim(dim, first.length);
  const out = [...first];
  shapes.forEach((s, i) => {
    if (i === 0) return;
    if (s.length !== first.length) throw runtimeError(`Tensors must have same number of dimensions: got ${first.length} and ${s.length}`);
    s.forEach((v, k) => {
      if (k !== d && v !== first[k])
        throw runtimeError(
          `Sizes of tensors must match except in dimension ${d}. Expected size ${first[k]} but got size ${v} for tensor number ${i} in the list.`,
        );
    });
    out[d] += s[d];
  });
  return out;
}

/** Element-wise ops (`+`, `*`, …): NumPy broadcasting, PyTorch's message when two sizes clash. */
export function broadcastShape(a: readonly number[], b: readonly number[]): number[] {
  const n = Math.max(a.length, b.length);
  const out: number[] = new Array(n);
  // PyTorch compares from the last dimension backwards and reports the first clash it meets.
  for (let i = n - 1; i >= 0; i--) {
    const x = a[a.length - n + i] ?? 1;
    const y = b[b.length - n + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1)
      throw runtimeError(`The size of tensor a (${x}) must match the size of tensor b (${y}) at non-singleton dimension ${i}`);
    out[i] = x === 1 ? y : x;
  }
  return out;
}

/** x.permute(*dims). */
export function permuteShape(input: readonly number[], dims: readonly number[]): number[] {
  if (dims.length !== input.length)
    throw runtimeError(
      `permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = ${input.length} is not equal to len(dims) = ${dims.length}`,
    );
  return dims.map((d) => input[wrapDim(d, input.length)]);
}

export function transposeShape(input: readonly number[], d0: number, d1: number): number[] {
  const out = [...input];
  const a = wrapDim(d0, input.length);
  const b = wrapDim(d1, input.length);
  [out[a], out[b]] = [out[b], out[a]];
  return out;
}

export function unsqueezeShape(input: readonly number[], dim: number): number[] {
  const d = wrapDim(dim, input.length + 1);
  return [...input.slice(0, d), 1, ...input.slice(d)];
}

export function squeezeShape(input: readonly number[], dim?: number): number[] {
  if (dim === undefined) return input.filter((s) => s !== 1);
  const d = wrapDim(dim, input.length);
  return input[d] === 1 ? [...input.slice(0, d), ...input.slice(d + 1)] : [...input];
}

/** A reduction over `dim` (mean, sum, amax…), keepdim or not; no dim reduces everything. */
export function reduceShape(input: readonly number[], dim: number | number[] | undefined, keepdim: boolean): number[] {
  if (dim === undefined) return [];
  const dims = (Array.isArray(dim) ? dim : [dim]).map((d) => wrapDim(d, input.length));
  return keepdim ? input.map((s, i) => (dims.includes(i) ? 1 : s)) : input.filter((_, i) => !dims.includes(i));
}
