// Pooling geometry (max, avg, adaptive avg): PyTorch 1.13's argument checks, exact messages, output sizes and windows.
import { TorchError, formatSize, runtimeError, valueError } from './errors';

export type IntArg = number | readonly number[];

export interface Pool2dOptions {
  kernelSize: IntArg;
  /** null, undefined or [] = the kernel size, as PyTorch. */
  stride?: IntArg | null;
  padding?: IntArg;
  /** max_pool2d only (avg_pool2d has none). */
  dilation?: IntArg;
  ceilMode?: boolean;
  /** avg_pool2d only: divide by the whole window including padding (PyTorch's default true). */
  countIncludePad?: boolean;
}

/** One spatial axis of a pooling window: everything the output-size formula text needs. */
export interface PoolAxis {
  input: number;
  kernel: number;
  stride: number;
  padding: number;
  dilation: number;
  /** The plain formula ⌊(input + 2·padding − dilation·(kernel − 1) − 1 + (ceil ? stride − 1 : 0)) / stride⌋ + 1. */
  formulaOutput: number;
  /** ceil_mode only: true if the last window started past the input and left padding and was dropped (output = formula − 1). */
  lastWindowDropped: boolean;
  output: number;
}

export interface Pool2dGeometry {
  kind: 'max_pool2d' | 'avg_pool2d';
  batched: boolean;
  /** Leading dims (batch and channels) kept as they are. */
  leading: number[];
  channels: number;
  ceilMode: boolean;
  countIncludePad: boolean;
  h: PoolAxis;
  w: PoolAxis;
  outputShape: number[];
}

/** Output size along one axis as PyTorch's pooling_output_shape_pad_lr (floor division, the ceil_mode rule). */
export function poolOutputSize(input: number, k: number, pad: number, stride: number, dilation: number, ceil: boolean): PoolAxis {
  const formulaOutput = Math.floor((input + 2 * pad - dilation * (k - 1) - 1 + (ceil ? stride - 1 : 0)) / stride) + 1;
  // ceil_mode: the last window must start inside the input or its left padding, else it is dropped.
  const lastWindowDropped = ceil && (formulaOutput - 1) * stride >= input + pad;
  return {
    input,
    kernel: k,
    stride,
    padding: pad,
    dilation,
    formulaOutput,
    lastWindowDropped,
    output: lastWindowDropped ? formulaOutput - 1 : formulaOutput,
  };
}

/** F.max_pool2d's checks and geometry. Throws the TorchError PyTorch raises. */
export function maxPool2dGeometry(inputShape: readonly number[], opts: Pool2dOptions): Pool2dGeometry {
  return poolGeometry('max_pool2d', inputShape, opts);
}

/** F.avg_pool2d's checks and geometry. Throws the TorchError PyTorch raises. */
export function avgPool2dGeometry(inputShape: readonly number[], opts: Pool2dOptions): Pool2dGeometry {
  return poolGeometry('avg_pool2d', inputShape, opts);
}

function poolGeometry(kind: Pool2dGeometry['kind'], shape: readonly number[], opts: Pool2dOptions): Pool2dGeometry {
  const k = list(opts.kernelSize);
  const s = opts.stride === null || opts.stride === undefined ? [] : list(opts.stride);
  const p = list(opts.padding ?? 0);
  const d = list(opts.dilation ?? 1);
  if (k.length !== 1 && k.length !== 2) throw runtimeError(`${kind}: kernel_size must either be a single int, or a tuple of two ints`);
  if (s.length > 2) throw runtimeError(`${kind}: stride must either be omitted, a single int, or a tuple of two ints`);
  if (p.length !== 1 && p.length !== 2) throw runtimeError(`${kind}: padding must either be a single int, or a tuple of two ints`);
  if (kind === 'max_pool2d' && d.length !== 1 && d.length !== 2) {
    throw runtimeError('max_pool2d: dilation must be either a single int, or a tuple of two ints');
  }
  const [kH, kW] = pair(k);
  const [sH, sW] = s.length === 0 ? [kH, kW] : pair(s);
  const [pH, pW] = pair(p);
  const [dH, dW] = kind === 'max_pool2d' ? pair(d) : [1, 1];
  const nd = shape.length;
  if (kind === 'max_pool2d') {
    if (nd !== 3 && nd !== 4) throw runtimeError('non-empty 3D or 4D (batch mode) tensor expected for input');
  } else if (nd < 3) {
    throw new TorchError(
      'IndexError',
      `Dimension out of range (expected to be in range of [${-Math.max(nd, 1)}, ${Math.max(nd, 1) - 1}], but got -3)`,
    );
  }
  const ceil = !!opts.ceilMode;
  const [c, inH, inW] = shape.slice(nd - 3);
  const axisH = outputAxis(inH, kH, pH, sH, dH, ceil);
  const axisW = outputAxis(inW, kW, pW, sW, dW, ceil);
  if (kH <= 0 || kW <= 0) throw runtimeError(`kernel size should be greater than zero, but got kH: ${kH} kW: ${kW}`);
  if (sH <= 0 || sW <= 0) throw runtimeError(`stride should be greater than zero, but got dH: ${sH} dW: ${sW}`);
  if (dH <= 0 || dW <= 0) throw runtimeError(`dilation should be greater than zero, but got dilationH: ${dH} dilationW: ${dW}`);
  const validDims = shape[1] !== 0 && shape[2] !== 0;
  if (!((nd === 3 && shape[0] !== 0 && validDims) || (nd === 4 && validDims && shape[3] !== 0))) {
    throw runtimeError(`Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got:${formatSize(shape)}`);
  }
  if (axisH.output < 1 || axisW.output < 1) {
    throw runtimeError(
      `Given input size: (${c}x${inH}x${inW}). Calculated output size: (${c}x${axisH.output}x${axisW.output}). Output size is too small`,
    );
  }
  const leading = shape.slice(0, nd - 2);
  return {
    kind,
    batched: nd === 4,
    leading,
    channels: c,
    ceilMode: ceil,
    countIncludePad: opts.countIncludePad ?? true,
    h: axisH,
    w: axisW,
    outputShape: [...leading, axisH.output, axisW.output],
  };
}

