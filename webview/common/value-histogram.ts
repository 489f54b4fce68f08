// <tl-value-histogram>: the distribution of a tensor's finite values as SVG bars, with its range underneath.
import { LitElement, css, html, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { formatCell } from '../../src/core/render/tensor-format';

@customElement('tl-value-histogram')
export class ValueHistogram extends LitElement {
  static override styles = css`
    :host {
      display: block;
      max-width: 360px;
    }
    svg {
      display: block;
      width: 100%;
      height: 56px;
    }
    rect {
      fill: var(--vscode-charts-blue, var(--vscode-focusBorder));
    }
    .axis {
      display: flex;
      justify-content: space-between;
      font-family: var(--vscode-editor-font-family);
      font-size: 0.85em;
      color: var(--vscode-descriptionForeground);
    }
  `;

  @property({ attribute: false }) histogram: { lo: number; hi: number; counts: number[] } | null = null;

  override render() {
    const h = this.histogram;
    if (!h || h.counts.length === 0) return html``;
    const max = Math.max(1, ...h.counts);
    const n = h.counts.length;
    const total = h.counts.reduce((a, b) => a + b, 0);
    return html`<svg
        viewBox="0 0 ${n} 40"
        preserveAspectRatio="none"
        role="img"
        aria-label=${`Histogram of ${total} values from ${h.lo} to ${h.hi}`}
      >
        ${h.counts.map((c, i) => svg`<rect x=${i + 0.08} width="0.84" y=${40 - (40 * c) / max} height=${(40 * c) / max}><title>${c}</title></rect>`)}
      </svg>
      <div class="axis"><span>${formatCell(h.lo, 9)}</span><span>${formatCell(h.hi, 9)}</span></div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-value-histogram': ValueHistogram;
  }
}
