// <tl-kernel-mosaic>: a conv weight [out, in, kH, kW] as one canvas: a row per output channel, a kernel per input channel.
import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { lookupTable, lutIndex, scaleFor } from '../../src/core/render/colormap';
import { formatCell } from '../../src/core/render/tensor-format';
import { currentThemeKind } from './theme-kind';

/** Drawn kernels are capped so a huge layer still draws quickly; the caption says when some are left out. */
const MAX_ROWS = 128;
const MAX_COLS = 128;

@customElement('tl-kernel-mosaic')
export class KernelMosaic extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    canvas {
      display: block;
      image-rendering: pixelated;
      max-width: 100%;
    }
    .caption {
      font-size: 0.9em;
      color: var(--vscode-descriptionForeground);
      margin-top: 2px;
    }
  `;

  @property({ type: Array }) shape: number[] = [];
  @property({ attribute: false }) data: Float32Array = new Float32Array(0);
  @property() hoverText = '';

  @query('canvas') private canvas!: HTMLCanvasElement;

  private get dims() {
    const [O, I, kH, kW] = this.shape;
    const rows = Math.min(O, MAX_ROWS);
    const cols = Math.min(I, MAX_COLS);
    // Integer zoom so a 3×3 kernel is ~24 px and the whole mosaic fits about 720 px wide.
    const zoom = Math.max(1, Math.min(8, Math.floor(720 / (cols * (kW + 1)))));
    return { O, I, kH, kW, rows, cols, zoom };
  }

  override render() {
    const { O, I, rows, cols, kH, kW, zoom } = this.dims;
    const clipped = rows < O || cols < I ? ` (first ${rows} × ${cols} shown)` : '';
    return html`<canvas
        width=${cols * (kW + 1) * zoom}
        height=${rows * (kH + 1) * zoom}
        role="img"
        aria-label=${`Kernel grid: ${O} output channels × ${I} input channels of ${kH}×${kW} kernels`}
        title=${this.hoverText}
        @mousemove=${this.onMove}
      ></canvas>
      <div class="caption">
        rows: ${O} output channels · columns: ${I} input channels · ${kH}×${kW}
        kernels${clipped}${this.hoverText ? ` · ${this.hoverText}` : ''}
      </div>`;
  }

  protected override updated(changed: PropertyValues): void {
    if (!changed.has('data') && !changed.has('shape')) return;
    const ctx = this.canvas.getContext('2d');
    const { I, kH, kW, rows, cols, zoom } = this.dims;
    if (!ctx || !kH || !kW) return;
    const scale = scaleFor(this.data, currentThemeKind());
    const lut = lookupTable(scale);
    const W = cols * (kW + 1);
    const H = rows * (kH + 1);
    const img = ctx.createImageData(W, H);
    for (let o = 0; o < rows; o++)
      for (let i = 0; i < cols; i++)
        for (let y = 0; y < kH; y++)
          for (let x = 0; x < kW; x++) {
            const v = this.data[((o * I + i) * kH + y) * kW + x];
            const k = lutIndex(scale, v) * 4;
            img.data.set(lut.subarray(k, k + 4), ((o * (kH + 1) + y) * W + i * (kW + 1) + x) * 4);
          }
    const tmp = new OffscreenCanvas(W, H);
    tmp.getContext('2d')!.putImageData(img, 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.clearRect(0, 0, W * zoom, H * zoom);
    ctx.drawImage(tmp, 0, 0, W * zoom, H * zoom);
  }

  private onMove = (e: MouseEvent): void => {
    const { I, kH, kW, zoom, rows, cols } = this.dims;
    const rect = this.canvas.getBoundingClientRect();
    const px = ((e.clientX - rect.left) / rect.width) * this.canvas.width;
    const py = ((e.clientY - rect.top) / rect.height) * this.canvas.height;
    const gx = Math.floor(px / zoom);
    const gy = Math.floor(py / zoom);
    const o = Math.floor(gy / (kH + 1));
    const i = Math.floor(gx / (kW + 1));
    const y = gy % (kH + 1);
    const x = gx % (kW + 1);
    if (o >= rows || i >= cols || y >= kH || x >= kW) return;
    this.hoverText = `[${o}, ${i}, ${y}, ${x}] = ${formatCell(this.data[((o * I + i) * kH + y) * kW + x], 10)}`;
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-kernel-mosaic': KernelMosaic;
  }
}
