// The Convolution panel's transposed mode: what to draw (zero-inserted plane or scatter), the grid it steps and each cell's sum.
import type { Term } from '../../../src/core/render/arithmetic';
import { scaleFor, type ThemeKind } from '../../../src/core/render/colormap';
import { feeds, footprint } from '../../../src/core/render/conv-window';
import {
  flippedKernel,
  inputIndex,
  planeCellKind,
  PLANE_INPUT,
  PLANE_INSERTED,
  scatterTargets,
  scatterTerms,
  transposedShapeFormula,
  zeroInsertedMask,
  zeroInsertedPlane,
  zeroInsertedTerms,
  zeroInsertedWindow,
} from '../../../src/core/render/transposed';
import type { Cell } from '../../common/cell';
import { planeOf } from './conv2d';
import type { DeriveSettings, Derived, Selection, TransposedDerived, TransposedMode } from '../state';
import { runConvTranspose, transposedAxes, transposedWeight } from './transposed';

/** Above this many cells the zero-inserted plane is not built (the plain input is drawn instead). */
const PLANE_LIMIT = 4_000_000;

/** An output cell clicked in the scatter view, kept while the step it was picked at stays. */
export interface PickedCell {
  step: number;
  cell: Cell;
}

/**
 * Fills d (whose input, N, C and input scale are set) with conv_transpose2d's weight, output and explanation planes;
 * clamps sel.outChannel to the output channels.
 */
export function deriveTransposed(x: DeriveSettings, sel: Selection, d: Derived, theme: ThemeKind): void {
  const mode = x.transposed.mode;
  const input = d.input!;
  const [H, W] = input.shape.slice(-2);
  const inPlane = planeOf(input, sel.batch, sel.channel);
  d.padded = { rows: H, cols: W, values: inPlane, mask: new Uint8Array(H * W) };
  const weight = transposedWeight(x.kernels, d.C);
  if ('error' in weight) return void (d.error = weight.error);
  d.weight = weight;
  const groups = Math.max(1, x.args.groups);
  const [cIn, cOutG, kH, kW] = weight.shape;
  d.Cout = Math.max(1, cOutG * groups);
  const oc = (sel.outChannel = Math.min(sel.outChannel, d.Cout - 1));
  d.scales.kernel = scaleFor(weight.data, theme);
  const cInG = Math.max(1, Math.floor(cIn / groups));
  const group = Math.floor(oc / cOutG);
  const channels = Array.from({ length: cInG }, (_, i) => group * cInG + i).filter((c) => c < Math.min(cIn, d.C));
  const kernelOf = (ci: number) => planeOf(weight, ci, oc % cOutG);
  const kernel = kernelOf(channels.includes(sel.channel) ? sel.channel : (channels[0] ?? 0));
  const t: TransposedDerived = { planes: [], kernels: [], shownInGroup: channels.indexOf(sel.channel) };
  d.t = t;
  d.kernelPlane = mode === 'zero-inserted' ? flippedKernel(kernel, kH, kW) : kernel;
  const op = x.transposed.outputPadding;
  if (x.argError) return void (d.waiting = x.argError);
  const r = runConvTranspose(input, weight, x.args, op);
  if ('error' in r) {
    d.error = r.error;
    const axes = transposedAxes(H, W, kH, kW, x.args, op);
    if (axes && (axes[0].output < 1 || axes[1].output < 1))
      t.formulas = [transposedShapeFormula('H', axes[0]), transposedShapeFormula('W', axes[1])];
    return;
  }
  const { h, w } = r.geo;
  Object.assign(t, { h, w, formulas: [transposedShapeFormula('H', h), transposedShapeFormula('W', w)] });
  d.output = r.output;
  d.ms = r.ms;
  d.outPlane = planeOf(r.output, sel.batch, oc);
  if (d.Cout > 1) d.channelPlanes = Array.from({ length: d.Cout }, (_, c) => (c === oc ? d.outPlane! : planeOf(r.output, sel.batch, c)));
  d.scales.output = scaleFor(r.output.data, theme);
  t.planes = channels.map((ci) => planeOf(input, sel.batch, ci));
  t.kernels = channels.map(kernelOf);
  const z = zeroInsertedWindow(h, w);
  if (mode === 'zero-inserted' && z.H * z.W <= PLANE_LIMIT) {
    t.window = z;
    d.padded = { rows: z.H, cols: z.W, values: zeroInsertedPlane(inPlane, h, w), mask: zeroInsertedMask(h, w) };
  }
}

