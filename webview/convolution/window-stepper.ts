// <tl-window-stepper>: ◀ ▶ ⏵ through the output positions and the current cell's arithmetic, each factor coloured like its cell.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { cssProps } from '../common/css-props';
import { colorOf, textColorOn, type ColorScale } from '../../src/core/render/colormap';
import { factor, num, type Term } from '../../src/core/render/arithmetic';
import { controlStyles, icon } from '../common/icons';

const MAX_TERMS = 81;

@customElement('tl-window-stepper')
export class WindowStepper extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: flex;
        align-items: flex-start;
        gap: 10px;
      }
      .buttons {
        display: inline-flex;
        gap: 2px;
        flex: none;
      }
      .where {
        font-family: var(--vscode-editor-font-family);
        color: var(--vscode-descriptionForeground);
        white-space: nowrap;
        padding-top: 3px;
      }
      .arithmetic {
        font-family: var(--vscode-editor-font-family);
        font-size: 1.25em;
        line-height: 1.7;
        overflow-wrap: anywhere;
      }
      .f {
        border-radius: 3px;
        padding: 0 2px;
      }
      .term {
        cursor: default;
        border-radius: 3px;
      }
      .term:hover,
      .term.hot {
        outline: 1px solid var(--vscode-focusBorder);
      }
      .result {
        font-weight: 600;
      }
    `,
  ];

  /** Number of output positions (H_out × W_out). */
  @property({ type: Number }) total = 0;
  @property({ type: Number }) index = 0;
  @property({ type: Boolean }) playing = false;
  /** e.g. "out[0, 0, 1, 2]". */
  @property() where = '';
  @property({ attribute: false }) terms: Term[] = [];
  @property({ attribute: false }) bias: number | null = null;
  @property({ type: Number }) result = 0;
  @property({ attribute: false }) inputScale: ColorScale | null = null;
  @property({ attribute: false }) kernelScale: ColorScale | null = null;
  /** What one step is, for the buttons' labels (the transposed scatter view steps over input cells). */
  @property() unit = 'output position';
  /** Tooltip of a product; by default "input[r, c] × kernel[ky, kx]". */
  @property({ attribute: false }) termTitle: ((t: Term) => string) | null = null;

  override render() {
    const none = this.total === 0;
    return html`<span class="buttons">
        <button
          class="icon-only prev"
          title="Previous ${this.unit} (←)"
          aria-label="previous ${this.unit}"
          ?disabled=${none || this.index === 0}
          @click=${() => this.step(this.index - 1)}
        >
          ${icon('chevron-left')}
        </button>
        <button
          class="icon-only next"
          title="Next ${this.unit} (→)"
          aria-label="next ${this.unit}"
          ?disabled=${none || this.index >= this.total - 1}
          @click=${() => this.step(this.index + 1)}
        >
          ${icon('chevron-right')}
        </button>
        <button
          class="icon-only play"
          title=${this.playing ? 'Pause (Space)' : 'Play (Space)'}
          aria-label=${this.playing ? 'pause' : `play through the ${this.unit}s`}
          aria-pressed=${this.playing}
          ?disabled=${none}
          @click=${() => this.dispatchEvent(new CustomEvent('toggle-play'))}
        >
          ${icon(this.playing ? 'pause' : 'play')}
        </button>
      </span>
      ${none ? nothing : html`<span class="where">${this.where} =</span><span class="arithmetic" aria-live="polite">${this.renderSum()}</span>`}`;
  }

  /** Same text as arithmeticText(), as spans: the line's textContent is exactly the tutorial's string. */
  private renderSum() {
    const shown = this.terms.slice(0, MAX_TERMS);
    const parts = shown.map(
      (t, i) =>
        html`${i > 0 ? ' + ' : ''}<span
            class="term"
            @mouseenter=${() => this.hover(i)}
            @mouseleave=${() => this.hover(null)}
            title=${this.termTitle?.(t) ?? `${t.padded ? 'padding' : `input[${t.row}, ${t.col}]`} × kernel[${t.ky}, ${t.kx}]`}
            >${this.chip(t.x, this.inputScale)}×${this.chip(t.w, this.kernelScale)}</span
          >`,
    );
    const more = this.terms.length > MAX_TERMS ? ` + … (${this.terms.length - MAX_TERMS} more terms)` : '';
    const bias = this.bias === null ? '' : ` + ${this.bias < 0 ? `(${num(this.bias)})` : num(this.bias)}`;
    return html`${parts}${more}${bias} = <span class="result">${num(this.result)}</span>`;
  }

  private chip(v: number, scale: ColorScale | null) {
    const style = scale ? cssProps({ background: colorOf(scale, v), color: textColorOn(scale, v) }) : cssProps({});
    return html`<span class="f" ${style}>${factor(v)}</span>`;
  }

  private step(index: number): void {
    this.dispatchEvent(new CustomEvent<number>('step', { detail: Math.max(0, Math.min(this.total - 1, index)) }));
  }

  private hover(i: number | null): void {
    this.dispatchEvent(new CustomEvent<number | null>('term-hover', { detail: i }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-window-stepper': WindowStepper;
  }
}
