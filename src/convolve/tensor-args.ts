// Checks the argument of tensorLens.openTensor / copyTensor (called by other features) and formats copied tensors.
import type { Conv2dArgs } from '../core/protocol/convolution';
import { formatJson, formatTorchTensor } from '../core/render/tensor-format';

export interface TensorArg {
  title?: string;
  shape: number[];
  data: number[];
  format?: 'torch' | 'json';
}

/** The argument if it is a well-formed tensor (data length = product of shape), else what is wrong with it. */
export function checkTensorArg(arg: unknown, needTitle: boolean): TensorArg | string {
  if (typeof arg !== 'object' || arg === null) return 'expected { shape, data }';
  const a = arg as Record<string, unknown>;
  if (!Array.isArray(a.shape) || !a.shape.every((d) => Number.isInteger(d) && (d as number) >= 0))
    return 'shape must be a list of non-negative integers';
  const data = a.data instanceof Float32Array || a.data instanceof Float64Array ? Array.from(a.data) : a.data;
  if (!Array.isArray(data) || !data.every((v) => typeof v === 'number')) return 'data must be a list of numbers';
  const size = (a.shape as number[]).reduce((p, d) => p * d, 1);
  if (size !== data.length) return `shape [${(a.shape as number[]).join(', ')}] needs ${size} values, got ${data.length}`;
  if (needTitle && typeof a.title !== 'string') return 'title must be a string';
  if (a.format !== undefined && a.format !== 'torch' && a.format !== 'json') return "format must be 'torch' or 'json'";
  return {
    title: a.title as string | undefined,
    shape: a.shape as number[],
    data: data as number[],
    format: a.format as TensorArg['format'],
  };
}

/** The argument of tensorLens.useKernel: a titled tensor of 2 ([kH, kW]), 3 ([C, kH, kW]) or 4 ([C_out, C_in, kH, kW]) dimensions. */
export function checkKernelArg(arg: unknown): TensorArg | string {
  const checked = checkTensorArg(arg, true);
  if (typeof checked === 'string') return checked;
  if (checked.shape.length < 2 || checked.shape.length > 4)
    return `a kernel needs 2, 3 or 4 dimensions ([kH, kW], [C, kH, kW] or [C_out, C_in, kH, kW]); this one has shape [${checked.shape.join(', ')}]`;
  if (checked.data.length === 0) return `a kernel can't be empty (shape [${checked.shape.join(', ')}])`;
  return checked;
}

/** The optional `args` of tensorLens.useKernel (a layer's stride, padding, dilation, groups, padding mode), or why not. */
export function checkKernelConvArgs(arg: unknown): Conv2dArgs | undefined | string {
  const a = (arg as { args?: unknown } | null)?.args;
  if (a === undefined || a === null) return undefined;
  if (typeof a !== 'object') return 'args must be an object of conv2d arguments';
  const o = a as Record<string, unknown>;
  const pair = (v: unknown, name: string, min: number): [number, number] | string =>
    Array.isArray(v) && v.length === 2 && v.every((x) => Number.isInteger(x) && (x as number) >= min)
      ? [v[0] as number, v[1] as number]
      : `${name} must be two integers ≥ ${min}`;
  const stride = pair(o.stride ?? [1, 1], 'stride', 1);
  const dilation = pair(o.dilation ?? [1, 1], 'dilation', 1);
  const padding = o.padding === 'same' || o.padding === 'valid' ? o.padding : pair(o.padding ?? [0, 0], 'padding', 0);
  const groups = o.groups ?? 1;
  const modes = ['zeros', 'reflect', 'replicate', 'circular'] as const;
  const paddingMode = o.paddingMode ?? 'zeros';
  for (const v of [stride, dilation, padding]) if (typeof v === 'string' && v !== 'same' && v !== 'valid') return v;
  if (!Number.isInteger(groups) || (groups as number) < 1) return 'groups must be an integer ≥ 1';
  if (!modes.includes(paddingMode as (typeof modes)[number])) return `paddingMode must be one of ${modes.join(', ')}`;
  const bias =
    typeof o.bias === 'number' ? o.bias : Array.isArray(o.bias) && o.bias.every((v) => typeof v === 'number') ? (o.bias as number[]) : null;
  return {
    stride: stride as [number, number],
    padding: padding as Conv2dArgs['padding'],
    dilation: dilation as [number, number],
    groups: groups as number,
    paddingMode: paddingMode as Conv2dArgs['paddingMode'],
    bias,
  };
}

/** What copyTensor puts on the clipboard: torch.tensor([...]) at float32 precision (default) or JSON. */
export function tensorText(t: TensorArg): string {
  return t.format === 'json' ? formatJson(t.shape, t.data) : formatTorchTensor(t.shape, t.data, { precision: 'round-trip' });
}
