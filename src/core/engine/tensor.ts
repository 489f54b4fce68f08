// The Tensor (flat Float32Array + shape + autograd links) and tensor() construction from numbers, nested arrays or typed arrays.
import { type GradFn, gradBuffer, record, runBackward } from './autograd';
import type { GradNode } from './autograd-types';
import { TorchError, runtimeError } from './errors';
import { checkElements } from './limits';
import { releaseOutput, withOutputScope } from './memory';

export type NestedNumbers = number | NestedNumbers[];

export class Tensor implements GradNode {
  readonly shape: readonly number[];
  readonly data: Float32Array;
  grad: Tensor | null = null;
  requiresGrad: boolean;
  /** Backward node of the op that produced this tensor (null for leaves). */
  gradFn: GradFn | null = null;

  constructor(data: Float32Array, shape: readonly number[], requiresGrad = false) {
    this.data = data;
    this.shape = Object.freeze([...shape]);
    this.requiresGrad = requiresGrad;
  }

  get numel(): number {
    return this.data.length;
  }

  get ndim(): number {
    return this.shape.length;
  }

  get isLeaf(): boolean {
    return this.gradFn === null;
  }

  /** Like loss.backward(): a one-element tensor needs no argument, otherwise pass the upstream gradient. */
  backward(grad?: Tensor): void {
    if (!this.requiresGrad) {
      throw runtimeError('element 0 of tensors does not require grad and does not have a grad_fn');
    }
    let g: Float32Array;
    if (grad === undefined) {
      if (this.numel !== 1) throw runtimeError('grad can be implicitly created only for scalar outputs');
      g = new Float32Array([1]);
    } else {
      if (!sameShape(grad.shape, this.shape)) {
        throw runtimeError(
          `Mismatch in shape: grad_output[0] has a shape of torch.Size([${grad.shape.join(', ')}]) and output[0] has a shape of torch.Size([${this.shape.join(', ')}]).`,
        );
      }
      // A copy: the walk recycles the gradients it consumed, and the caller's tensor must stay intact.
      g = gradBuffer(grad.numel);
      g.set(grad.data);
    }
    runBackward(this, g, (data, like) => new Tensor(data, like.shape));
  }

  /** Nested arrays like tensor.tolist(); a number for a 0-d tensor. */
  toNested(): NestedNumbers {
    return toNested(this.data, this.shape);
  }

  item(): number {
    if (this.numel !== 1) {
      throw runtimeError(`a Tensor with ${this.numel} elements cannot be converted to Scalar`);
    }
    return this.data[0];
  }

  /** Same data, new shape (one dim may be -1); gradients flow through. */
  view(...shape: number[]): Tensor {
    const dims = shape.length === 1 && Array.isArray(shape[0]) ? (shape[0] as unknown as number[]) : shape;
    const resolved = inferShape(dims, this.numel);
    const out = new Tensor(this.data, resolved);
    return record(out, 'ViewBackward0', [this], (g) => [g]);
  }

  reshape(...shape: number[]): Tensor {
    return this.view(...shape);
  }

  /** A leaf sharing no autograd history (data is shared, as in PyTorch). */
  detach(): Tensor {
    return new Tensor(this.data, this.shape);
  }

  clone(): Tensor {
    const out = new Tensor(this.data.slice(), this.shape);
    return record(out, 'CloneBackward0', [this], (g) => [g]);
  }

  /**
   * Gives this tensor's storage back to the engine for reuse (large op outputs only) and empties the tensor. Call it only when
   * nothing will read the tensor, its data, a view of it, or a graph built from it again (as tfjs's dispose()).
   */
  dispose(): void {
    if (releaseOutput(this.data)) (this as { data: Float32Array }).data = new Float32Array(0);
  }

  requiresGrad_(flag = true): this {
    this.requiresGrad = flag;
    return this;
  }

  toString(): string {
    return `tensor(${JSON.stringify(this.toNested())})`;
  }
}

/**
 * Runs `fn` (e.g. one training step) and then gives the storage of the large outputs its ops made back to the engine for
 * reuse, except a returned tensor's (or the tensors of a returned array): like tfjs's tidy(). A step's activations are then
 * recycled instead of fresh pages (and their page faults) on every step. Tensors made inside and not returned must not be
 * read after it; parameters, their .grad and optimizer state are not op outputs and stay.
 */
