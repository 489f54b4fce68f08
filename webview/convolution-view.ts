// <tl-convolution-view>: root of the Convolution panel — input ⊛ kernel = output, live arguments, the sliding window, results back to code.
import { LitElement, type PropertyValues } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import {
  DEFAULT_CONV2D_ARGS,
  type Conv2dArgs,
  type ConvolutionHostMessage,
  type KernelCandidate,
  type WireTensor,
} from '../src/core/protocol/convolution';
import { allFinite, fromWire, toWire } from '../src/core/protocol/wire';
import { feeds, footprint, readsFrom, windowGeometry } from '../src/core/render/conv-window';
import { windowTerms, type Term } from '../src/core/render/arithmetic';
import { scaleFor, type ThemeKind } from '../src/core/render/colormap';
import { buildWeight, convInput, paddedPlane, planeOf, runConv, type KernelSpec } from './conv-compute';
import { channelsOf, emptyDerived, labelRoom, type Derived } from './conv-derived';
import { DEFAULT_TRANSPOSED, TransposedController, type TransposedSettings } from './transposed-controller';
import { channelsFirst } from '../src/core/render/rgb';
import { candidateSpec, presetSpec } from './kernel-picker';
import type { Cell, HeatmapGrid } from './heatmap-grid';
export type { Derived } from './conv-derived';
import { loadState, post, saveState } from './vscode-api';
import { viewStyles } from './convolution-view-styles';
import { renderPanel } from './convolution-view-template';
import { transposedStyles } from './transposed-template';
import './heatmap-grid';
import './color-legend';
import './conv-args-bar';
import './kernel-picker';
import './kernel-editor';
import './window-stepper';
import './rgb-image';
import './tensor-thumb';

interface Saved {
  kernels: KernelSpec[];
  args: Conv2dArgs;
  transposed?: TransposedSettings;
  /** The tensor itself when small, so a reloaded panel shows at once (the host re-sends it anyway). */
  shown?: { title: string; input: WireTensor; candidates: KernelCandidate[]; canInsert: boolean };
}

const SAVE_LIMIT = 65_536;

const x = presetSpec('x');
const DEFAULT_KERNELS: KernelSpec[] = x ? [x] : [];
/** Above this compute time (ms) argument changes are debounced instead of recomputed on every keystroke. */
const SLOW_MS = 30;

@customElement('tl-convolution-view')
export class ConvolutionView extends LitElement {
  static override styles = [...viewStyles, transposedStyles];

  @state() panelTitle = '';
  @state() source: WireTensor | null = null;
  @state() candidates: KernelCandidate[] = [];
  @state() canInsert = false;
  @state() sourceError: string | null = null;
  /** Why an argument field is invalid (e.g. "stride height is blank"), or null. */
  @state() argError: string | null = null;
  @state() kernels: KernelSpec[];
  /** Kernels given by tensorLens.useKernel, newest first. */
  @state() opened: KernelSpec[] = [];
  @state() args: Conv2dArgs;
  /** How a 3-D input's axes are read: C×H×W (PyTorch) or H×W×C (PIL, OpenCV, matplotlib). */
  @state() layout: 'chw' | 'hwc' = 'chw';
  @state() batch = 0;
  @state() channel = 0;
  @state() outChannel = 0;
  @state() step = 0;
  @state() playing = false;
  @state() editing = false;
  @state() hoverInput: Cell | null = null;
  @state() hoverTerm: number | null = null;
  @state() cellSize = 28;
  @state() d: Derived = emptyDerived();
  /** The transposed switch, output_padding and which explanation is shown. */
  @state() transposed: TransposedSettings;
  readonly tr = new TransposedController(this);

