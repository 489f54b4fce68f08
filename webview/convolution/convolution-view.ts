// <tl-convolution-view>: root of the Convolution panel — input ⊛ kernel = output, live arguments, the sliding window, results back to code.
import { LitElement, type PropertyValues } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { Conv2dArgs, ConvolutionHostMessage, KernelCandidate, WireTensor } from '../../src/core/protocol/convolution';
import { fromWire, toWire } from '../../src/core/protocol/wire';
import type { Term } from '../../src/core/render/arithmetic';
import { scaleFor } from '../../src/core/render/colormap';
import { channelsFirst } from '../../src/core/render/rgb';
import type { Cell, HeatmapGrid } from '../common/heatmap-grid';
import { currentThemeKind } from '../common/theme-kind';
import { post } from '../common/vscode-api';
import type { PanelContext } from './context';
import { convInput } from './conv-compute';
import { channelsOf, labelRoom } from './conv-derived';
import { reduceHostMessage } from './conv-host-messages';
import { loadPanel, savePanel } from './conv-saved-state';
import { conv2dTerms, deriveConv2d, describeConv2dInput } from './conv2d-view';
import { viewStyles } from './convolution-view-styles';
import { renderPanel } from './panel-template';
import { copyOutput, copySnippet, insertOutput, savePng } from './results';
import { emptyDerived, type Derived, type KernelSpec, type Layout, type Selection, type TransposedSettings } from './state';
import {
  describeTransposedInput,
  deriveTransposed,
  transposedOutputCell,
  transposedStepShape,
  transposedTermTitle,
  transposedTerms,
  type PickedCell,
} from './transposed-controller';
import { transposedStyles } from './transposed-styles';
import '../common/heatmap-grid';
import '../common/color-legend';
import '../common/rgb-image';
import '../common/tensor-thumb';
import './conv-args-bar';
import './kernel-picker';
import './kernel-editor';
import './window-stepper';

/** Above this compute time (ms) argument changes are debounced instead of recomputed on every keystroke. */
const SLOW_MS = 30;

@customElement('tl-convolution-view')
export class ConvolutionView extends LitElement implements PanelContext {
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
  @state() layout: Layout = 'chw';
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
  @state() transposed: TransposedSettings;
  /** An output cell clicked in the scatter view, kept while the step it was picked at stays. */
  private picked: PickedCell | null = null;

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

  private onMessage = (event: MessageEvent<ConvolutionHostMessage>): void => {
    const { patch, then } = reduceHostMessage(this, fromWire(event.data));
    Object.assign(this, patch);
    if (then.kind === 'source') {
      if (then.stopPlaying) this.stopPlaying();
      this.setSource(then.input, then.now);
    } else if (then.kind === 'kernels') this.setKernels(then.kernels);
  };

  private setSource(input: WireTensor, now: boolean): void {
    this.source = input;
    this.recompute(now);
  }

  /** Recomputes now, or after a short pause when the last run was slow (large tensors stay responsive while typing). */
  private recompute(now = false): void {
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
    const sel: Selection = { batch: this.batch, channel: this.channel, outChannel: this.outChannel };
    if (this.transposed.on) deriveTransposed(this, sel, d, theme);
    else deriveConv2d(this, sel, d, theme);
    this.outChannel = sel.outChannel;
    this.d = d;
    const n = this.stepCount();
    if (n > 0) this.step = Math.min(this.step, n - 1);
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

  // ---- the sliding window (PanelContext reads) ----

  /** Rows × columns the stepper walks: the output cells, or the input cells of the transposed scatter view. */
  private stepShape(): [number, number] | null {
    if (this.transposed.on) return transposedStepShape(this.d, this.transposed.mode);
    return this.d.g ? [this.d.g.Hout, this.d.g.Wout] : null;
  }

  stepCount(): number {
    const s = this.stepShape();
    return s ? s[0] * s[1] : 0;
  }

  position(): Cell | null {
    const s = this.stepShape();
    return s && s[0] > 0 && s[1] > 0 ? [Math.floor(this.step / s[1]), this.step % s[1]] : null;
  }

  outputCell(): Cell | null {
    const at = this.position();
    return this.transposed.on ? transposedOutputCell(this.d, this.transposed.mode, at, this.step, this.picked) : at;
  }

  currentTerms(): Term[] {
    if (this.transposed.on) return transposedTerms(this.d, this.transposed.mode, this.outputCell());
    return conv2dTerms(this.d, this, this.args.groups, this.position());
  }

  readonly describeInput = (r: number, c: number): string =>
    this.transposed.on ? describeTransposedInput(this.d, this.transposed.mode, r, c) : describeConv2dInput(this.d, this.args, r, c);

  readonly termTitle = (term: Term): string => transposedTermTitle(this.d, this.transposed.mode, term);

  // ---- actions (PanelContext) ----

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

  private stopPlaying(): void {
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

  selectOutput(cell: Cell): void {
    if (!this.transposed.on) return this.setStep(cell[0] * (this.d.g?.Wout ?? 0) + cell[1]);
    const w = this.d.t?.w;
    if (!w) return;
    if (this.transposed.mode === 'zero-inserted') return this.setStep(cell[0] * w.output + cell[1]);
    this.picked = { step: this.step, cell };
    this.requestUpdate();
  }

  hoverInputAt(cell: Cell | null): void {
    this.hoverInput = cell;
  }

  hoverTermAt(index: number | null): void {
    this.hoverTerm = index;
  }

  toggleEditing(): void {
    this.editing = !this.editing;
  }

  focusAfterRender(selector: string): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

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

  setLayout(layout: Layout): void {
    this.layout = layout;
    this.channel = 0;
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

  // ---- results back to code ----

  reveal(): void {
    post({ type: 'revealSource' });
  }

  copyOutput(format: 'torch' | 'json'): void {
    copyOutput(this.d.output, format);
  }

  insertOutput(): void {
    insertOutput(this.d.output);
  }

  copySnippet(): void {
    copySnippet(this.source, this.d.weight, this.args, this.transposed);
  }

  savePng(): void {
    savePng(this, this.panelTitle, this.transposed.on);
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
