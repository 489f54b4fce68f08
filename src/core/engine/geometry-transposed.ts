// ConvTranspose2d geometry: PyTorch 1.13's checks with exact messages and
// H_out = (H_in − 1)·stride − 2·padding + dilation·(k − 1) + output_padding + 1.
import { TorchError, formatSize, runtimeError, valueError } from './errors';

export type IntArg = number | readonly number[];

export interface ConvTranspose2dOptions {
  stride?: IntArg;
  padding?: IntArg;
  outputPadding?: IntArg;
  dilation?: IntArg;
  groups?: number;
}

/** One spatial axis: every term of the output-size formula. */
export interface TransposedAxis {
  input: number;
  kernel: number;
  stride: number;
  padding: number;
  outputPadding: number;
  dilation: number;
  output: number;
}

export interface ConvTranspose2dGeometry {
  /** false for 3-D (unbatched) input: output is 3-D too. */
  batched: boolean;
  n: number;
  inChannels: number;
  /** weight.shape[1] · groups. */
  outChannels: number;
  groups: number;
  h: TransposedAxis;
  w: TransposedAxis;
  outputShape: number[];
}

/** (input − 1)·stride − 2·padding + dilation·(kernel − 1) + output_padding + 1. */
export function transposedOutputSize(input: number, k: number, stride: number, pad: number, outPad: number, dilation: number): number {
  return (input - 1) * stride - 2 * pad + dilation * (k - 1) + outPad + 1;
}

/** F.conv_transpose2d(input, weight [C_in, C_out/groups, kH, kW], bias, …): checks in PyTorch's order, then the geometry. */
export function convTranspose2dGeometry(
  inputShape: readonly number[],
  weightShape: readonly number[],
  opts: ConvTranspose2dOptions = {},
  biasShape: readonly number[] | null = null,
): ConvTranspose2dGeometry {
  if (typeof (opts.padding as unknown) === 'string') {
    throw new TorchError('TypeError', "conv_transpose2d(): argument 'padding' (position 5) must be tuple of ints, not str");
  }
  if (inputShape.length !== 3 && inputShape.length !== 4) {
    throw runtimeError(
      `Expected 3D (unbatched) or 4D (batched) input to conv_transpose2d, but got input of size: ${formatSize(inputShape)}`,
    );
  }
  const batched = inputShape.length === 4;
  const x = batched ? [...inputShape] : [1, ...inputShape];
  const groups = opts.groups ?? 1;
  if (groups <= 0) throw runtimeError('non-positive groups is not supported');
  if (weightShape.length < 3) throw runtimeError('weight should have at least three dimensions');
  const dims = weightShape.length - 2;
  const lists: Record<string, number[]> = {};
  for (const [name, v] of [
    ['stride', opts.stride ?? 1],
    ['padding', opts.padding ?? 0],
    ['dilation', opts.dilation ?? 1],
    ['output_padding', opts.outputPadding ?? 0],
  ] as const) {
    const l = typeof v === 'number' ? [v] : [...v];
    if (l.length !== 1 && l.length !== dims) {
      throw runtimeError(
        `expected ${name} to be a single integer value or a list of ${dims} values to match the convolution dimensions, but got ${name}=${formatSize(l)}`,
      );
    }
    lists[name] = l;
  }
  const [sH, sW] = pair(lists.stride),
    [pH, pW] = pair(lists.padding),
    [dH, dW] = pair(lists.dilation),
    [oH, oW] = pair(lists.output_padding);
  if (pH < 0 || pW < 0) throw runtimeError('negative padding is not supported');
  if (oH < 0 || oW < 0) throw runtimeError('negative output_padding is not supported');
  if (sH <= 0 || sW <= 0) throw runtimeError('non-positive stride is not supported');
  const w = weightShape;
  if (w[0] < groups) {
    throw runtimeError(
      `Given groups=${groups}, expected weight to be at least ${groups} at dimension 0, but got weight of size ${formatSize(w)} instead`,
    );
  }
  if (w[0] % groups !== 0) {
    throw runtimeError(
      `Given groups=${groups}, expected weight to be divisible by ${groups} at dimension 0, but got weight of size [${formatSize(w)}] instead`,
    );
  }
  if (x[1] !== w[0]) {
    throw runtimeError(
      `Given transposed=1, weight of size ${formatSize(w)}, expected input${formatSize(x)} to have ${w[0]} channels, but got ${x[1]} channels instead`,
    );
  }
  const outC = w[1] * groups;
  if (biasShape && (biasShape.length !== 1 || biasShape[0] !== outC)) {
    throw runtimeError(
      `Given transposed=1, weight of size ${formatSize(w)}, expected bias to be 1-dimensional with ${outC} elements, but got bias of size ${formatSize(biasShape)} instead`,
    );
  }
  const [kH, kW] = [w[2], w[3] ?? 1];
  if (kH <= 0 || kW <= 0) throw runtimeError(`kernel size should be greater than zero, but got kernel_height: ${kH} kernel_width: ${kW}`);
  if (dH <= 0 || dW <= 0) throw runtimeError(`dilation should be greater than zero, but got dilation_height: ${dH}, dilation_width: ${dW}`);
  if (!((oW < sW || oW < dW) && (oH < sH || oH < dH))) {
    throw runtimeError(
      `output padding must be smaller than either stride or dilation, but got output_padding_height: ${oH} output_padding_width: ${oW} stride_height: ${sH} stride_width: ${sW} dilation_height: ${dH} dilation_width: ${dW}`,
    );
  }
  const outH = transposedOutputSize(x[2], kH, sH, pH, oH, dH),
    outW = transposedOutputSize(x[3], kW, sW, pW, oW, dW);
  if (outH < 1 || outW < 1) {
    throw runtimeError(
      `Given input size per channel: (${x[2]} x ${x[3]}). Calculated output size per channel: (${outH} x ${outW}). Output size is too small`,
    );
  }
  const axis = (
    input: number,
    kernel: number,
    stride: number,
    padding: number,
    outputPadding: number,
    dilation: number,
    output: number,
  ) => ({
    input,
    kernel,
    stride,
    padding,
    outputPadding,
    dilation,
    output,
  });
  return {
    batched,
    n: x[0],
    inChannels: x[1],
    outChannels: outC,
    groups,
    h: axis(x[2], kH, sH, pH, oH, dH, outH),
    w: axis(x[3], kW, sW, pW, oW, dW, outW),
    outputShape: batched ? [x[0], outC, outH, outW] : [outC, outH, outW],
  };
}

/** nn.ConvTranspose2d's constructor checks (ValueError), in PyTorch's order. */
export function checkConvTranspose2dModuleArgs(inChannels: number, outChannels: number, groups = 1, padding: unknown = 0): void {
  if (groups <= 0) throw valueError('groups must be a positive integer');
  if (inChannels % groups !== 0) throw valueError('in_channels must be divisible by groups');
  if (outChannels % groups !== 0) throw valueError('out_channels must be divisible by groups');
  if (typeof padding === 'string') {
    if (padding !== 'same' && padding !== 'valid') {
      throw valueError(`Invalid padding string '${padding}', should be one of {'same', 'valid'}`);
    }
    // The module turns the string into a tuple of characters, which conv_transpose2d then rejects.
    throw new TorchError('TypeError', "conv_transpose2d(): argument 'padding' (position 5) must be tuple of ints, not tuple");
  }
}

function pair(l: readonly number[]): [number, number] {
  return [l[0], l.length > 1 ? l[1] : l[0]];
}