/** The grid the stepper walks: output cells (zero-inserted view) or input cells (scatter view). */
export function transposedStepShape(d: Derived, mode: TransposedMode): [number, number] | null {
  const t = d.t;
  if (!t?.h || !t.w) return null;
  return mode === 'scatter' ? [t.h.input, t.w.input] : [t.h.output, t.w.output];
}

/** Output cells the input cell `at` scatters into (scatter view). */
export function scatterCells(d: Derived, mode: TransposedMode, at: Cell | null): Cell[] {
  const t = d.t;
  if (!t?.h || !t.w || !at || mode !== 'scatter') return [];
  return scatterTargets(t.h, t.w, at[0], at[1]).map((s) => [s.oy, s.ox]);
}

/** The output cell whose sum is written: the stepped one, or in the scatter view the picked one or the first the input cell reaches. */
export function transposedOutputCell(
  d: Derived,
  mode: TransposedMode,
  at: Cell | null,
  step: number,
  picked: PickedCell | null,
): Cell | null {
  if (!at || mode === 'zero-inserted') return at;
  if (picked?.step === step) return picked.cell;
  const first = scatterCells(d, mode, at)[0];
  return first ? [first[0], first[1]] : null;
}

/** The products summed into output cell `at`, over the input channels of its group. */
export function transposedTerms(d: Derived, mode: TransposedMode, at: Cell | null): Term[] {
  const t = d.t;
  if (!t?.h || !t.w || !at) return [];
  if (mode === 'zero-inserted') {
    return zeroInsertedTerms(t.h, t.w, t.planes, t.kernels, at[0], at[1]);
  }
  const { h, w } = t;
  return t.planes.flatMap((plane, channel) =>
    scatterTerms(h, w, plane, t.kernels[channel], at[0], at[1]).map((s) => ({
      x: s.x,
      w: s.w,
      channel,
      row: s.iy,
      col: s.ix,
      ky: s.ky,
      kx: s.kx,
      padded: false,
    })),
  );
}

/** Tooltip of one product in the arithmetic line. */
export function transposedTermTitle(d: Derived, mode: TransposedMode, term: Term): string {
  const t = d.t;
  if (mode === 'scatter' || !t?.h || !t.w) return `input[${term.row}, ${term.col}] × kernel[${term.ky}, ${term.kx}]`;
  const tap = `flipped kernel[${term.ky}, ${term.kx}] (kernel[${t.h.kernel - 1 - term.ky}, ${t.w.kernel - 1 - term.kx}])`;
  const kind = planeCellKind(t.h, t.w, term.row, term.col);
  const what =
    kind === PLANE_INPUT
      ? `input[${inputIndex(t.h, term.row)}, ${inputIndex(t.w, term.col)}]`
      : kind === PLANE_INSERTED
        ? 'inserted zero'
        : 'padding';
  return `${what} × ${tap}`;
}

/** The kernel window on the zero-inserted plane (zero-inserted view). */
export function transposedWindow(d: Derived, mode: TransposedMode, at: Cell | null): Cell[] {
  const g = d.t?.window;
  return g && at && mode === 'zero-inserted' ? footprint(g, at[0], at[1]) : [];
}

/** Output cells a hovered input-grid cell reaches. */
export function transposedFedBy(d: Derived, mode: TransposedMode, cell: Cell | null): Cell[] {
  const t = d.t;
  if (!cell || !t?.h || !t.w) return [];
  if (mode === 'scatter') return scatterTargets(t.h, t.w, cell[0], cell[1]).map((s) => [s.oy, s.ox]);
  return t.window ? feeds(t.window, cell[0], cell[1]) : [];
}

/** Tooltip of an input-grid cell: the input cell, an inserted zero or padding, and how many outputs it reaches. */
export function describeTransposedInput(d: Derived, mode: TransposedMode, r: number, c: number): string {
  const t = d.t;
  const value = d.padded?.values[r * d.padded.cols + c];
  if (mode === 'scatter' || !t?.h || !t.w || !t.window) {
    const reach = transposedFedBy(d, mode, [r, c]).length;
    return `input[${r}, ${c}] = ${value} · scatters into ${reach} output${reach === 1 ? '' : 's'}`;
  }
  const kind = d.padded?.mask[r * d.padded.cols + c];
  const what =
    kind === PLANE_INPUT
      ? `input[${inputIndex(t.h, r)}, ${inputIndex(t.w, c)}] = ${value}`
      : kind === PLANE_INSERTED
        ? `inserted zero (stride ${t.h.stride}×${t.w.stride})`
        : 'padding (zero)';
  const fed = transposedFedBy(d, mode, [r, c]).length;
  return `${what} · feeds ${fed} output${fed === 1 ? '' : 's'}`;
}