  private timer: ReturnType<typeof setTimeout> | undefined;
  private player: ReturnType<typeof setInterval> | undefined;
  private resize = new ResizeObserver(() => this.fitCells());
  private themeWatch = new MutationObserver(() => this.onTheme());
  private remembered: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    const saved = loadState<Saved>('convolution', { kernels: DEFAULT_KERNELS, args: DEFAULT_CONV2D_ARGS });
    this.kernels = saved.kernels.length > 0 ? saved.kernels : DEFAULT_KERNELS;
    this.args = saved.args;
    this.transposed = { ...DEFAULT_TRANSPOSED, ...saved.transposed };
    if (saved.shown) {
      this.panelTitle = saved.shown.title;
      this.candidates = saved.shown.candidates;
      this.canInsert = saved.shown.canInsert;
      this.setSource(saved.shown.input, true);
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('message', this.onMessage);
    window.addEventListener('keydown', this.onKey);
    this.resize.observe(this);
    this.themeWatch.observe(document.body, { attributes: true, attributeFilter: ['class'] });
    post({ type: 'ready', view: 'convolution' });
  }

  override disconnectedCallback(): void {
    window.removeEventListener('message', this.onMessage);
    window.removeEventListener('keydown', this.onKey);
    this.resize.disconnect();
    this.themeWatch.disconnect();
    this.stopPlaying();
    super.disconnectedCallback();
  }

  private onMessage = (event: MessageEvent<ConvolutionHostMessage>): void => {
    const m = fromWire(event.data);
    if (m.type === 'show') {
      this.panelTitle = m.title;
      this.candidates = m.candidates;
      this.canInsert = m.canInsert;
      this.sourceError = null;
      const picked = m.kernel ? m.candidates.find((c) => c.name === m.kernel) : undefined;
      if (picked) this.kernels = [candidateSpec(picked)];
      this.batch = this.channel = this.outChannel = this.step = 0;
      this.stopPlaying();
      this.setSource(m.input, true);
    } else if (m.type === 'sourceUpdate') {
      this.panelTitle = m.title;
      this.candidates = m.candidates;
      this.sourceError = null;
      // Literal kernels follow their edits too.
      this.kernels = this.kernels.map((k) => {
        const c = k.source === 'literal' ? m.candidates.find((x) => x.name === k.id) : undefined;
        return c ? candidateSpec(c) : k;
      });
      this.setSource(m.input, false);
    } else if (m.type === 'sourceError') {
      this.sourceError = m.message;
    } else if (m.type === 'useKernel') {
      const spec: KernelSpec = {
        source: 'opened',
        id: m.title,
        label: m.title,
        shape: [...m.kernel.shape],
        data: Array.from(m.kernel.data),
      };
      this.opened = [spec, ...this.opened.filter((o) => o.id !== spec.id)];
      this.editing = false;
      this.outChannel = 0;
      // A layer's weight comes with the layer's arguments: the panel then computes what the layer computes.
      if (m.args) this.args = { ...m.args };
      this.setKernels([spec]);
    }
  };

  private setSource(input: WireTensor, now: boolean): void {
    this.source = input;
    this.recompute(now);
  }

  /** Recomputes now, or after a short pause when the last run was slow (large tensors stay responsive while typing). */
  recompute(now = false): void {
    clearTimeout(this.timer);
    if (now || this.d.ms < SLOW_MS) this.derive();
    else this.timer = setTimeout(() => this.derive(), 150);
  }

  private theme(): ThemeKind {
    const cl = document.body.classList;
    if (cl.contains('vscode-high-contrast-light')) return 'high-contrast-light';
    if (cl.contains('vscode-high-contrast')) return 'high-contrast';
    return cl.contains('vscode-light') ? 'light' : 'dark';
  }

