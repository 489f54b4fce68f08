// <tl-convolution-view>: root of the Convolution panel — input ⊛ kernel = output, live arguments, the sliding window, results back to code.
import { LitElement, type PropertyValues } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { Conv2dArgs, ConvolutionHostMessage, KernelCandidate, WireTensor } from '../../src/core/protocol/convolution';
import { fromWire, toWire } from '../../src/core/protocol/wire';
import type { Term } from '../../src/core/render/arithmetic';
import { scaleFor } from '../../src/core/render/colormap';
import { convInput, type KernelSpec } from './conv-compute';
import { channelsOf, emptyDerived, labelRoom, type Derived } from './conv-derived';
import { conv2dTerms, deriveConv2d, describeInput } from './conv2d-view';
import { currentThemeKind } from '../common/theme-kind';
import { TransposedController, type TransposedSettings } from './transposed-controller';
import { channelsFirst } from '../../src/core/render/rgb';
import { onHostMessage } from './conv-host-messages';
import type { Cell, HeatmapGrid } from '../common/heatmap-grid';
export type { Derived } from './conv-derived';
import { post } from '../common/vscode-api';
import { loadPanel, savePanel } from './conv-saved-state';
import { viewStyles } from './convolution-view-styles';
import { renderPanel } from './convolution-view-template';
import { transposedStyles } from './transposed-styles';
import '../common/heatmap-grid';
import '../common/color-legend';
import './conv-args-bar';
import './kernel-picker';
import './kernel-editor';
import './window-stepper';
import '../common/rgb-image';
import '../common/tensor-thumb';

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
    const saved = loadPanel();
    this.kernels = saved.kernels;
    this.args = saved.args;
    this.transposed = saved.transposed;
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

  private onMessage = (event: MessageEvent<ConvolutionHostMessage>): void => onHostMessage(this, fromWire(event.data));

  setSource(input: WireTensor, now: boolean): void {
    this.source = input;
    this.recompute(now);
  }

  /** Recomputes now, or after a short pause when the last run was slow (large tensors stay responsive while typing). */
  recompute(now = false): void {
    clearTimeout(this.timer);
    if (now || this.d.ms < SLOW_MS) this.derive();
    else this.timer = setTimeout(() => this.derive(), 150);
  }

  private derive(): void {
    const d = emptyDerived();
    const theme = currentThemeKind();
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
    if (this.transposed.on) this.tr.derive(d, theme);
    else deriveConv2d(this, d, theme);
    this.d = d;
    const n = this.stepCount();
    if (n > 0) this.step = Math.min(this.step, n - 1);
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
    if (['kernels', 'args', 'source', 'panelTitle', 'transposed'].some((k) => changed.has(k as keyof ConvolutionView))) savePanel(this);
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
    return this.transposed.on ? this.tr.terms() : conv2dTerms(this);
  }

  describeInput = (r: number, c: number): string => describeInput(this, r, c);

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
