// The Convolution panel's transposed mode: settings, what to draw (zero-inserted plane or scatter), stepping and each cell's sum.
import type { TransposedAxis } from '../../src/core/engine/geometry-transposed';
import type { Term } from '../../src/core/render/arithmetic';
import { scaleFor, type ThemeKind } from '../../src/core/render/colormap';
import { feeds, footprint, type WindowGeometry } from '../../src/core/render/conv-window';
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
} from '../../src/core/render/transposed';
import { planeOf } from './conv-compute';
import type { Derived } from './conv-derived';
import type { ConvolutionView } from './convolution-view';
import type { Cell } from '../common/heatmap-grid';
import { runConvTranspose, transposedAxes, transposedWeight } from './transposed-compute';

export type TransposedMode = 'zero-inserted' | 'scatter';

export interface TransposedSettings {
  on: boolean;
  outputPadding: [number, number];
  mode: TransposedMode;
}

export const DEFAULT_TRANSPOSED: TransposedSettings = { on: false, outputPadding: [0, 0], mode: 'zero-inserted' };

export interface TransposedDerived {
  h?: TransposedAxis;
  w?: TransposedAxis;
  /** H_out and W_out filled in (also when PyTorch refuses a too-small output, to show why). */
  formulas?: [string, string];
  /** The flipped kernel over the zero-inserted plane at stride 1 (zero-inserted view, when the plane is small enough to draw). */
  window?: WindowGeometry;
  /** The output channel's group: its input planes and their kernels (unflipped). */
  planes: Float32Array[];
  kernels: Float32Array[];
  /** Index of the shown input channel within the group (-1 when it is in another group). */
  shownInGroup: number;
}

/** Above this many cells the zero-inserted plane is not built (the plain input is drawn instead). */
const PLANE_LIMIT = 4_000_000;

export class TransposedController {
  /** An output cell clicked in the scatter view, kept while the step it was picked at stays. */
  private picked: { step: number; cell: Cell } | null = null;

  constructor(private readonly v: ConvolutionView) {}

  get mode(): TransposedMode {
    return this.v.transposed.mode;
  }

  /** Fills d (whose input, N, C and input scale are set) with conv_transpose2d's weight, output and explanation planes. */
  derive(d: Derived, theme: ThemeKind): void {
    const v = this.v;
    const input = d.input!;
    const [H, W] = input.shape.slice(-2);
    const inPlane = planeOf(input, v.batch, v.channel);
    d.padded = { rows: H, cols: W, values: inPlane, mask: new Uint8Array(H * W) };
    const weight = transposedWeight(v.kernels, d.C);
    if ('error' in weight) return void (d.error = weight.error);
    d.weight = weight;
    const groups = Math.max(1, v.args.groups);
    const [cIn, cOutG, kH, kW] = weight.shape;
    d.Cout = Math.max(1, cOutG * groups);
    const oc = (v.outChannel = Math.min(v.outChannel, d.Cout - 1));
    d.scales.kernel = scaleFor(weight.data, theme);
    const cInG = Math.max(1, Math.floor(cIn / groups));
    const group = Math.floor(oc / cOutG);
    const channels = Array.from({ length: cInG }, (_, i) => group * cInG + i).filter((c) => c < Math.min(cIn, d.C));
    const kernelOf = (ci: number) => planeOf(weight, ci, oc % cOutG);
    const kernel = kernelOf(channels.includes(v.channel) ? v.channel : (channels[0] ?? 0));
    const t: TransposedDerived = { planes: [], kernels: [], shownInGroup: channels.indexOf(v.channel) };
    d.t = t;
    d.kernelPlane = this.mode === 'zero-inserted' ? flippedKernel(kernel, kH, kW) : kernel;
    const op = v.transposed.outputPadding;
    if (v.argError) return void (d.waiting = v.argError);
    const r = runConvTranspose(input, weight, v.args, op);
    if ('error' in r) {
      d.error = r.error;
      const axes = transposedAxes(H, W, kH, kW, v.args, op);
      if (axes && (axes[0].output < 1 || axes[1].output < 1))
        t.formulas = [transposedShapeFormula('H', axes[0]), transposedShapeFormula('W', axes[1])];
      return;
    }
    const { h, w } = r.geo;
    Object.assign(t, { h, w, formulas: [transposedShapeFormula('H', h), transposedShapeFormula('W', w)] });
    d.output = r.output;
    d.ms = r.ms;
    d.outPlane = planeOf(r.output, v.batch, oc);
    if (d.Cout > 1) d.channelPlanes = Array.from({ length: d.Cout }, (_, c) => (c === oc ? d.outPlane! : planeOf(r.output, v.batch, c)));
    d.scales.output = scaleFor(r.output.data, theme);
    t.planes = channels.map((ci) => planeOf(input, v.batch, ci));
    t.kernels = channels.map(kernelOf);
    const z = zeroInsertedWindow(h, w);
    if (this.mode === 'zero-inserted' && z.H * z.W <= PLANE_LIMIT) {
      t.window = z;
      d.padded = { rows: z.H, cols: z.W, values: zeroInsertedPlane(inPlane, h, w), mask: zeroInsertedMask(h, w) };
    }
  }

