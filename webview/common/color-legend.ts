// <tl-color-legend>: the colormap as a gradient bar with its value range (diverging scales are centred on 0).
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { lookupTable, type ColorScale } from '../../src/core/render/colormap';
import { num } from '../../src/core/render/arithmetic';

@customElement('tl-color-legend')
export class ColorLegend extends LitElement {
  static override styles = css`
    :host {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      font-family: var(--vscode-editor-font-family);
      font-size: 0.9em;
      color: var(--vscode-descriptionForeground);
    }
    canvas {
      width: 160px;
      height: 10px;
      border: 1px solid var(--vscode-panel-border, transparent);
      image-rendering: pixelated;
    }
  `;

  @property({ attribute: false }) scale: ColorScale | null = null;
  @query('canvas') private bar!: HTMLCanvasElement;

  override render() {
    if (!this.scale) return nothing;
    const { lo, hi, kind } = this.scale;
    const label = `colour scale ${kind}, from ${num(lo)} to ${num(hi)}`;
    return html`<span class="lo">${num(lo)}</span><canvas width="256" height="1" role="img" aria-label=${label}></canvas
      ><span class="hi">${num(hi)}</span>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('scale') || !this.scale || !this.bar) return;
    const lut = lookupTable(this.scale);
    const img = new ImageData(256, 1);
    img.data.set(lut);
    this.bar.getContext('2d')?.putImageData(img, 0, 0);
  }

  redraw(): void {
    this.requestUpdate('scale');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-color-legend': ColorLegend;
  }
}
