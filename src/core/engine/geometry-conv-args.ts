// Conv2d arguments: the options type, int-list checks, nn.Conv2d's constructor checks and the per-side 'same'/'valid' padding split.
import { TorchError, valueError } from './errors';
import { PADDING_MODES, type PaddingMode, type SidePads } from './pad-geometry';

export type IntPair = number | [number, number] | readonly number[];

export interface Conv2dOptions {
  stride?: IntPair;
  padding?: IntPair | 'same' | 'valid';
  dilation?: IntPair;
  groups?: number;
  paddingMode?: PaddingMode;
}

/** nn.Conv2d's constructor checks (ValueError), in PyTorch's order. */
export function checkConv2dModuleArgs(inChannels: number, outChannels: number, opts: Conv2dOptions): void {
  const groups = opts.groups ?? 1;
  if (groups <= 0) throw valueError('groups must be a positive integer');
  if (inChannels % groups !== 0) throw valueError('in_channels must be divisible by groups');
  if (outChannels % groups !== 0) throw valueError('out_channels must be divisible by groups');
  const padding = opts.padding ?? 0;
  if (typeof padding === 'string') {
    if (padding !== 'same' && padding !== 'valid') {
      throw valueError(`Invalid padding string '${padding}', should be one of {'same', 'valid'}`);
    }
    if (padding === 'same' && intList(opts.stride ?? 1, 'stride').some((s) => s !== 1)) {
      throw valueError("padding='same' is not supported for strided convolutions");
    }
  }
  const mode = (opts.paddingMode ?? 'zeros') as string;
  if (!(PADDING_MODES as readonly string[]).includes(mode)) {
    throw valueError(`padding_mode must be one of {'zeros', 'circular', 'reflect', 'replicate'}, but got padding_mode='${mode}'`);
  }
}

/** 'same' padding per side for stride 1: total d·(k−1), the odd pixel at the bottom/right (C++ integer division). */
export function samePads(weightShape: readonly number[], dilation: readonly number[]): SidePads {
  const [dH, dW] = pairOf(dilation);
  const split = (k: number, d: number): [number, number] => {
    const total = d * (k - 1);
    const lo = Math.trunc(total / 2);
    return [lo, total - lo];
  };
  const [top, bottom] = split(weightShape[2] ?? 1, dH);
  const [left, right] = split(weightShape[3] ?? 1, dW);
  return { top, bottom, left, right };
}

/** Padding per side for explicit `[pH, pW]`, 'valid' and 'same' padding of a kH×kW kernel, as PyTorch applies it. */
export function sidePads(
  padding: readonly [number, number] | 'same' | 'valid',
  kH: number,
  kW: number,
  dilation: readonly [number, number],
): SidePads {
  if (padding === 'valid') return { top: 0, bottom: 0, left: 0, right: 0 };
  if (padding === 'same') return samePads([0, 0, kH, kW], dilation);
  return { top: padding[0], bottom: padding[0], left: padding[1], right: padding[1] };
}

export function intList(v: IntPair, name: string): number[] {
  const list = typeof v === 'number' ? [v] : [...v];
  for (const x of list) {
    if (typeof x !== 'number' || !Number.isInteger(x)) {
      throw new TorchError(
        'TypeError',
        `conv2d(): argument '${name}' must be tuple of ints, but found element of type ${typeof x === 'number' ? 'float' : typeof x}`,
      );
    }
  }
  return list;
}

export function pairOf(list: readonly number[]): [number, number] {
  return [list[0], list.length > 1 ? list[1] : list[0]];
}
