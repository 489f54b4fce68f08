// Size limit for tensors the engine builds, so a huge input gives a clear error instead of freezing the host.

export const DEFAULT_MAX_ELEMENTS = 16 * 1024 * 1024;
let maxElements = DEFAULT_MAX_ELEMENTS;

export function setMaxElements(n: number): void {
  if (!Number.isFinite(n) || n < 1) throw new RangeError(`maxElements must be a positive number, got ${n}`);
  maxElements = Math.floor(n);
}

export function getMaxElements(): number {
  return maxElements;
}

/** Throws a clear error if a tensor of `shape` would exceed the limit. */
export function checkElements(shape: readonly number[], what = 'tensor'): number {
  let n = 1;
  for (const d of shape) n *= d;
  if (n > maxElements) {
    throw new RangeError(
      `Tensor Lens: the ${what} of shape [${shape.join(', ')}] has ${n.toLocaleString('en-US')} elements, ` +
        `above the limit of ${maxElements.toLocaleString('en-US')} (setting tensorLens.maxElements)`,
    );
  }
  return n;
}
