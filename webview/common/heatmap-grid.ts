// <tl-heatmap-grid>: one 2-D plane drawn to <canvas> (values in cells when they fit), with window/cell highlights and a hidden value table.
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { cssProps } from './css-props';
import { colorOf, lookupTable, lutIndex, nonFiniteRgb, scaleFor, textColorOn, type ColorScale } from '../../src/core/render/colormap';
import { cellLabel } from '../../src/core/render/tensor-format';
import { controlStyles } from './icons';
import { dotCell, hatchCell } from './cell-marks';
import type { Cell } from './cell';

export type { Cell } from './cell';

/** Above this many cells the grid has no hidden value table (screen readers get the ARIA label and tooltips). */
const TABLE_LIMIT = 400;
/** How the hidden value table names a cell's kind (padMask value). */
const MASK_WORDS = ['', 'pad ', 'inserted '];

@customElement('tl-heatmap-grid')
export class HeatmapGrid extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: inline-block;
        position: relative;
        line-height: 0;
      }
      canvas {
        display: block;
      }
      canvas.overlay {
        position: absolute;
        left: 0;
        top: 0;
        pointer-events: none;
      }
      canvas.base {
        cursor: crosshair;
      }
    `,
  ];

  @property({ type: Number }) rows = 0;
  @property({ type: Number }) cols = 0;
  /** rows×cols values, row-major. */
  @property({ attribute: false }) values: ArrayLike<number> = [];
  /** 1 where the cell is padding (drawn dimmed and hatched), 2 a zero inserted between input cells (dimmed, dotted outline). */
  @property({ attribute: false }) padMask: Uint8Array | null = null;
  @property({ attribute: false }) scale: ColorScale | null = null;
  /** CSS pixels per cell; fractional below 1 for very large planes. */
  @property({ type: Number }) cellSize = 24;
  /** Cells under the kernel window. */
  @property({ attribute: false }) window: Cell[] = [];
  /** The one cell in focus (the output cell being computed). */
  @property({ attribute: false }) current: Cell | null = null;
  /** Secondary marks: cells a hovered input feeds, or the cell of a hovered term. */
  @property({ attribute: false }) marked: Cell[] = [];
  /** Accessible name, e.g. "input 1×1×5×5". */
  @property() label = '';
  /** Tooltip text for a cell; defaults to "[r, c] = v". */
  @property({ attribute: false }) describe: ((r: number, c: number) => string) | null = null;

  @query('canvas.base') private base!: HTMLCanvasElement;
  @query('canvas.overlay') private overlay!: HTMLCanvasElement;
  private hovered: Cell | null = null;
  /** The label drawn in each cell, row-major ('' where none fits): what the user reads, for tests and checks. */
  drawnLabels: string[] = [];
  /** The font size (px) of each drawn label, 0 where none. */
  drawnLabelSizes: number[] = [];

  /** The value of a cell, for tests and the tooltip. */
  valueAt(r: number, c: number): number {
    return this.values[r * this.cols + c];
  }

  override render() {
    const w = Math.max(1, this.cols * this.cellSize);
    const h = Math.max(1, this.rows * this.cellSize);
    const size = cssProps({ width: `${w}px`, height: `${h}px` });
    const small = this.rows * this.cols <= TABLE_LIMIT;
    return html`<canvas
        class="base"
        ${size}
        role="img"
        aria-label=${this.label}
        @mousemove=${this.onMove}
        @mouseleave=${this.onLeave}
        @click=${this.onClick}
      ></canvas>
      <canvas class="overlay" ${size} aria-hidden="true"></canvas>
      ${small ? this.renderTable() : nothing}`;
  }

  private renderTable() {
    const rows = Array.from({ length: this.rows }, (_, r) => r);
    const cols = Array.from({ length: this.cols }, (_, c) => c);
    return html`<table class="sr-only values" aria-label=${this.label}>
      ${rows.map(
        (r) =>
          html`<tr>
            ${cols.map((c) => html`<td>${MASK_WORDS[this.padMask?.[r * this.cols + c] ?? 0] ?? ''}${this.valueAt(r, c)}</td>`)}
          </tr>`,
      )}
    </table>`;
  }

  protected override updated(changed: PropertyValues<this>): void {
    const baseKeys = ['rows', 'cols', 'values', 'padMask', 'scale', 'cellSize'] as const;
    if (baseKeys.some((k) => changed.has(k))) this.drawBase();
    this.drawOverlay();
  }

  /** Redraws after a theme change (colours come from CSS variables). */
  redraw(): void {
    this.drawBase();
    this.drawOverlay();
  }

  private sizeCanvas(canvas: HTMLCanvasElement): CanvasRenderingContext2D | null {
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(1, Math.round(this.cols * this.cellSize * dpr));
    const h = Math.max(1, Math.round(this.rows * this.cellSize * dpr));
    if (canvas.width !== w) canvas.width = w;
    if (canvas.height !== h) canvas.height = h;
    const ctx = canvas.getContext('2d');
    ctx?.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx?.clearRect(0, 0, w, h);
    return ctx;
  }

  private cssVar(name: string, fallback: string): string {
    return getComputedStyle(this).getPropertyValue(name).trim() || fallback;
  }

  private drawBase(): void {
    if (!this.base || this.rows === 0 || this.cols === 0) return;
    const ctx = this.sizeCanvas(this.base);
    if (!ctx) return;
    const scale = this.scale ?? scaleFor(this.values);
    if (this.cellSize < 6) this.drawPixels(ctx, scale);
    else this.drawCells(ctx, scale);
  }

  /** Large planes: one pixel per cell through the colormap's lookup table, scaled up without smoothing. */
  private drawPixels(ctx: CanvasRenderingContext2D, scale: ColorScale): void {
    const lut = lookupTable(scale);
    const img = new ImageData(this.cols, this.rows);
    const px = img.data;
    for (let i = 0; i < this.rows * this.cols; i++) {
      const v = this.values[i];
      const special = nonFiniteRgb(v);
      const j = lutIndex(scale, v) * 4;
      px[i * 4] = special ? special[0] : lut[j];
      px[i * 4 + 1] = special ? special[1] : lut[j + 1];
      px[i * 4 + 2] = special ? special[2] : lut[j + 2];
      px[i * 4 + 3] = this.padMask?.[i] ? 90 : 255;
    }
    const off = document.createElement('canvas');
    off.width = this.cols;
    off.height = this.rows;
    off.getContext('2d')?.putImageData(img, 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(off, 0, 0, this.cols * this.cellSize, this.rows * this.cellSize);
  }

  private drawCells(ctx: CanvasRenderingContext2D, scale: ColorScale): void {
    const s = this.cellSize;
    const gap = s >= 12 ? 1 : 0;
    const showText = s >= 16;
    const font = this.cssVar('--vscode-editor-font-family', 'monospace');
    const hatch = this.cssVar('--vscode-foreground', '#888');
    // One font step smaller before a label is dropped; every label is exact to its digits (cellLabel) or absent.
    const big = Math.min(13, Math.round(s * 0.42));
    const sizes = [big, Math.max(7, big - 2)];
    const room = s - 4;
    const labels: string[] = [];
    const labelSizes: number[] = [];
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    for (let r = 0; r < this.rows; r++) {
      for (let c = 0; c < this.cols; c++) {
        const i = r * this.cols + c;
        const v = this.values[i];
        const pad = this.padMask?.[i] === 1 || this.padMask?.[i] === 2;
        const x = c * s;
        const y = r * s;
        ctx.globalAlpha = pad ? 0.3 : 1;
        ctx.fillStyle = colorOf(scale, v);
        ctx.fillRect(x + gap / 2, y + gap / 2, s - gap, s - gap);
        ctx.globalAlpha = 1;
        if (this.padMask?.[i] === 1) hatchCell(ctx, x, y, s, hatch);
        else if (pad) dotCell(ctx, x, y, s, hatch);
        if (showText) {
          let label = '';
          let size = sizes[0];
          for (const px of sizes) {
            ctx.font = `${pad ? 'italic ' : ''}${px}px ${font}`;
            label = cellLabel(v, (t) => ctx.measureText(t).width <= room);
            size = px;
            if (label) break;
          }
          labels.push(label);
          labelSizes.push(label ? size : 0);
          if (label) {
            ctx.fillStyle = pad ? hatch : textColorOn(scale, v);
            ctx.fillText(label, x + s / 2, y + s / 2 + 0.5);
          }
        }
      }
    }
    this.drawnLabels = showText ? labels : [];
    this.drawnLabelSizes = showText ? labelSizes : [];
  }

  private drawOverlay(): void {
    if (!this.overlay || this.rows === 0 || this.cols === 0) return;
    const ctx = this.sizeCanvas(this.overlay);
    if (!ctx) return;
    const s = this.cellSize;
    const focus = this.cssVar('--vscode-focusBorder', '#0078d4');
    const accent = this.cssVar('--vscode-editorWarning-foreground', '#cca700');
    const line = Math.max(1, Math.min(3, s / 8));
    if (this.window.length > 0) {
      ctx.fillStyle = focus;
      ctx.globalAlpha = 0.2;
      for (const [r, c] of this.window) ctx.fillRect(c * s, r * s, s, s);
      ctx.globalAlpha = 0.7;
      ctx.strokeStyle = focus;
      ctx.lineWidth = 1;
      for (const [r, c] of this.window) ctx.strokeRect(c * s + 0.5, r * s + 0.5, s - 1, s - 1);
      // The window's outline: one box around its extent (dilated windows show the gaps inside it).
      const rows = this.window.map(([r]) => r);
      const cols = this.window.map(([, c]) => c);
      const [r0, r1, c0, c1] = [Math.min(...rows), Math.max(...rows) + 1, Math.min(...cols), Math.max(...cols) + 1];
      ctx.globalAlpha = 1;
      ctx.lineWidth = Math.max(2, line);
      const w = ctx.lineWidth;
      ctx.strokeRect(c0 * s + w / 2, r0 * s + w / 2, (c1 - c0) * s - w, (r1 - r0) * s - w);
    }
    if (this.marked.length > 0) {
      ctx.strokeStyle = accent;
      ctx.lineWidth = line;
      ctx.setLineDash([Math.max(2, s / 6), Math.max(2, s / 8)]);
      for (const [r, c] of this.marked) ctx.strokeRect(c * s + line / 2, r * s + line / 2, s - line, s - line);
      ctx.setLineDash([]);
    }
    if (this.current) {
      const [r, c] = this.current;
      ctx.strokeStyle = focus;
      ctx.lineWidth = Math.max(2, line * 1.5);
      const w = ctx.lineWidth;
      ctx.strokeRect(c * s + w / 2, r * s + w / 2, Math.max(w, s - w), Math.max(w, s - w));
    }
  }

  private cellAt(e: MouseEvent): Cell | null {
    const rect = this.base.getBoundingClientRect();
    const c = Math.floor((e.clientX - rect.left) / this.cellSize);
    const r = Math.floor((e.clientY - rect.top) / this.cellSize);
    return r >= 0 && r < this.rows && c >= 0 && c < this.cols ? [r, c] : null;
  }

  private onMove = (e: MouseEvent): void => {
    const cell = this.cellAt(e);
    if (cell?.[0] === this.hovered?.[0] && cell?.[1] === this.hovered?.[1]) return;
    this.hovered = cell;
    this.base.title = cell ? (this.describe?.(cell[0], cell[1]) ?? `[${cell[0]}, ${cell[1]}] = ${this.valueAt(cell[0], cell[1])}`) : '';
    this.dispatchEvent(new CustomEvent<Cell | null>('cell-hover', { detail: cell }));
  };

  private onLeave = (): void => {
    this.hovered = null;
    this.dispatchEvent(new CustomEvent<Cell | null>('cell-hover', { detail: null }));
  };

  private onClick = (e: MouseEvent): void => {
    const cell = this.cellAt(e);
    if (cell) this.dispatchEvent(new CustomEvent<Cell>('cell-select', { detail: cell }));
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-heatmap-grid': HeatmapGrid;
  }
}