  private derive(): void {
    const d = emptyDerived();
    const theme = this.theme();
    if (!this.source) return void (this.d = d);
    const shaped =
      this.layout === 'hwc' && this.source.shape.length === 3 ? channelsFirst(this.source.shape, this.source.data) : this.source;
    const input = convInput(shaped);
    if ('error' in input) return void (this.d = { ...d, inputError: input.error });
    d.input = input;
    const [H, W] = input.shape.slice(-2);
    d.N = input.shape.length === 4 ? input.shape[0] : 1;
    d.C = input.shape[input.shape.length - 3];
    this.batch = Math.min(this.batch, d.N - 1);
    this.channel = Math.min(this.channel, d.C - 1);
    d.scales.input = scaleFor(input.data, theme);
    if (d.C === 3) d.rgb = { data: channelsOf(input, this.batch, 3), H, W };
    if (this.transposed.on) {
      this.tr.derive(d, theme);
      this.d = d;
      return void (this.step = Math.min(this.step, Math.max(0, this.stepCount() - 1)));
    }
    const weight = buildWeight(this.kernels, d.C, this.args.groups);
    if ('error' in weight) return void (this.d = { ...d, error: weight.error });
    d.weight = weight;
    d.Cout = weight.shape[0];
    this.outChannel = Math.min(this.outChannel, d.Cout - 1);
    d.scales.kernel = scaleFor(weight.data, theme);
    const [kH, kW] = weight.shape.slice(-2);
    const g = windowGeometry(H, W, kH, kW, this.args);
    const inPlane = planeOf(input, this.batch, this.channel);
    // The padded view is drawn even when conv2d fails, so the user sees why (capped so huge paddings can't stall the page).
    const padCells = (H + g.pad.top + g.pad.bottom) * (W + g.pad.left + g.pad.right);
    d.padded = padCells <= 4_000_000 && g.pad.top >= 0 && g.pad.left >= 0 ? paddedPlane(g, inPlane) : undefined;
    d.kernelPlane = planeOf(weight, this.outChannel, 0);
    if (this.argError) return void (this.d = { ...d, waiting: this.argError });
    const result = runConv(input, weight, this.args);
    if ('error' in result) {
      // Reflect/replicate/circular padding that PyTorch refuses has no values to show: draw the input as it is.
      const refused = this.args.paddingMode !== 'zeros' && (g.pad.top > 0 || g.pad.bottom > 0 || g.pad.left > 0 || g.pad.right > 0);
      if (refused) d.padded = paddedPlane({ ...g, pad: { top: 0, bottom: 0, left: 0, right: 0 } }, inPlane);
      this.d = { ...d, error: result.error, paddingRefused: refused };
      return;
    }
    d.output = result.output;
    d.ms = result.ms;
    d.g = result.g;
    d.outPlane = planeOf(result.output, this.batch, this.outChannel);
    if (d.Cout > 1)
      d.channelPlanes = Array.from({ length: d.Cout }, (_, c) =>
        c === this.outChannel ? d.outPlane! : planeOf(result.output, this.batch, c),
      );
    d.scales.output = scaleFor(result.output.data, theme);
    d.both = this.bothWays(input, result.output);
    this.step = Math.min(this.step, Math.max(0, g.Hout * g.Wout - 1));
    this.d = d;
  }

  /** For one 2-D kernel on a 3-channel input: the other grouping's output too, so summed and per-channel sit side by side. */
  private bothWays(input: WireTensor, output: { shape: number[]; data: Float32Array }): Derived['both'] {
    const g = this.args.groups;
    if (input.shape[input.shape.length - 3] !== 3) return undefined;
    if (this.kernels.length !== 1 || this.kernels[0].shape.length !== 2 || (g !== 1 && g !== 3)) return undefined;
    const otherGroups = g === 1 ? 3 : 1;
    const weight = buildWeight(this.kernels, 3, otherGroups);
    if ('error' in weight) return undefined;
    const other = runConv(input, weight, { ...this.args, groups: otherGroups });
    if ('error' in other) return undefined;
    const [summed, perChannel] = g === 1 ? [output, other.output] : [other.output, output];
    const [H, W] = summed.shape.slice(-2);
    return { summed: planeOf(summed, this.batch, 0), perChannel: channelsOf(perChannel, this.batch, 3), H, W };
  }

