// Shape checks of F.pad for reflect/replicate/circular (PyTorch 1.13 messages) and the padded shape they give.
import { TorchError, formatSize, runtimeError } from './errors';

export type PaddingMode = 'zeros' | 'reflect' | 'replicate' | 'circular';
export const PADDING_MODES: readonly PaddingMode[] = ['zeros', 'reflect', 'replicate', 'circular'];

/** Per-side padding of the last two dims: top/bottom (height), left/right (width). Negative crops, as in F.pad. */
export interface SidePads {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** The shape F.pad(input, [left, right, top, bottom], mode) returns, or the TorchError it raises. */
export function paddedShape(shape: readonly number[], p: SidePads, mode: Exclude<PaddingMode, 'zeros'>): number[] {
  const dim = shape.length;
  if (dim < 2) throw runtimeError('Padding length too large');
  if (dim !== 3 && dim !== 4) {
    throw new TorchError('NotImplementedError', 'Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now');
  }
  const h = shape[dim - 2],
    w = shape[dim - 1];
  const outH = h + p.top + p.bottom,
    outW = w + p.left + p.right;
  const out = [...shape.slice(0, dim - 2), outH, outW];
  if (mode === 'reflect') checkReflect(shape, p, outH, outW);
  else if (mode === 'replicate') checkReplicate(shape, out, outH, outW);
  else checkCircular(shape, p, outH, outW);
  return out;
}

function checkReflect(shape: readonly number[], p: SidePads, outH: number, outW: number): void {
  const dim = shape.length,
    h = shape[dim - 2],
    w = shape[dim - 1];
  const validDims = shape[1] !== 0 && shape[2] !== 0 && (dim === 3 || shape[3] !== 0);
  if (!validDims) {
    throw runtimeError(`3D or 4D (batch mode) tensor expected for input, but got: [ torch.FloatTensor{${shape.join(',')}} ]`);
  }
  if (!(p.left < w && p.right < w)) {
    throw runtimeError(
      `Argument #4: Padding size should be less than the corresponding input dimension, but got: padding (${p.left}, ${p.right}) at dimension ${dim - 1} of input ${dim}`,
    );
  }
  if (!(p.top < h && p.bottom < h)) {
    throw runtimeError(
      `Argument #6: Padding size should be less than the corresponding input dimension, but got: padding (${p.top}, ${p.bottom}) at dimension ${dim - 2} of input ${dim}`,
    );
  }
  if (outW < 1 && outH < 1) {
    throw runtimeError(`input (H: ${h}, W: ${w})is too small. Calculated output H: ${outH} W: ${outW}`);
  }
  if (outW < 0 || outH < 0) throw runtimeError('numel: integer multiplication overflow');
}

function checkReplicate(shape: readonly number[], out: readonly number[], outH: number, outW: number): void {
  const dim = shape.length,
    h = shape[dim - 2],
    w = shape[dim - 1];
  const first = dim === 4 ? 1 : 0;
  if (shape.slice(first).some((d) => d === 0)) {
    throw runtimeError(
      `Expected 3D or 4D (batch mode) tensor with possibly 0 batch size and other non-zero dimensions for input, but got: ${formatSize(shape)}`,
    );
  }
  if (outW < 1 && outH < 1) {
    throw runtimeError(`input (H: ${h}, W: ${w} ) is too small. Calculated output H: ${outH} W: ${outW}`);
  }
  const negative = out.find((d) => d < 0);
  if (negative !== undefined) {
    throw runtimeError(`Trying to create tensor with negative dimension ${negative}: ${formatSize(out)}`);
  }
}

function checkCircular(shape: readonly number[], p: SidePads, outH: number, outW: number): void {
  const dim = shape.length;
  if (dim !== 4) throw runtimeError(`Invalid padding size, expected ${(dim - 2) * 2} but got 4`);
  const sides: [number, number, number, number][] = [
    [p.top, p.bottom, shape[2], outH],
    [p.left, p.right, shape[3], outW],
  ];
  for (const [lo, hi, size, out] of sides) {
    if (!(lo <= size && hi <= size)) throw runtimeError('Padding value causes wrapping around more than once.');
    if (out < 0) throw runtimeError('Negative padding value is resulting in an empty dimension');
  }
}
