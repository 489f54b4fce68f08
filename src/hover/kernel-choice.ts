// Which kernel hovers convolve with: the one last chosen in the panel, else the `tensorLens.hover.kernel` setting.
import type { Conv2dArgs } from '../core/protocol/convolution';
import type { HoverKernel } from '../core/protocol/hover-worker';

export type { HoverKernel } from '../core/protocol/hover-worker';
import { presetById, presetTensor } from '../core/render/kernel-presets';
import type { Literal, LiteralError } from '../core/literals/types';
import { settingsArgs, type HoverSettings } from './settings';

/** What the Convolution panel remembered (weight [C_out, C_in/groups, kH, kW], flat). */
export interface RememberedKernelLike {
  label: string;
  shape: number[];
  data: ArrayLike<number>;
  args: Conv2dArgs;
}

export type KernelParser = (text: string) => Literal | LiteralError | null | undefined;

/** The panel's kernel (its first 2-D slice), else the setting's preset or literal; an error text when neither works. */
export function chooseKernel(
  settings: HoverSettings,
  remembered: RememberedKernelLike | undefined,
  parse: KernelParser,
): HoverKernel | { error: string } {
  if (remembered && remembered.shape.length >= 2) {
    const kH = remembered.shape[remembered.shape.length - 2];
    const kW = remembered.shape[remembered.shape.length - 1];
    if (kH > 0 && kW > 0 && remembered.data.length >= kH * kW) {
      return {
        label: remembered.label,
        kH,
        kW,
        data: Float32Array.from({ length: kH * kW }, (_, i) => remembered.data[i]),
        args: { ...remembered.args, groups: 1 },
      };
    }
  }
  return kernelFromSetting(settings, parse);
}

export function kernelFromSetting(settings: HoverSettings, parse: KernelParser): HoverKernel | { error: string } {
  const args = settingsArgs(settings);
  const preset = presetById(settings.kernel.toLowerCase());
  if (preset) {
    const t = presetTensor(preset);
    return { label: preset.label, kH: t.shape[0], kW: t.shape[1], data: t.data, args };
  }
  const lit = parse(settings.kernel);
  if (!lit || lit.kind === 'layer')
    return { error: `tensorLens.hover.kernel: "${settings.kernel}" is neither a preset nor a tensor literal` };
  if (lit.kind === 'error') return { error: `tensorLens.hover.kernel: ${lit.message} (column ${lit.column})` };
  if (lit.shape.length < 2 || lit.shape.some((n) => n === 0))
    return { error: `tensorLens.hover.kernel must be 2-D (or [C_out, C_in, kH, kW]); got shape [${lit.shape.join(', ')}]` };
  const kH = lit.shape[lit.shape.length - 2];
  const kW = lit.shape[lit.shape.length - 1];
  return { label: 'custom', kH, kW, data: lit.data.slice(0, kH * kW), args };
}

/** "X (tutorial) 3×3, stride 1, padding 0" — arguments at their defaults after stride/padding are left out. */
export function kernelCaption(k: HoverKernel): string {
  const pair = (p: [number, number]): string => (p[0] === p[1] ? String(p[0]) : `(${p[0]}, ${p[1]})`);
  const parts = [
    `${k.label} ${k.kH}×${k.kW}`,
    `stride ${pair(k.args.stride)}`,
    `padding ${typeof k.args.padding === 'string' ? `'${k.args.padding}'` : pair(k.args.padding)}`,
  ];
  if (k.args.dilation[0] !== 1 || k.args.dilation[1] !== 1) parts.push(`dilation ${pair(k.args.dilation)}`);
  if (k.args.paddingMode !== 'zeros' && k.args.padding !== 'valid') parts.push(`padding_mode '${k.args.paddingMode}'`);
  if (k.args.bias !== null && k.args.bias !== 0) parts.push(`bias ${k.args.bias}`);
  return parts.join(', ');
}
