// Checks the argument of tensorLens.openTensor / copyTensor (called by other features) and formats copied tensors.
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

/** What copyTensor puts on the clipboard: torch.tensor([...]) at float32 precision (default) or JSON. */
export function tensorText(t: TensorArg): string {
  return t.format === 'json' ? formatJson(t.shape, t.data) : formatTorchTensor(t.shape, t.data, { precision: 'round-trip' });
}
