// Conv2d geometry in one place (as tfjs's conv_util.ts), the only writer of the output-size formula: checks, padding, sizes.
import { TorchError, formatSize, runtimeError } from './errors';
import { type Conv2dOptions, type IntPair, intList, pairOf, samePads } from './geometry-conv-args';
import { PADDING_MODES, type PaddingMode, type SidePads, paddedShape } from './pad-geometry';

export type { PaddingMode, SidePads } from './pad-geometry';

export interface Conv2dGeometry {
  /** false for 3-D (unbatched) input: output is 3-D too. */
  batched: boolean;
  n: number;
  inChannels: number;
  inH: number;
  inW: number;
  outChannels: number;
  groups: number;
  kH: number;
  kW: number;
  strideH: number;
  strideW: number;
  dilationH: number;
  dilationW: number;
  paddingMode: PaddingMode;
  /** Padding applied on each side (zeros for 'zeros', borrowed cells for the other modes). 'same' puts the odd one bottom/right. */
  padTop: number;
  padBottom: number;
  padLeft: number;
  padRight: number;
  /** Input size after padding: inH + padTop + padBottom. */
  paddedH: number;
  paddedW: number;
  /** Extent of the dilated kernel: dilation·(k−1)+1. */
  effKH: number;
  effKW: number;
  outH: number;
  outW: number;
  outputShape: number[];
}

/**
 * Checks a conv2d call exactly as F.conv2d does (for non-'zeros' modes: F.pad first, then F.conv2d with padding 0,
 * as nn.Conv2d does) and returns its geometry. Throws the TorchError PyTorch raises.
 */
export function conv2dGeometry(
  inputShape: readonly number[],
  weightShape: readonly number[],
  opts: Conv2dOptions = {},
  biasShape: readonly number[] | null = null,
): Conv2dGeometry {
  const mode = (opts.paddingMode ?? 'zeros') as string;
  const stride = intList(opts.stride ?? 1, 'stride');
  const dilation = intList(opts.dilation ?? 1, 'dilation');
  const groups = opts.groups ?? 1;
  const padding = opts.padding ?? 0;
  if (mode === 'zeros') return convChecks(inputShape, weightShape, biasShape, stride, padding, dilation, groups);

  let pads: SidePads;
  if (typeof padding === 'string') {
    if (padding === 'valid') pads = { top: 0, bottom: 0, left: 0, right: 0 };
    else if (padding === 'same') pads = samePads(weightShape, dilation);
    else throw runtimeError(`Invalid padding string: '${padding}'`);
  } else {
    const [pH, pW] = pairOf(intList(padding, 'padding'));
    pads = { top: pH, bottom: pH, left: pW, right: pW };
  }
  if (!(PADDING_MODES as readonly string[]).includes(mode)) {
    throw new TorchError('NotImplementedError', `Unrecognised padding mode ${mode}`);
  }
  const padded = paddedShape(inputShape, pads, mode as Exclude<PaddingMode, 'zeros'>);
  const g = convChecks(padded, weightShape, biasShape, stride, 0, dilation, groups);
  return {
    ...g,
    paddingMode: mode as PaddingMode,
    inH: inputShape[inputShape.length - 2],
    inW: inputShape[inputShape.length - 1],
    padTop: pads.top,
    padBottom: pads.bottom,
    padLeft: pads.left,
    padRight: pads.right,
  };
}

/** Output length along one axis: ⌊(size + before + after − d·(k−1) − 1)/s⌋ + 1. May be ≤ 0 for a kernel wider than the input. */
export function convOutputLength(size: number, before: number, after: number, dilation: number, kernel: number, stride: number): number {
  return Math.floor((size + before + after - dilation * (kernel - 1) - 1) / stride) + 1;
}

/** One spatial axis of a conv: the numbers PyTorch's output-size formula takes, and its result. */
export interface ConvAxis {
  size: number;
  padBefore: number;
  padAfter: number;
  dilation: number;
  kernel: number;
  stride: number;
  /** convOutputLength of the above (≤ 0 when PyTorch would refuse). */
  out: number;
}

export function convAxis(size: number, padBefore: number, padAfter: number, dilation: number, kernel: number, stride: number): ConvAxis {
  return {
    size,
    padBefore,
    padAfter,
    dilation,
    kernel,
    stride,
    out: convOutputLength(size, padBefore, padAfter, dilation, kernel, stride),
  };
}

/** The height and width axes of a checked geometry (unpadded input sizes, per-side padding). */
export function conv2dAxes(g: Conv2dGeometry): [ConvAxis, ConvAxis] {
  return [
    { size: g.inH, padBefore: g.padTop, padAfter: g.padBottom, dilation: g.dilationH, kernel: g.kH, stride: g.strideH, out: g.outH },
    { size: g.inW, padBefore: g.padLeft, padAfter: g.padRight, dilation: g.dilationW, kernel: g.kW, stride: g.strideW, out: g.outW },
  ];
}

