// <tl-kernel-editor>: a 2-D kernel typed cell by cell (and resized); fires "kernel-edit" with the new shape and data.
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { cssProps } from '../common/css-props';
import { controlStyles } from '../common/icons';

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
