// Shape-only tensor methods (.view/.reshape/.unsqueeze/.squeeze/.flatten) with PyTorch's exact error messages.

/** An error in PyTorch's words; the caller attaches the source range. */
export class ShapeError extends Error {}

/** `.view(...)` / `.reshape(...)`: resolves one -1 and checks the element count. */
export function viewShape(size: number, dims: number[]): number[] {
  let infer = -1;
  let known = 1;
  for (let i = 0; i < dims.length; i++) {
    const d = dims[i];
    if (d === -1) {
      if (infer >= 0) throw new ShapeError('only one dimension can be inferred');
      infer = i;
    } else if (d < 0 || !Number.isInteger(d)) {
      throw new ShapeError(`invalid shape dimension ${d}`);
    } else known *= d;
  }
  const shape = dims.slice();
  if (infer >= 0) {
    if (known === 0) {
      if (size === 0) {
        throw new ShapeError(
          `cannot reshape tensor of 0 elements into shape ${fmt(dims)} because the unspecified dimension size -1 can be any value and is ambiguous`,
        );
      }
      throw new ShapeError(`shape '${fmt(dims)}' is invalid for input of size ${size}`);
    }
    if (size % known !== 0) throw new ShapeError(`shape '${fmt(dims)}' is invalid for input of size ${size}`);
    shape[infer] = size / known;
  } else if (known !== size) {
    throw new ShapeError(`shape '${fmt(dims)}' is invalid for input of size ${size}`);
  }
  return shape;
}

/** Wraps a possibly negative dim into [0, rank) the way PyTorch does, or throws its IndexError text. */
export function wrapDim(dim: number, rank: number): number {
  const r = Math.max(rank, 1);
  if (dim < -r || dim >= r) {
    throw new ShapeError(`Dimension out of range (expected to be in range of [${-r}, ${r - 1}], but got ${dim})`);
  }
  return dim < 0 ? dim + r : dim;
}

export function unsqueezeShape(shape: readonly number[], dim: number): number[] {
  const d = wrapDim(dim, shape.length + 1);
  const out = shape.slice();
  out.splice(d, 0, 1);
  return out;
}

export function squeezeShape(shape: readonly number[], dim?: number): number[] {
  if (dim === undefined) return shape.filter((s) => s !== 1);
  if (shape.length === 0) {
    wrapDim(dim, 1);
    return [];
  }
  const d = wrapDim(dim, shape.length);
  return shape[d] === 1 ? shape.filter((_, i) => i !== d) : shape.slice();
}

export function flattenShape(shape: readonly number[], startDim = 0, endDim = -1): number[] {
  if (shape.length === 0) return [1];
  const s = wrapDim(startDim, shape.length);
  const e = wrapDim(endDim, shape.length);
  if (s > e) throw new ShapeError('flatten() has invalid args: start_dim cannot come after end_dim');
  const merged = shape.slice(s, e + 1).reduce((a, b) => a * b, 1);
  return [...shape.slice(0, s), merged, ...shape.slice(e + 1)];
}

/** `.t()` / `.T` on a tensor of rank ≤ 2: returns the transposed data (row-major). */
export function transpose2d(shape: readonly number[], data: Float32Array): { shape: number[]; data: Float32Array } {
  if (shape.length > 2) throw new ShapeError(`t() expects a tensor with <= 2 dimensions, but self is ${shape.length}D`);
  if (shape.length < 2) return { shape: shape.slice(), data };
  const [r, c] = shape;
  const out = new Float32Array(data.length);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = data[i * c + j];
  return { shape: [c, r], data: out };
}

function fmt(dims: number[]): string {
  return `[${dims.join(', ')}]`;
}