export function tidy<T>(fn: () => T): T {
  return withOutputScope(fn, (r) => {
    const list = Array.isArray(r) ? r : [r];
    return list.filter((t): t is Tensor => t instanceof Tensor).map((t) => t.data);
  });
}

/** torch.tensor(): from a number, nested arrays or a Float32Array, with an optional shape to view it as. */
export function tensor(
  data: number | NestedNumbers | Float32Array | ArrayLike<number>,
  shape?: readonly number[],
  opts: { requiresGrad?: boolean } = {},
): Tensor {
  let flat: Float32Array;
  let inferred: number[];
  if (typeof data === 'number') {
    flat = new Float32Array([data]);
    inferred = [];
  } else if (data instanceof Float32Array) {
    flat = data;
    inferred = [data.length];
  } else if (Array.isArray(data)) {
    inferred = nestedShape(data);
    checkElements(inferred);
    flat = new Float32Array(inferred.reduce((a, b) => a * b, 1));
    flatten(data, inferred, 0, flat, 0);
  } else {
    flat = Float32Array.from(data as ArrayLike<number>);
    inferred = [flat.length];
  }
  const finalShape = shape ? inferShape(shape, flat.length) : inferred;
  checkElements(finalShape);
  return new Tensor(flat, finalShape, opts.requiresGrad ?? false);
}

export function zeros(shape: readonly number[], opts: { requiresGrad?: boolean } = {}): Tensor {
  return new Tensor(new Float32Array(checkElements(shape)), shape, opts.requiresGrad ?? false);
}

export function full(shape: readonly number[], value: number): Tensor {
  return new Tensor(new Float32Array(checkElements(shape)).fill(value), shape);
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

function inferShape(shape: readonly number[], numel: number): number[] {
  const out = [...shape];
  let free = -1,
    known = 1;
  for (let i = 0; i < out.length; i++) {
    if (out[i] !== -1) continue;
    if (free >= 0) throw runtimeError('only one dimension can be inferred');
    free = i;
  }
  for (const d of out) {
    if (!Number.isInteger(d) || d < -1) throw runtimeError(`invalid shape dimension ${d}`);
    if (d !== -1) known *= d;
  }
  if (free >= 0) {
    if (known === 0 || numel % known !== 0) throw shapeInvalid(shape, numel);
    out[free] = numel / known;
  } else if (known !== numel) {
    throw shapeInvalid(shape, numel);
  }
  return out;
}

function shapeInvalid(shape: readonly number[], numel: number): TorchError {
  return runtimeError(`shape '[${shape.join(', ')}]' is invalid for input of size ${numel}`);
}

function nestedShape(data: NestedNumbers[]): number[] {
  const shape: number[] = [];
  let cur: NestedNumbers = data;
  while (Array.isArray(cur)) {
    shape.push(cur.length);
    if (cur.length === 0) break;
    cur = cur[0];
  }
  return shape;
}

function flatten(data: NestedNumbers, shape: number[], dim: number, out: Float32Array, offset: number): number {
  if (dim === shape.length) {
    if (typeof data !== 'number') {
      throw new TorchError('TypeError', `must be real number, not ${Array.isArray(data) ? 'list' : typeof data}`);
    }
    out[offset] = data;
    return offset + 1;
  }
  if (!Array.isArray(data)) {
    throw new TorchError('ValueError', `expected sequence of length ${shape[dim]} at dim ${dim} (got ${typeof data})`);
  }
  if (data.length !== shape[dim]) {
    throw new TorchError('ValueError', `expected sequence of length ${shape[dim]} at dim ${dim} (got ${data.length})`);
  }
  for (const item of data) offset = flatten(item, shape, dim + 1, out, offset);
  return offset;
}

function toNested(data: Float32Array, shape: readonly number[]): NestedNumbers {
  if (shape.length === 0) return data[0];
  const build = (dim: number, offset: number): NestedNumbers[] => {
    const stride = shape.slice(dim + 1).reduce((a, b) => a * b, 1);
    const out: NestedNumbers[] = [];
    for (let i = 0; i < shape[dim]; i++) {
      out.push(dim === shape.length - 1 ? data[offset + i] : build(dim + 1, offset + i * stride));
    }
    return out;
  };
  return build(0, 0);
}
