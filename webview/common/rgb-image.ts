// <tl-rgb-image>: three channels drawn as one colour picture (nearest-neighbour), with how values map to 0–255.
import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { rgbPixels, rgbRange } from '../../src/core/render/rgb';
import { cssProps } from './css-props';

@customElement('tl-rgb-image')
export class RgbImage extends LitElement {
  static override styles = css`
    :host {
      display: inline-flex;
      flex-direction: column;
      gap: 2px;
    }
    canvas {
      image-rendering: pixelated;
      border: 1px solid var(--vscode-widget-border, transparent);
    }
    .note {
      font-size: 0.85em;
      color: var(--vscode-descriptionForeground);
    }
  `;

  /** [3, H, W] values (channel-first), row-major. */
  @property({ attribute: false }) values: ArrayLike<number> = [];
  @property({ type: Number }) rows = 0;
  @property({ type: Number }) cols = 0;
  /** CSS pixels per image pixel. */
  @property({ type: Number }) pixelSize = 4;
  @property() label = '';

  @query('canvas') private canvas!: HTMLCanvasElement;

  override render() {
    const range = rgbRange(this.values);
    return html`<canvas
        width=${this.cols || 1}
        height=${this.rows || 1}
        ${cssProps({ width: `${this.cols * this.pixelSize}px`, height: `${this.rows * this.pixelSize}px` })}
        role="img"
        aria-label=${`${this.label}: colour picture, channels 0, 1, 2 as red, green, blue (${range.note})`}
      ></canvas>
      <span class="note">RGB · ${range.note}</span>`;
  }

  protected override updated(_: PropertyValues): void {
    const ctx = this.canvas.getContext('2d');
    if (!ctx || this.rows * this.cols === 0 || this.values.length < 3 * this.rows * this.cols) return;
    const img = ctx.createImageData(this.cols, this.rows);
    img.data.set(rgbPixels(this.values, this.rows, this.cols, false));
    ctx.putImageData(img, 0, 0);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-rgb-image': RgbImage;
  }
}