/** F.conv2d's own checks (batchify, padding strings, _convolution, check_shape_forward), in PyTorch's order. */
function convChecks(
  inputShape: readonly number[],
  weight: readonly number[],
  bias: readonly number[] | null,
  stride: number[],
  padding: IntPair | string,
  dilation: number[],
  groups: number,
): Conv2dGeometry {
  if (inputShape.length !== 3 && inputShape.length !== 4) {
    throw runtimeError(`Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: ${formatSize(inputShape)}`);
  }
  const batched = inputShape.length === 4;
  let x = batched ? [...inputShape] : [1, ...inputShape];
  let pads: SidePads;
  let padList: number[];
  if (typeof padding === 'string') {
    if (padding === 'valid') {
      padList = [0];
      pads = { top: 0, bottom: 0, left: 0, right: 0 };
    } else if (padding === 'same') {
      const k = weight.length;
      if (k <= 2) throw runtimeError('weight should have at least three dimensions');
      if (k !== x.length) {
        throw runtimeError(
          `Expected ${k}-dimensional input for ${k}-dimensional weight${formatSize(weight)}, but got ${x.length}-dimensional input of size ${formatSize(x)} instead`,
        );
      }
      if (stride.length !== 1 && stride.length !== 2) throw runtimeError('stride cannot broadcast to 2 dimensions');
      if (dilation.length !== 1 && dilation.length !== 2) throw runtimeError('dilation cannot broadcast to 2 dimensions');
      if (stride.some((s) => s !== 1)) throw runtimeError("padding='same' is not supported for strided convolutions");
      pads = samePads(weight, dilation);
      // PyTorch pads the asymmetric part first, then convolves with the smaller symmetric padding.
      const dH = pads.bottom - pads.top,
        dW = pads.right - pads.left;
      x = [x[0], x[1], x[2] + dH, x[3] + dW];
      padList = [Math.min(pads.top, pads.bottom), Math.min(pads.left, pads.right)];
    } else {
      throw runtimeError(`Invalid padding string: '${padding}'`);
    }
  } else {
    padList = intList(padding, 'padding');
    const [pH, pW] = pairOf(padList);
    pads = { top: pH, bottom: pH, left: pW, right: pW };
  }

  if (groups <= 0) throw runtimeError('non-positive groups is not supported');
  if (weight.length < 3) throw runtimeError('weight should have at least three dimensions');
  const dims = weight.length - 2;
  for (const [name, list] of [
    ['stride', stride],
    ['padding', padList],
    ['dilation', dilation],
  ] as const) {
    if (list.length !== 1 && list.length !== dims) {
      throw runtimeError(
        `expected ${name} to be a single integer value or a list of ${dims} values to match the convolution dimensions, but got ${name}=${formatSize(list)}`,
      );
    }
  }
  const [sH, sW] = pairOf(stride),
    [dH, dW] = pairOf(dilation),
    [pH, pW] = pairOf(padList);
  if (pH < 0 || pW < 0) throw runtimeError('negative padding is not supported');
  if (sH <= 0 || sW <= 0) throw runtimeError('non-positive stride is not supported');
  const [outC, cPerGroup, kH, kW] = weight;
  if (outC < groups) {
    throw runtimeError(
      `Given groups=${groups}, expected weight to be at least ${groups} at dimension 0, but got weight of size ${formatSize(weight)} instead`,
    );
  }
  if (outC % groups !== 0) {
    throw runtimeError(
      `Given groups=${groups}, expected weight to be divisible by ${groups} at dimension 0, but got weight of size [${formatSize(weight)}] instead`,
    );
  }
  if (x[1] !== cPerGroup * groups) {
    throw runtimeError(
      `Given groups=${groups}, weight of size ${formatSize(weight)}, expected input${formatSize(x)} to have ${cPerGroup * groups} channels, but got ${x[1]} channels instead`,
    );
  }
  if (bias && (bias.length !== 1 || bias[0] !== outC)) {
    throw runtimeError(
      `Given weight of size ${formatSize(weight)}, expected bias to be 1-dimensional with ${outC} elements, but got bias of size ${formatSize(bias)} instead`,
    );
  }
  const inH = x[2] + 2 * pH,
    inW = x[3] + 2 * pW;
  const effKH = dH * (kH - 1) + 1,
    effKW = dW * (kW - 1) + 1;
  if (inH < effKH || inW < effKW) {
    throw runtimeError(
      `Calculated padded input size per channel: (${inH} x ${inW}). Kernel size: (${effKH} x ${effKW}). Kernel size can't be greater than actual input size`,
    );
  }
  if (x[0] * x[1] * x[2] * x[3] === 0 && x[0] !== 0 && x[1] !== 0) {
    throw runtimeError(`Only zero batch or zero channel inputs are supported, but got input shape: ${formatSize(x)}`);
  }
  // PyTorch checks dilation only in the backend it picks, whose message depends on the batch size.
  if (dH <= 0 || dW <= 0) {
    throw runtimeError(
      x[0] === 1
        ? `dilation should be greater than zero, but got ${formatSize(pairOf(dilation))}`
        : 'non-positive dilation is not supported',
    );
  }
  if (kH <= 0 || kW <= 0) {
    throw runtimeError(`kernel size should be greater than zero, but got kernel_height: ${kH} kernel_width: ${kW}`);
  }
  const outH = convOutputLength(x[2], pH, pH, dH, kH, sH),
    outW = convOutputLength(x[3], pW, pW, dW, kW, sW);
  const n = x[0];
  return {
    batched,
    n,
    inChannels: x[1],
    inH: inputShape[inputShape.length - 2],
    inW: inputShape[inputShape.length - 1],
    outChannels: outC,
    groups,
    kH,
    kW,
    strideH: sH,
    strideW: sW,
    dilationH: dH,
    dilationW: dW,
    paddingMode: 'zeros',
    padTop: pads.top,
    padBottom: pads.bottom,
    padLeft: pads.left,
    padRight: pads.right,
    paddedH: inH,
    paddedW: inW,
    effKH,
    effKW,
    outH,
    outW,
    outputShape: batched ? [n, outC, outH, outW] : [outC, outH, outW],
  };
}