  setLayout(layout: 'chw' | 'hwc'): void {
    this.layout = layout;
    this.channel = 0;
    this.recompute(true);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('d') || changed.has('kernels') || changed.has('args')) this.fitCells();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (['kernels', 'args', 'source', 'panelTitle', 'transposed'].some((k) => changed.has(k as keyof ConvolutionView))) {
      // Saved state is JSON (NaN/±Inf would come back as null): such tensors wait for the host to re-send them instead.
      const small = this.source && this.source.data.length <= SAVE_LIMIT && allFinite(this.source.data);
      const shown =
        small && this.source
          ? {
              title: this.panelTitle,
              input: this.source,
              candidates: this.candidates.filter((c) => allFinite(c.data)),
              canInsert: this.canInsert,
            }
          : undefined;
      const kernels = this.kernels.every((k) => allFinite(k.data)) ? this.kernels : DEFAULT_KERNELS;
      saveState<Saved>('convolution', { kernels, args: this.args, transposed: this.transposed, shown });
    }
  }

  /** One cell size for the three grids so the window and the output cell line up by eye. */
  private fitCells(): void {
    const d = this.d;
    const widths = [d.padded?.cols ?? d.input?.shape.at(-1) ?? 5, d.weight?.shape[3] ?? 3, d.outPlane ? (d.output?.shape.at(-1) ?? 3) : 3];
    const cols = widths[0] + widths[1] + widths[2];
    const width = Math.max(200, this.clientWidth - 140);
    const fit = width / cols;
    // Grow cells (up to 72 px) until every value's label shows at least two significant digits, while the grids fit:
    // side by side when there is room, else wrapped one under the other (each grid as wide as the panel allows).
    const need = fit >= 16 || width / Math.max(...widths) >= 16 ? Math.max(40, labelRoom(d)) : 0;
    const stacked = Math.max(200, this.clientWidth - 48) / Math.max(...widths);
    const size = fit >= need ? Math.min(fit, need || 40) : stacked >= 16 ? Math.min(stacked, need) : fit;
    this.cellSize = size >= 6 ? Math.floor(size) : Math.max(0.25, size);
  }

  private onTheme(): void {
    this.derive();
    for (const grid of this.renderRoot.querySelectorAll<HeatmapGrid>('tl-heatmap-grid')) grid.redraw();
  }

  // ---- the sliding window ----

  /** Rows × columns the stepper walks: the output cells, or the input cells of the transposed scatter view. */
  stepShape(): [number, number] | null {
    if (this.transposed.on) return this.tr.stepShape();
    return this.d.g ? [this.d.g.Hout, this.d.g.Wout] : null;
  }

  stepCount(): number {
    const s = this.stepShape();
    return s ? s[0] * s[1] : 0;
  }

  /** (row, col) of the current step. */
  position(): Cell | null {
    const s = this.stepShape();
    return s && s[0] > 0 && s[1] > 0 ? [Math.floor(this.step / s[1]), this.step % s[1]] : null;
  }

  /** The products of the current output cell, over the input channels of its group. */
  currentTerms(): Term[] {
    if (this.transposed.on) return this.tr.terms();
    const { g, input, weight } = this.d;
    const at = this.position();
    if (!g || !input || !weight || !at) return [];
    const cg = weight.shape[1];
    const group = Math.floor(this.outChannel / (weight.shape[0] / this.args.groups));
    const planes = Array.from({ length: cg }, (_, i) => planeOf(input, this.batch, group * cg + i));
    const kernels = Array.from({ length: cg }, (_, i) => planeOf(weight, this.outChannel, i));
    return windowTerms(g, planes, kernels, at[0], at[1]);
  }

  windowCells(): Cell[] {
    const at = this.position();
    return this.d.g && at ? footprint(this.d.g, at[0], at[1]) : [];
  }

  fedBy(cell: Cell | null): Cell[] {
    return this.d.g && cell ? feeds(this.d.g, cell[0], cell[1]) : [];
  }

  describeInput = (r: number, c: number): string => {
    const g =
      this.d.g ??
      (this.d.weight && this.d.input
        ? windowGeometry(
            this.d.input.shape.at(-2) ?? 0,
            this.d.input.shape.at(-1) ?? 0,
            this.d.weight.shape[2],
            this.d.weight.shape[3],
            this.args,
          )
        : undefined);
    const v = this.d.padded?.values[r * (this.d.padded?.cols ?? 0) + c];
    if (!g) return String(v);
    const inside = this.d.padded?.mask[r * this.d.padded.cols + c] === 0;
    const from = readsFrom(g, r, c);
    const fed = this.fedBy([r, c]).length;
    const what = inside
      ? `input[${r - g.pad.top}, ${c - g.pad.left}]`
      : from
        ? `padding (${g.mode}, copies input[${from[0]}, ${from[1]}])`
        : 'padding (zero)';
    return `${what} = ${v} · feeds ${fed} output${fed === 1 ? '' : 's'}`;
  };

  setStep(i: number): void {
    const n = this.stepCount();
    if (n > 0) this.step = Math.max(0, Math.min(n - 1, i));
  }

  togglePlay(): void {
    if (this.playing) return this.stopPlaying();
    if (this.stepCount() === 0) return;
    if (this.step >= this.stepCount() - 1) this.step = 0;
    this.playing = true;
    this.player = setInterval(() => {
      const last = this.stepCount() - 1;
      if (this.step >= last) this.stopPlaying();
      else this.step += 1;
    }, 700);
  }

  stopPlaying(): void {
    clearInterval(this.player);
    this.playing = false;
  }

  private onKey = (e: KeyboardEvent): void => {
    const tag = (e.composedPath()[0] as HTMLElement | undefined)?.tagName ?? '';
    if (/^(INPUT|SELECT|TEXTAREA)$/.test(tag) || (e.key === ' ' && tag === 'BUTTON')) return;
    if (e.key === 'ArrowRight') this.setStep(this.step + 1);
    else if (e.key === 'ArrowLeft') this.setStep(this.step - 1);
    else if (e.key === ' ') this.togglePlay();
    else return;
    e.preventDefault();
  };

  // ---- state changes from the controls ----

  setKernels(kernels: KernelSpec[]): void {
    this.kernels = kernels;
    this.recompute();
    this.rememberSoon();
  }

  setArgError(problem: string | null): void {
    this.argError = problem;
    this.recompute(true);
  }

  setArgs(args: Conv2dArgs): void {
    this.args = args;
    this.recompute();
    this.rememberSoon();
  }

  setTransposed(settings: TransposedSettings): void {
    if (settings.on !== this.transposed.on || settings.mode !== this.transposed.mode) this.step = 0;
    this.transposed = settings;
    this.recompute(true);
  }

  setView(batch: number, channel: number, outChannel: number): void {
    this.batch = batch;
    this.channel = channel;
    this.outChannel = outChannel;
    this.derive();
  }

  private rememberSoon(): void {
    clearTimeout(this.remembered);
    // After the debounced recompute, so the weight is the one just chosen.
    this.remembered = setTimeout(() => {
      const w = this.d.weight;
      // The hover previews conv2d with this kernel; a conv_transpose2d weight has another layout.
      if (!w || this.transposed.on) return;
      post(toWire({ type: 'kernelChosen', label: this.kernels.map((k) => k.label).join(' + '), weight: w, args: this.args }));
    }, 400);
  }

  // ---- results back to code (the rest in conv-results.ts) ----

  dispatchReveal(): void {
    post({ type: 'revealSource' });
  }

  override render() {
    return renderPanel(this);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-convolution-view': ConvolutionView;
  }
}
