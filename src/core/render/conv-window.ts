// Where the conv2d window sits: padded-input coordinates, the values padding borrows, each output cell's footprint.
import { convAxis, convOutputLength, type Conv2dGeometry, type ConvAxis, type SidePads } from '../engine/geometry';
import { sidePads } from '../engine/geometry-conv-args';
import type { Conv2dArgs } from '../protocol/convolution';

export type PaddingMode = Conv2dArgs['paddingMode'];

/** Per-side padding actually applied (PyTorch's 'same' puts the odd extra pixel after). */
export type SidePadding = SidePads;

/** One 2-D plane of a conv2d: sizes, kernel, stride, dilation and the padding around it. */
export interface WindowGeometry {
  H: number;
  W: number;
  kH: number;
  kW: number;
  stride: [number, number];
  dilation: [number, number];
  pad: SidePadding;
  mode: PaddingMode;
  Hout: number;
  Wout: number;
}

/** Padding per side for explicit, 'valid' and 'same' padding, as the engine's geometry computes it. */
export function sidePadding(padding: Conv2dArgs['padding'], kH: number, kW: number, dilation: [number, number]): SidePadding {
  return sidePads(padding, kH, kW, dilation);
}

/** The window model of a plane; sizes may be ≤ 0 for combinations PyTorch refuses (the formula then shows why). */
export function windowGeometry(
  H: number,
  W: number,
  kH: number,
  kW: number,
  args: Pick<Conv2dArgs, 'stride' | 'dilation' | 'padding' | 'paddingMode'>,
): WindowGeometry {
  const pad = sidePads(args.padding, kH, kW, args.dilation);
  return {
    H,
    W,
    kH,
    kW,
    stride: args.stride,
    dilation: args.dilation,
    pad,
    mode: args.paddingMode,
    Hout: convOutputLength(H, pad.top, pad.bottom, args.dilation[0], kH, args.stride[0]),
    Wout: convOutputLength(W, pad.left, pad.right, args.dilation[1], kW, args.stride[1]),
  };
}

/** The engine's checked geometry (what PyTorch checked and padded) as a window model. */
export function windowFromEngine(e: Conv2dGeometry): WindowGeometry {
  return {
    H: e.inH,
    W: e.inW,
    kH: e.kH,
    kW: e.kW,
    stride: [e.strideH, e.strideW],
    dilation: [e.dilationH, e.dilationW],
    pad: { top: e.padTop, bottom: e.padBottom, left: e.padLeft, right: e.padRight },
    mode: e.paddingMode,
    Hout: e.outH,
    Wout: e.outW,
  };
}

/** The height and width axes of a window, each with its output length from the engine's formula. */
export function windowAxes(g: WindowGeometry): [ConvAxis, ConvAxis] {
  return [
    convAxis(g.H, g.pad.top, g.pad.bottom, g.dilation[0], g.kH, g.stride[0]),
    convAxis(g.W, g.pad.left, g.pad.right, g.dilation[1], g.kW, g.stride[1]),
  ];
}

/**
 * The input index a padded coordinate reads along one axis (p counts from the first padding cell),
 * or -1 when it is a zero. reflect mirrors without repeating the edge, replicate repeats it, circular wraps.
 */
export function sourceIndex(mode: PaddingMode, p: number, size: number, before: number): number {
  const i = p - before;
  if (i >= 0 && i < size) return i;
  switch (mode) {
    case 'zeros':
      return -1;
    case 'replicate':
      return i < 0 ? 0 : size - 1;
    case 'circular':
      return ((i % size) + size) % size;
    case 'reflect': {
      if (size === 1) return 0;
      const period = 2 * (size - 1);
      const m = ((i % period) + period) % period;
      return m < size ? m : period - m;
    }
  }
}

/** Padded-plane coordinates [row, col] of the kernel taps for output cell (oy, ox), row-major over the kernel. */
export function footprint(g: WindowGeometry, oy: number, ox: number): Array<[number, number]> {
  const taps: Array<[number, number]> = [];
  for (let ky = 0; ky < g.kH; ky++) {
    for (let kx = 0; kx < g.kW; kx++) taps.push([oy * g.stride[0] + ky * g.dilation[0], ox * g.stride[1] + kx * g.dilation[1]]);
  }
  return taps;
}

/** Output cells [oy, ox] whose window reads the cell at padded coordinates (py, px). */
export function feeds(g: WindowGeometry, py: number, px: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const along = (p: number, k: number, d: number, s: number, n: number): number[] => {
    const r: number[] = [];
    for (let t = 0; t < k; t++) {
      const start = p - t * d;
      if (start >= 0 && start % s === 0 && start / s < n) r.push(start / s);
    }
    return r.sort((a, b) => a - b);
  };
  for (const oy of along(py, g.kH, g.dilation[0], g.stride[0], g.Hout)) {
    for (const ox of along(px, g.kW, g.dilation[1], g.stride[1], g.Wout)) out.push([oy, ox]);
  }
  return out;
}

/** Input cells (unpadded [row, col], possibly repeated) that a padded coordinate reads, or null for a zero. */
export function readsFrom(g: WindowGeometry, py: number, px: number): [number, number] | null {
  const r = sourceIndex(g.mode, py, g.H, g.pad.top);
  const c = sourceIndex(g.mode, px, g.W, g.pad.left);
  return r < 0 || c < 0 ? null : [r, c];
}

/** Value at a padded coordinate of one plane (row-major data of H×W). */
export function paddedValue(g: WindowGeometry, plane: ArrayLike<number>, py: number, px: number): number {
  const at = readsFrom(g, py, px);
  return at ? plane[at[0] * g.W + at[1]] : 0;
}
