// What the panel computes when "transposed" is on: the kernels as a conv_transpose2d weight and the engine's conv_transpose2d.
import { convTranspose2d, tensor, TorchError } from '../../../src/core/engine/index';
import {
  convTranspose2dGeometry,
  transposedOutputSize,
  type ConvTranspose2dGeometry,
  type TransposedAxis,
} from '../../../src/core/engine/geometry-transposed';
import { biasVector, type Conv2dArgs, type WireTensor } from '../../../src/core/protocol/convolution';
import type { KernelSpec } from './kernel-specs';

/**
 * The weight [C_in, C_out/groups, kH, kW]: a 4-D kernel as given (a ConvTranspose2d layer's weight); otherwise every 2-D
 * plane of the chosen kernels is one output channel per group, the same for each input channel (one 2-D kernel on a
 * one-channel input is [1, 1, kH, kW]).
 */
export function transposedWeight(specs: readonly KernelSpec[], inChannels: number): WireTensor | { error: string } {
  if (specs.length === 1 && specs[0].shape.length === 4) return { shape: [...specs[0].shape], data: specs[0].data };
  const planes: { kH: number; kW: number; data: number[] }[] = [];
  for (const s of specs) {
    const [kH, kW] = s.shape.slice(-2);
    if (s.shape.length === 4) return { error: `A 4-D weight (${s.label}) can't be stacked with other kernels for conv_transpose2d.` };
    if (s.shape.length !== 2 && s.shape.length !== 3) {
      return { error: `Kernel ${s.label} has shape [${s.shape.join(', ')}]; a kernel needs 2, 3 or 4 dimensions.` };
    }
    const count = s.shape.length === 3 ? s.shape[0] : 1;
    for (let o = 0; o < count; o++) planes.push({ kH, kW, data: s.data.slice(o * kH * kW, (o + 1) * kH * kW) });
  }
  if (planes.length === 0) return { error: 'Choose a kernel.' };
  const first = planes[0];
  const odd = planes.find((p) => p.kH !== first.kH || p.kW !== first.kW);
  if (odd)
    return { error: `Kernels of different sizes can't be stacked into one weight: ${first.kH}×${first.kW} and ${odd.kH}×${odd.kW}.` };
  const data: number[] = [];
  for (let ci = 0; ci < inChannels; ci++) for (const p of planes) data.push(...p.data);
  return { shape: [inChannels, planes.length, first.kH, first.kW], data };
}

export interface TransposedResult {
  output: { shape: number[]; data: Float32Array };
  geo: ConvTranspose2dGeometry;
  ms: number;
}

/** F.conv_transpose2d(input, weight, bias, stride, padding, output_padding, groups, dilation) by the engine, or PyTorch's message. */
export function runConvTranspose(
  input: WireTensor,
  weight: WireTensor,
  args: Conv2dArgs,
  outputPadding: [number, number],
): TransposedResult | { error: string } {
  // F.conv_transpose2d has no padding mode; nn.ConvTranspose2d refuses any but zeros in its constructor.
  if (args.paddingMode !== 'zeros') return { error: 'ValueError: Only "zeros" padding mode is supported for ConvTranspose2d' };
  const t0 = performance.now();
  try {
    const x = tensor(Float32Array.from(input.data), input.shape);
    const w = tensor(Float32Array.from(weight.data), weight.shape);
    const cOut = (weight.shape[1] ?? 1) * Math.max(1, args.groups);
    const bv = biasVector(args.bias, cOut);
    const b = bv && tensor(bv, [bv.length]);
    const opts = {
      stride: args.stride,
      padding: args.padding as [number, number],
      outputPadding,
      dilation: args.dilation,
      groups: args.groups,
    };
    const out = convTranspose2d(x, w, b, opts);
    const geo = convTranspose2dGeometry(input.shape, weight.shape, opts, b ? b.shape : null);
    return { output: { shape: [...out.shape], data: out.data }, geo, ms: performance.now() - t0 };
  } catch (e) {
    if (e instanceof TorchError) return { error: `${e.type}: ${e.message}` };
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/** Both axes' terms from the arguments alone (no checks), so a refused output size can still show its formula; null for 'same'/'valid'. */
export function transposedAxes(
  H: number,
  W: number,
  kH: number,
  kW: number,
  args: Conv2dArgs,
  outputPadding: [number, number],
): [TransposedAxis, TransposedAxis] | null {
  if (typeof args.padding === 'string') return null;
  const axis = (i: 0 | 1, input: number, kernel: number): TransposedAxis => {
    const [stride, padding, dilation, outPad] = [args.stride[i], (args.padding as [number, number])[i], args.dilation[i], outputPadding[i]];
    const output = transposedOutputSize(input, kernel, stride, padding, outPad, dilation);
    return { input, kernel, stride, padding, outputPadding: outPad, dilation, output };
  };
  return [axis(0, H, kH), axis(1, W, kW)];
}
