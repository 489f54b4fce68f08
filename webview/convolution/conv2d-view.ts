// The Convolution panel's conv2d: what it draws (padded input, output, both groupings) and its sliding window's cells and sums.
import type { WireTensor } from '../../src/core/protocol/convolution';
import { windowTerms, type Term } from '../../src/core/render/arithmetic';
import { scaleFor, type ThemeKind } from '../../src/core/render/colormap';
import { feeds, footprint, readsFrom, windowGeometry } from '../../src/core/render/conv-window';
import { buildWeight, paddedPlane, planeOf, runConv } from './conv-compute';
import { channelsOf, type Derived } from './conv-derived';
import type { ConvolutionView } from './convolution-view';
import type { Cell } from '../common/heatmap-grid';

/** Fills d (whose input, N, C and input scale are set) with conv2d's weight, padded plane and output, or PyTorch's error. */
export function deriveConv2d(v: ConvolutionView, d: Derived, theme: ThemeKind): void {
  const input = d.input!;
  const [H, W] = input.shape.slice(-2);
  const weight = buildWeight(v.kernels, d.C, v.args.groups);
  if ('error' in weight) return void (d.error = weight.error);
  d.weight = weight;
  d.Cout = weight.shape[0];
  v.outChannel = Math.min(v.outChannel, d.Cout - 1);
  d.scales.kernel = scaleFor(weight.data, theme);
  const [kH, kW] = weight.shape.slice(-2);
  const g = windowGeometry(H, W, kH, kW, v.args);
  const inPlane = planeOf(input, v.batch, v.channel);
  // The padded view is drawn even when conv2d fails, so the user sees why (capped so huge paddings can't stall the page).
  const padCells = (H + g.pad.top + g.pad.bottom) * (W + g.pad.left + g.pad.right);
  d.padded = padCells <= 4_000_000 && g.pad.top >= 0 && g.pad.left >= 0 ? paddedPlane(g, inPlane) : undefined;
  d.kernelPlane = planeOf(weight, v.outChannel, 0);
  if (v.argError) return void (d.waiting = v.argError);
  const result = runConv(input, weight, v.args);
  if ('error' in result) {
    // Reflect/replicate/circular padding that PyTorch refuses has no values to show: draw the input as it is.
    const refused = v.args.paddingMode !== 'zeros' && (g.pad.top > 0 || g.pad.bottom > 0 || g.pad.left > 0 || g.pad.right > 0);
    if (refused) d.padded = paddedPlane({ ...g, pad: { top: 0, bottom: 0, left: 0, right: 0 } }, inPlane);
    d.error = result.error;
    d.paddingRefused = refused;
    return;
  }
  d.output = result.output;
  d.ms = result.ms;
  d.g = result.g;
  d.outPlane = planeOf(result.output, v.batch, v.outChannel);
  if (d.Cout > 1)
    d.channelPlanes = Array.from({ length: d.Cout }, (_, c) => (c === v.outChannel ? d.outPlane! : planeOf(result.output, v.batch, c)));
  d.scales.output = scaleFor(result.output.data, theme);
  d.both = bothWays(v, input, result.output);
}

/** For one 2-D kernel on a 3-channel input: the other grouping's output too, so summed and per-channel sit side by side. */
function bothWays(v: ConvolutionView, input: WireTensor, output: { shape: number[]; data: Float32Array }): Derived['both'] {
  const g = v.args.groups;
  if (input.shape[input.shape.length - 3] !== 3) return undefined;
  if (v.kernels.length !== 1 || v.kernels[0].shape.length !== 2 || (g !== 1 && g !== 3)) return undefined;
  const otherGroups = g === 1 ? 3 : 1;
  const weight = buildWeight(v.kernels, 3, otherGroups);
  if ('error' in weight) return undefined;
  const other = runConv(input, weight, { ...v.args, groups: otherGroups });
  if ('error' in other) return undefined;
  const [summed, perChannel] = g === 1 ? [output, other.output] : [other.output, output];
  const [H, W] = summed.shape.slice(-2);
  return { summed: planeOf(summed, v.batch, 0), perChannel: channelsOf(perChannel, v.batch, 3), H, W };
}

/** The products of the current output cell, over the input channels of its group. */
export function conv2dTerms(v: ConvolutionView): Term[] {
  const { g, input, weight } = v.d;
  const at = v.position();
  if (!g || !input || !weight || !at) return [];
  const cg = weight.shape[1];
  const group = Math.floor(v.outChannel / (weight.shape[0] / v.args.groups));
  const planes = Array.from({ length: cg }, (_, i) => planeOf(input, v.batch, group * cg + i));
  const kernels = Array.from({ length: cg }, (_, i) => planeOf(weight, v.outChannel, i));
  return windowTerms(g, planes, kernels, at[0], at[1]);
}

export function windowCells(v: ConvolutionView): Cell[] {
  const at = v.position();
  return v.d.g && at ? footprint(v.d.g, at[0], at[1]) : [];
}

export function fedBy(v: ConvolutionView, cell: Cell | null): Cell[] {
  return v.d.g && cell ? feeds(v.d.g, cell[0], cell[1]) : [];
}

/** Tooltip of an input-grid cell: the input cell or the padding (and what it copies), and how many outputs it feeds. */
export function describeInput(v: ConvolutionView, r: number, c: number): string {
  const g =
    v.d.g ??
    (v.d.weight && v.d.input
      ? windowGeometry(v.d.input.shape.at(-2) ?? 0, v.d.input.shape.at(-1) ?? 0, v.d.weight.shape[2], v.d.weight.shape[3], v.args)
      : undefined);
  const value = v.d.padded?.values[r * (v.d.padded?.cols ?? 0) + c];
  if (!g) return String(value);
  const inside = v.d.padded?.mask[r * v.d.padded.cols + c] === 0;
  const from = readsFrom(g, r, c);
  const fed = fedBy(v, [r, c]).length;
  const what = inside
    ? `input[${r - g.pad.top}, ${c - g.pad.left}]`
    : from
      ? `padding (${g.mode}, copies input[${from[0]}, ${from[1]}])`
      : 'padding (zero)';
  return `${what} = ${value} · feeds ${fed} output${fed === 1 ? '' : 's'}`;
}
