// What the panel shows for conv2d: the padded input, output and both groupings it draws, and its sliding window's cells and sums.
import type { Conv2dArgs, WireTensor } from '../../../src/core/protocol/convolution';
import { windowTerms, type Term } from '../../../src/core/render/arithmetic';
import { scaleFor, type ThemeKind } from '../../../src/core/render/colormap';
import { feeds, footprint, readsFrom, windowGeometry } from '../../../src/core/render/conv-window';
import type { Cell } from '../../common/cell';
import { buildWeight, channelsOf, paddedPlane, planeOf, runConv } from './conv2d';
import type { DeriveSettings, Derived, Selection } from '../state';

/**
 * Fills d (whose input, N, C and input scale are set) with conv2d's weight, padded plane and output, or PyTorch's error;
 * clamps sel.outChannel to the weight's output channels.
 */
export function deriveConv2d(x: DeriveSettings, sel: Selection, d: Derived, theme: ThemeKind): void {
  const input = d.input!;
  const [H, W] = input.shape.slice(-2);
  const weight = buildWeight(x.kernels, d.C, x.args.groups);
  if ('error' in weight) return void (d.error = weight.error);
  d.weight = weight;
  d.Cout = weight.shape[0];
  sel.outChannel = Math.min(sel.outChannel, d.Cout - 1);
  d.scales.kernel = scaleFor(weight.data, theme);
  const [kH, kW] = weight.shape.slice(-2);
  const g = windowGeometry(H, W, kH, kW, x.args);
  const inPlane = planeOf(input, sel.batch, sel.channel);
  // The padded view is drawn even when conv2d fails, so the user sees why (capped so huge paddings can't stall the page).
  const padCells = (H + g.pad.top + g.pad.bottom) * (W + g.pad.left + g.pad.right);
  d.padded = padCells <= 4_000_000 && g.pad.top >= 0 && g.pad.left >= 0 ? paddedPlane(g, inPlane) : undefined;
  d.kernelPlane = planeOf(weight, sel.outChannel, 0);
  if (x.argError) return void (d.waiting = x.argError);
  const result = runConv(input, weight, x.args);
  if ('error' in result) {
    // Reflect/replicate/circular padding that PyTorch refuses has no values to show: draw the input as it is.
    const refused = x.args.paddingMode !== 'zeros' && (g.pad.top > 0 || g.pad.bottom > 0 || g.pad.left > 0 || g.pad.right > 0);
    if (refused) d.padded = paddedPlane({ ...g, pad: { top: 0, bottom: 0, left: 0, right: 0 } }, inPlane);
    d.error = result.error;
    d.paddingRefused = refused;
    return;
  }
  d.output = result.output;
  d.ms = result.ms;
  d.g = result.g;
  d.outPlane = planeOf(result.output, sel.batch, sel.outChannel);
  if (d.Cout > 1)
    d.channelPlanes = Array.from({ length: d.Cout }, (_, c) => (c === sel.outChannel ? d.outPlane! : planeOf(result.output, sel.batch, c)));
  d.scales.output = scaleFor(result.output.data, theme);
  d.both = bothWays(x, sel.batch, input, result.output);
}

/** For one 2-D kernel on a 3-channel input: the other grouping's output too, so summed and per-channel sit side by side. */
function bothWays(x: DeriveSettings, batch: number, input: WireTensor, output: { shape: number[]; data: Float32Array }): Derived['both'] {
  const g = x.args.groups;
  if (input.shape[input.shape.length - 3] !== 3) return undefined;
  if (x.kernels.length !== 1 || x.kernels[0].shape.length !== 2 || (g !== 1 && g !== 3)) return undefined;
  const otherGroups = g === 1 ? 3 : 1;
  const weight = buildWeight(x.kernels, 3, otherGroups);
  if ('error' in weight) return undefined;
  const other = runConv(input, weight, { ...x.args, groups: otherGroups });
  if ('error' in other) return undefined;
  const [summed, perChannel] = g === 1 ? [output, other.output] : [other.output, output];
  const [H, W] = summed.shape.slice(-2);
  return { summed: planeOf(summed, batch, 0), perChannel: channelsOf(perChannel, batch, 3), H, W };
}

/** The products of output cell `at`, over the input channels of its group. */
export function conv2dTerms(d: Derived, sel: Selection, groups: number, at: Cell | null): Term[] {
  const { g, input, weight } = d;
  if (!g || !input || !weight || !at) return [];
  const cg = weight.shape[1];
  const group = Math.floor(sel.outChannel / (weight.shape[0] / groups));
  const planes = Array.from({ length: cg }, (_, i) => planeOf(input, sel.batch, group * cg + i));
  const kernels = Array.from({ length: cg }, (_, i) => planeOf(weight, sel.outChannel, i));
  return windowTerms(g, planes, kernels, at[0], at[1]);
}

/** The input cells under the window of output cell `at`. */
export function windowCells(d: Derived, at: Cell | null): Cell[] {
  return d.g && at ? footprint(d.g, at[0], at[1]) : [];
}

/** The output cells a (padded) input cell feeds. */
export function fedBy(d: Derived, cell: Cell | null): Cell[] {
  return d.g && cell ? feeds(d.g, cell[0], cell[1]) : [];
}

/** Tooltip of an input-grid cell: the input cell or the padding (and what it copies), and how many outputs it feeds. */
export function describeConv2dInput(d: Derived, args: Conv2dArgs, r: number, c: number): string {
  const g =
    d.g ??
    (d.weight && d.input
      ? windowGeometry(d.input.shape.at(-2) ?? 0, d.input.shape.at(-1) ?? 0, d.weight.shape[2], d.weight.shape[3], args)
      : undefined);
  const value = d.padded?.values[r * (d.padded?.cols ?? 0) + c];
  if (!g) return String(value);
  const inside = d.padded?.mask[r * d.padded.cols + c] === 0;
  const from = readsFrom(g, r, c);
  const fed = fedBy(d, [r, c]).length;
  const what = inside
    ? `input[${r - g.pad.top}, ${c - g.pad.left}]`
    : from
      ? `padding (${g.mode}, copies input[${from[0]}, ${from[1]}])`
      : 'padding (zero)';
  return `${what} = ${value} · feeds ${fed} output${fed === 1 ? '' : 's'}`;
}
