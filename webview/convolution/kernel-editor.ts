// <tl-kernel-editor>: a 2-D kernel typed cell by cell (and resized); fires "kernel-edit" with the new shape and data.
// Also the panel's edit button that opens it on the panel's one 2-D kernel.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { cssProps } from '../common/css-props';
import { controlStyles, icon } from '../common/icons';
import type { KernelSpec } from './conv-compute';
import type { ConvolutionView } from './convolution-view';
import type { ColorScale } from '../../src/core/render/colormap';

export interface KernelEdit {
  shape: [number, number];
  data: number[];
}

const MAX_SIDE = 15;

@customElement('tl-kernel-editor')
export class KernelEditor extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
      }
      .size {
        display: flex;
        align-items: center;
        gap: 4px;
        margin-bottom: 6px;
      }
      .cells {
        display: grid;
        gap: 2px;
      }
      .cells input {
        width: 3.4em;
        text-align: right;
      }
    `,
  ];

  @property({ type: Number }) rows = 3;
  @property({ type: Number }) cols = 3;
  @property({ attribute: false }) data: number[] = [];

  override render() {
    const grid = cssProps({ gridTemplateColumns: `repeat(${this.cols}, auto)` });
    return html`<div class="size">
        <label for="rows">size</label>
        <input
          id="rows"
          type="number"
          min="1"
          max=${MAX_SIDE}
          aria-label="kernel rows"
          .value=${String(this.rows)}
          @change=${this.onSize}
        />
        ×
        <input
          id="cols"
          type="number"
          min="1"
          max=${MAX_SIDE}
          aria-label="kernel columns"
          .value=${String(this.cols)}
          @change=${this.onSize}
        />
      </div>
      <div class="cells" ${grid} role="grid" aria-label="kernel cells">
        ${this.data.map(
          (v, i) =>
            html`<input
              type="number"
              step="any"
              class="cell"
              aria-label="kernel row ${Math.floor(i / this.cols)} column ${i % this.cols}"
              .value=${String(v)}
              @input=${(e: Event) => this.onCell(i, e)}
            />`,
        )}
      </div>`;
  }

  private onCell(i: number, e: Event): void {
    const input = e.target as HTMLInputElement;
    const v = Number(input.value);
    const ok = input.value.trim() !== '' && Number.isFinite(v);
    input.setAttribute('aria-invalid', String(!ok));
    if (!ok) return;
    const data = [...this.data];
    data[i] = v;
    this.emit([this.rows, this.cols], data);
  }

  private onSize = (): void => {
    const read = (id: string, fallback: number) => {
      const v = Number(this.renderRoot.querySelector<HTMLInputElement>(`#${id}`)?.value);
      return Number.isInteger(v) && v >= 1 && v <= MAX_SIDE ? v : fallback;
    };
    const rows = read('rows', this.rows);
    const cols = read('cols', this.cols);
    // Keep the overlapping top-left cells; new cells start at 0.
    const data: number[] = [];
    for (let r = 0; r < rows; r++)
      for (let c = 0; c < cols; c++) data.push(r < this.rows && c < this.cols ? this.data[r * this.cols + c] : 0);
    this.emit([rows, cols], data);
  };

  private emit(shape: [number, number], data: number[]): void {
    this.dispatchEvent(new CustomEvent<KernelEdit>('kernel-edit', { detail: { shape, data } }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-kernel-editor': KernelEditor;
  }
}

// ---- the panel's edit button and editor for its one 2-D kernel ----

/** The one 2-D kernel the cell editor can change, or null (several kernels, a 3-D or 4-D weight). */
export function editableKernel(v: ConvolutionView): KernelSpec | null {
  return v.kernels.length === 1 && v.kernels[0].shape.length === 2 ? v.kernels[0] : null;
}

export function editButton(v: ConvolutionView) {
  if (!editableKernel(v)) return nothing;
  return html` <button
    class="icon-only edit"
    title=${v.editing ? 'Done editing' : 'Edit kernel cells'}
    aria-pressed=${v.editing}
    @click=${() => (v.editing = !v.editing)}
  >
    ${icon('edit')}
  </button>`;
}

export function kernelEditor(v: ConvolutionView, kernel: KernelSpec) {
  const edit = (e: CustomEvent<KernelEdit>) =>
    v.setKernels([{ source: 'custom', id: '', label: 'custom', shape: e.detail.shape, data: e.detail.data }]);
  return html`<tl-kernel-editor
    .rows=${kernel.shape[0]}
    .cols=${kernel.shape[1]}
    .data=${kernel.data}
    @kernel-edit=${edit}
  ></tl-kernel-editor>`;
}

/** The panel's kernel heatmap (conv2d and transposed views draw it alike). */
export function kernelGrid(k: {
  values: Float32Array;
  rows: number;
  cols: number;
  scale: ColorScale | null;
  cellSize: number;
  marked: Array<[number, number]>;
  label: string;
}) {
  return html`<tl-heatmap-grid
    class="kernel-grid"
    .rows=${k.rows}
    .cols=${k.cols}
    .values=${k.values}
    .scale=${k.scale}
    .cellSize=${k.cellSize}
    .marked=${k.marked}
    label=${k.label}
  ></tl-heatmap-grid>`;
}
