// A runnable PyTorch script that reproduces what the Convolution panel shows (F.pad for non-zero modes, then F.conv2d).
import type { Conv2dArgs } from '../protocol/convolution';
import { sidePadding } from './conv-window';
import { formatTorchTensor } from './tensor-format';
import { shortestFloat32 } from './decimal';

export interface SnippetInput {
  /** The input as written (2-D literals are viewed as [1, 1, H, W], as the tutorial does). */
  input: { shape: readonly number[]; data: ArrayLike<number> };
  /** Weight [C_out, C_in/groups, kH, kW]. */
  weight: { shape: readonly number[]; data: ArrayLike<number> };
  args: Conv2dArgs;
}

const pair = (p: readonly [number, number]) => `(${p[0]}, ${p[1]})`;

/** The Python source; every tensor at full float32 precision, so running it prints the panel's output. */
export function conv2dSnippet({ input, weight, args }: SnippetInput): string {
  const { lines, callArgs } = preamble({ input, weight, args }, weight.shape[0]);
  let padding: string = typeof args.padding === 'string' ? `'${args.padding}'` : pair(args.padding);
  if (args.paddingMode !== 'zeros') {
    // nn.Conv2d pads with F.pad for these modes and then convolves without padding.
    const p = sidePadding(args.padding, weight.shape[2], weight.shape[3], args.dilation);
    if (p.left + p.right + p.top + p.bottom > 0)
      lines.push(`x = F.pad(x, (${p.left}, ${p.right}, ${p.top}, ${p.bottom}), mode='${args.paddingMode}')`);
    padding = '(0, 0)';
  }
  callArgs.push(`stride=${pair(args.stride)}`, `padding=${padding}`);
  if (args.dilation[0] !== 1 || args.dilation[1] !== 1) callArgs.push(`dilation=${pair(args.dilation)}`);
  if (args.groups !== 1) callArgs.push(`groups=${args.groups}`);
  lines.push(`out = F.conv2d(${callArgs.join(', ')})`, 'print(out)', '');
  return lines.join('\n');
}

/** Imports, x (viewed as [1, 1, H, W] when 2-D), k and, with a bias, b of `outChannels`; the call's first arguments. */
function preamble({ input, weight, args }: SnippetInput, outChannels: number): { lines: string[]; callArgs: string[] } {
  const lines = ['import torch', 'import torch.nn.functional as F', ''];
  const x = formatTorchTensor(input.shape, input.data, { prefix: 'x = torch.tensor(', precision: 'round-trip' });
  lines.push(input.shape.length === 2 ? `${x}.view(1, 1, ${input.shape[0]}, ${input.shape[1]})` : x);
  lines.push(formatTorchTensor(weight.shape, weight.data, { prefix: 'k = torch.tensor(', precision: 'round-trip' }));
  const callArgs = ['x', 'k'];
  if (args.bias !== null) {
    lines.push(
      typeof args.bias === 'number'
        ? `b = torch.full((${outChannels},), ${pyFloat(args.bias)})`
        : `b = torch.tensor([${args.bias.map(pyFloat).join(', ')}])`,
    );
    callArgs.push('b');
  }
  return { lines, callArgs };
}

function pyFloat(v: number): string {
  const s = shortestFloat32(v);
  return /[.e]/.test(s) ? s : `${s}.`;
}

/** The F.conv_transpose2d script for the panel's transposed mode (weight [C_in, C_out/groups, kH, kW], zeros padding only). */
export function convTranspose2dSnippet({ input, weight, args }: SnippetInput, outputPadding: readonly [number, number]): string {
  const { lines, callArgs } = preamble({ input, weight, args }, weight.shape[1] * args.groups);
  const padding = typeof args.padding === 'string' ? `'${args.padding}'` : pair(args.padding);
  callArgs.push(`stride=${pair(args.stride)}`, `padding=${padding}`, `output_padding=${pair(outputPadding)}`);
  if (args.groups !== 1) callArgs.push(`groups=${args.groups}`);
  if (args.dilation[0] !== 1 || args.dilation[1] !== 1) callArgs.push(`dilation=${pair(args.dilation)}`);
  lines.push(`out = F.conv_transpose2d(${callArgs.join(', ')})`, 'print(out)', '');
  return lines.join('\n');
}
