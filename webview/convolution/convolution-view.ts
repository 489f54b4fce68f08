// <tl-convolution-view>: root of the Convolution panel — input ⊛ kernel = output, live arguments, the sliding window, results back to code.
import { LitElement, type PropertyValues } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { Conv2dArgs, ConvolutionHostMessage, KernelCandidate, WireTensor } from '../../src/core/protocol/convolution';
import { fromWire, toWire } from '../../src/core/protocol/wire';
import type { Term } from '../../src/core/render/arithmetic';
import type { Cell } from '../common/cell';
import type { HeatmapGrid } from '../common/heatmap-grid';
import { currentThemeKind } from '../common/theme-kind';
import { post } from '../common/vscode-api';
import { fitCellSize } from './compute/cell-size';
import { conv2dTerms, describeConv2dInput } from './compute/conv2d-panel';
import { derivePanel, positionOf, stepShape } from './compute/derive';
import { reduceHostMessage } from './compute/host-message';
import {
  describeTransposedInput,
  transposedOutputCell,
  transposedTermTitle,
  transposedTerms,
  type PickedCell,
} from './compute/transposed-panel';
import type { PanelContext } from './context';
import { viewStyles } from './convolution-view-styles';
import { renderPanel } from './panel-template';
import { Player } from './player';
import { copyOutput, copySnippet, insertOutput, savePng } from './results';
import { loadPanel, savePanel } from './saved-state';
import { emptyDerived, type Derived, type KernelSpec, type Layout, type TransposedSettings } from './state';
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
  @state() editing = false;
  @state() hoverInput: Cell | null = null;
  @state() hoverTerm: number | null = null;
  @state() cellSize = 28;
  @state() d: Derived = emptyDerived();
  @state() transposed: TransposedSettings;
  /** An output cell clicked in the scatter view, kept while the step it was picked at stays. */
  private picked: PickedCell | null = null;
  /** Autoplay and the stepper's keys. */
  private readonly player = new Player(this);

  private timer: ReturnType<typeof setTimeout> | undefined;
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
    this.resize.observe(this);
    this.themeWatch.observe(document.body, { attributes: true, attributeFilter: ['class'] });
    post({ type: 'ready', view: 'convolution' });
  }

  override disconnectedCallback(): void {
    window.removeEventListener('message', this.onMessage);
    this.resize.disconnect();
    this.themeWatch.disconnect();
    super.disconnectedCallback();
  }

  private onMessage = (event: MessageEvent<ConvolutionHostMessage>): void => {
    const { patch, then } = reduceHostMessage(this, fromWire(event.data));
    Object.assign(this, patch);
    if (then.kind === 'source') {
      if (then.stopPlaying) this.player.stop();
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
    const { d, sel } = derivePanel(this, currentThemeKind());
    Object.assign(this, sel);
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

  private fitCells(): void {
    this.cellSize = fitCellSize(this.d, this.clientWidth);
  }

  private onTheme(): void {
    this.derive();
    for (const grid of this.renderRoot.querySelectorAll<HeatmapGrid>('tl-heatmap-grid')) grid.redraw();
  }

  // ---- the sliding window (PanelContext reads) ----

  stepCount(): number {
    const s = stepShape(this.d, this.transposed);
    return s ? s[0] * s[1] : 0;
  }

  position(): Cell | null {
    return positionOf(this.step, stepShape(this.d, this.transposed));
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

  get playing(): boolean {
    return this.player.playing;
  }

  // ---- actions (PanelContext) ----

  setStep(i: number): void {
    const n = this.stepCount();
    if (n > 0) this.step = Math.max(0, Math.min(n - 1, i));
  }

  togglePlay(): void {
    this.player.toggle();
  }

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
