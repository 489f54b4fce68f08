// <tl-tensor-thumb>: one 2-D plane drawn as a small pixelated heatmap on a canvas, coloured by the shared colormap.
import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { lookupTable, lutIndex, type ColorScale } from '../../src/core/render/colormap';

@customElement('tl-tensor-thumb')
export class TensorThumb extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    canvas {
      display: block;
      width: 100%;
      height: auto;
      image-rendering: pixelated;
      border: 1px solid var(--vscode-widget-border, transparent);
      box-sizing: border-box;
    }
  `;

  /** Row-major values of an H×W plane. */
  @property({ attribute: false }) values: ArrayLike<number> = [];
  @property({ type: Number }) rows = 0;
  @property({ type: Number }) cols = 0;
  /** Shared by sibling thumbs so their colours compare. */
  @property({ attribute: false }) scale: ColorScale | null = null;
  @property() label = '';

  @query('canvas') private canvas!: HTMLCanvasElement;

  override render() {
    return html`<canvas width=${this.cols || 1} height=${this.rows || 1} role="img" aria-label=${this.label}></canvas>`;
  }

  protected override updated(_: PropertyValues): void {
    const ctx = this.canvas.getContext('2d');
    if (!ctx || !this.scale || this.rows * this.cols === 0) return;
    const lut = lookupTable(this.scale);
    const img = ctx.createImageData(this.cols, this.rows);
    for (let i = 0; i < this.rows * this.cols; i++) {
      const k = lutIndex(this.scale, this.values[i]) * 4;
      img.data.set(lut.subarray(k, k + 4), i * 4);
    }
    ctx.putImageData(img, 0, 0);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-tensor-thumb': TensorThumb;
  }
}
