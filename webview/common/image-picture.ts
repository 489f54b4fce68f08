// <tl-image-picture>: a C×H×W tensor in [0, 1] (1, 3 or 4 channels) drawn as the picture it is, next to its channel heatmaps.
import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { cssProps } from './css-props';

@customElement('tl-image-picture')
export class ImagePicture extends LitElement {
  static override styles = css`
    :host {
      display: block;
      margin: 6px 0;
    }
    canvas {
      display: block;
      max-width: 100%;
      image-rendering: pixelated;
      border: 1px solid var(--vscode-widget-border, transparent);
    }
  `;

  @property({ type: Array }) shape: number[] = [];
  @property({ attribute: false }) data: Float32Array = new Float32Array(0);

  @query('canvas') private canvas!: HTMLCanvasElement;

  override render() {
    const [, H = 0, W = 0] = this.shape;
    const zoom = Math.max(1, Math.min(16, Math.floor(480 / Math.max(1, W))));
    return html`<canvas
      width=${W}
      height=${H}
      ${cssProps({ width: `${W * zoom}px` })}
      role="img"
      aria-label=${`The image, ${W}×${H}`}
    ></canvas>`;
  }

  protected override updated(_: PropertyValues): void {
    const [C = 0, H = 0, W = 0] = this.shape;
    const ctx = this.canvas.getContext('2d');
    if (!ctx || H * W === 0) return;
    const img = ctx.createImageData(W, H);
    const plane = H * W;
    const at = (c: number, i: number) => Math.round(Math.max(0, Math.min(1, this.data[c * plane + i])) * 255);
    for (let i = 0; i < plane; i++) {
      const gray = C < 3;
      img.data[i * 4] = at(0, i);
      img.data[i * 4 + 1] = gray ? at(0, i) : at(1, i);
      img.data[i * 4 + 2] = gray ? at(0, i) : at(2, i);
      img.data[i * 4 + 3] = C === 4 ? at(3, i) : C === 2 ? at(1, i) : 255;
    }
    ctx.putImageData(img, 0, 0);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-image-picture': ImagePicture;
  }
}