/** pooling_output_shape's own checks, then the size. */
function outputAxis(input: number, k: number, pad: number, stride: number, dilation: number, ceil: boolean): PoolAxis {
  if (stride === 0) throw runtimeError('stride should not be zero');
  if (pad < 0) throw runtimeError(`pad must be non-negative, but got pad: ${pad}`);
  if (pad > Math.trunc(k / 2)) throw runtimeError(`pad should be at most half of kernel size, but got pad=${pad} and kernel_size=${k}`);
  return poolOutputSize(input, k, pad, stride, dilation, ceil);
}

/** One output cell of an adaptive pool covers input [start, end): start = ⌊i·in/out⌋, end = ⌈(i+1)·in/out⌉. */
export interface AdaptiveBin {
  start: number;
  end: number;
}

export interface AdaptivePool2dGeometry {
  leading: number[];
  inH: number;
  inW: number;
  outH: number;
  outW: number;
  binsH: AdaptiveBin[];
  binsW: AdaptiveBin[];
  outputShape: number[];
}

export function adaptiveBins(input: number, output: number): AdaptiveBin[] {
  const bins: AdaptiveBin[] = [];
  for (let i = 0; i < output; i++) {
    bins.push({ start: Math.floor((i * input) / output), end: Math.ceil(((i + 1) * input) / output) });
  }
  return bins;
}

/**
 * F.adaptive_avg_pool2d's checks and geometry; outputSize is an int, or a pair whose null entries keep the input size.
 * Output 1×1 is a mean over the last two dims in PyTorch, so it accepts any input of at least 2 dims.
 */
export function adaptiveAvgPool2dGeometry(
  inputShape: readonly number[],
  outputSize: number | readonly (number | null)[],
): AdaptivePool2dGeometry {
  const nd = inputShape.length;
  let size: number[];
  if (typeof outputSize === 'number') size = [outputSize, outputSize];
  else {
    if (nd <= outputSize.length) throw valueError(`Input dimension should be at least ${outputSize.length + 1}`);
    size = outputSize.map((v, i) => (v === null ? inputShape[nd - outputSize.length + i] : v));
  }
  if (size.length !== 2) throw runtimeError('adaptive_avg_pool2d: output_size must be 2');
  const [oH, oW] = size;
  if (oH < 0 || oW < 0) {
    throw runtimeError(`adaptive_avg_pool2d: elements of output_size must be greater than or equal to 0 but received {${oH}, ${oW}}`);
  }
  if (oH === 1 && oW === 1) {
    if (nd < 2) {
      throw new TorchError(
        'IndexError',
        `Dimension out of range (expected to be in range of [${-Math.max(nd, 1)}, ${Math.max(nd, 1) - 1}], but got -2)`,
      );
    }
  } else {
    if (nd !== 3 && nd !== 4) throw runtimeError(`adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got ${formatSize(inputShape)}`);
    for (const i of [-2, -1]) {
      if (!(inputShape[nd + i] > 0)) {
        throw runtimeError(
          `adaptive_avg_pool2d(): Expected input to have non-zero size for non-batch dimensions, but input has sizes ${formatSize(inputShape)} with dimension ${nd + i} being empty`,
        );
      }
    }
  }
  const inH = inputShape[nd - 2],
    inW = inputShape[nd - 1];
  const leading = inputShape.slice(0, nd - 2);
  return {
    leading,
    inH,
    inW,
    outH: oH,
    outW: oW,
    binsH: adaptiveBins(inH, oH),
    binsW: adaptiveBins(inW, oW),
    outputShape: [...leading, oH, oW],
  };
}

function list(v: IntArg): number[] {
  return typeof v === 'number' ? [v] : [...v];
}

function pair(l: readonly number[]): [number, number] {
  return [l[0], l.length > 1 ? l[1] : l[0]];
}