  /** The grid the stepper walks: output cells (zero-inserted view) or input cells (scatter view). */
  stepShape(): [number, number] | null {
    const t = this.v.d.t;
    if (!t?.h || !t.w) return null;
    return this.mode === 'scatter' ? [t.h.input, t.w.input] : [t.h.output, t.w.output];
  }

  /** The output cell whose sum is written: the stepped one, or in the scatter view the picked one or the first the input cell reaches. */
  outputCell(): Cell | null {
    const at = this.v.position();
    if (!at || this.mode === 'zero-inserted') return at;
    if (this.picked?.step === this.v.step) return this.picked.cell;
    const first = this.targets()[0];
    return first ? [first[0], first[1]] : null;
  }

  /** Output cells the current input cell scatters into (scatter view). */
  targets(): Cell[] {
    const t = this.v.d.t;
    const at = this.v.position();
    if (!t?.h || !t.w || !at || this.mode !== 'scatter') return [];
    return scatterTargets(t.h, t.w, at[0], at[1]).map((s) => [s.oy, s.ox]);
  }

  /** The products summed into outputCell(), over the input channels of its group. */
  terms(): Term[] {
    const t = this.v.d.t;
    const at = this.outputCell();
    if (!t?.h || !t.w || !at) return [];
    if (this.mode === 'zero-inserted') {
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
  termTitle = (term: Term): string => {
    const t = this.v.d.t;
    if (this.mode === 'scatter' || !t?.h || !t.w) return `input[${term.row}, ${term.col}] × kernel[${term.ky}, ${term.kx}]`;
    const tap = `flipped kernel[${term.ky}, ${term.kx}] (kernel[${t.h.kernel - 1 - term.ky}, ${t.w.kernel - 1 - term.kx}])`;
    const kind = planeCellKind(t.h, t.w, term.row, term.col);
    const what =
      kind === PLANE_INPUT
        ? `input[${inputIndex(t.h, term.row)}, ${inputIndex(t.w, term.col)}]`
        : kind === PLANE_INSERTED
          ? 'inserted zero'
          : 'padding';
    return `${what} × ${tap}`;
  };

  /** The kernel window on the zero-inserted plane (zero-inserted view). */
  window(): Cell[] {
    const at = this.v.position();
    const g = this.v.d.t?.window;
    return g && at && this.mode === 'zero-inserted' ? footprint(g, at[0], at[1]) : [];
  }

  /** Output cells a hovered input-grid cell reaches. */
  fedBy(cell: Cell | null): Cell[] {
    const t = this.v.d.t;
    if (!cell || !t?.h || !t.w) return [];
    if (this.mode === 'scatter') return scatterTargets(t.h, t.w, cell[0], cell[1]).map((s) => [s.oy, s.ox]);
    return t.window ? feeds(t.window, cell[0], cell[1]) : [];
  }

  /** A click on the output grid: step there (zero-inserted view) or write that cell's sum (scatter view). */
  selectOutput(cell: Cell): void {
    const t = this.v.d.t;
    if (!t?.w) return;
    if (this.mode === 'zero-inserted') return this.v.setStep(cell[0] * t.w.output + cell[1]);
    this.picked = { step: this.v.step, cell };
    this.v.requestUpdate();
  }

  describeInput = (r: number, c: number): string => {
    const d = this.v.d;
    const t = d.t;
    const value = d.padded?.values[r * d.padded.cols + c];
    if (this.mode === 'scatter' || !t?.h || !t.w || !t.window) {
      const reach = this.fedBy([r, c]).length;
      return `input[${r}, ${c}] = ${value} · scatters into ${reach} output${reach === 1 ? '' : 's'}`;
    }
    const kind = d.padded?.mask[r * d.padded.cols + c];
    const what =
      kind === PLANE_INPUT
        ? `input[${inputIndex(t.h, r)}, ${inputIndex(t.w, c)}] = ${value}`
        : kind === PLANE_INSERTED
          ? `inserted zero (stride ${t.h.stride}×${t.w.stride})`
          : 'padding (zero)';
    const fed = this.fedBy([r, c]).length;
    return `${what} · feeds ${fed} output${fed === 1 ? '' : 's'}`;
  };
}
