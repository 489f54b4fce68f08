// <tl-plane-grid>: a wrapping grid of 2-D planes ([N, H, W]) as heatmaps on one shared colour scale; click selects a plane.
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { WireTensor } from '../../src/core/protocol/convolution';
import { scaleFor } from '../../src/core/render/colormap';
import { currentThemeKind } from './theme-kind';
import { cssProps } from './css-props';
import './tensor-thumb';

@customElement('tl-plane-grid')
export class PlaneGrid extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(var(--cell, 44px), 1fr));
      gap: 4px;
    }
    button {
      all: unset;
      display: flex;
      flex-direction: column;
      align-items: stretch;
      gap: 1px;
      cursor: pointer;
      border: 2px solid transparent;
      border-radius: 2px;
    }
    button:focus-visible {
      outline: 1px solid var(--vscode-focusBorder);
    }
    button.selected {
      border-color: var(--vscode-focusBorder);
    }
    .label {
      font-size: 0.8em;
      color: var(--vscode-descriptionForeground);
      text-align: center;
      font-variant-numeric: tabular-nums;
    }
  `;

  /** [N, H, W] (a leading [N, 1, H, W] channel of 1 is fine too: only the last two dims are drawn per plane). */
  @property({ attribute: false }) tensor: WireTensor | null = null;
  @property({ type: Number }) selected = -1;
  /** Minimum cell width in px. */
  @property({ type: Number }) cell = 44;
  @property() itemLabel = '';

  override render() {
    const t = this.tensor;
    if (!t || t.shape.length < 3) return html``;
    const [H, W] = t.shape.slice(-2);
    const n = t.data.length / (H * W);
    const scale = scaleFor(t.data, currentThemeKind());
    return html`<div class="grid" ${cssProps({ '--cell': `${this.cell}px` })}>
      ${Array.from({ length: n }, (_, i) => {
        const plane = t.data.slice(i * H * W, (i + 1) * H * W);
        return html`<button class=${i === this.selected ? 'selected' : ''} title=${`${this.itemLabel} ${i}`} @click=${() => this.pick(i)}>
          <tl-tensor-thumb .values=${plane} rows=${H} cols=${W} .scale=${scale} label=${`${this.itemLabel} ${i}`}></tl-tensor-thumb>
          <span class="label">${i}</span>
        </button>`;
      })}
    </div>`;
  }

  private pick(i: number): void {
    this.selected = i;
    this.dispatchEvent(new CustomEvent('plane-select', { detail: i, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-plane-grid': PlaneGrid;
  }
}
