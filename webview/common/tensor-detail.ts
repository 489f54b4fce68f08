// <tl-tensor-detail>: one tensor of a file: stats, histogram, heatmap / channel grid / kernel grid, and its actions.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { TensorSummary } from '../../src/core/tensor-files/tensor-summary';
import type { WireTensor } from '../../src/core/protocol/convolution';
import { scaleFor } from '../../src/core/render/colormap';
import { formatCell } from '../../src/core/render/tensor-format';
import { currentThemeKind } from './theme-kind';
import { controlStyles, icon } from './icons';
import { cssProps } from './css-props';
import './heatmap-grid';
import './tensor-thumb';
import './plane-grid';
import './kernel-mosaic';
import './value-histogram';
import './color-legend';
import './image-picture';

export type DetailAction = 'copy' | 'input' | 'kernel';

/** Planes up to this many cells show their numbers in a heatmap grid; bigger ones are drawn as images. */
const GRID_CELLS = 32 * 32;
/** Vectors longer than this are drawn wrapped into rows of this many values. */
const WRAP = 1024;

@customElement('tl-tensor-detail')
export class TensorDetail extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
      }
      h2 {
        margin: 0 0 2px;
        font-size: 1.1em;
        font-family: var(--vscode-editor-font-family);
        overflow-wrap: anywhere;
      }
      .meta,
      .note {
        color: var(--vscode-descriptionForeground);
      }
      dl {
        display: grid;
        grid-template-columns: repeat(4, auto 1fr);
        gap: 2px 8px;
        margin: 8px 0;
        max-width: 560px;
        font-family: var(--vscode-editor-font-family);
        font-variant-numeric: tabular-nums;
      }
      dt {
        color: var(--vscode-descriptionForeground);
      }
      dd {
        margin: 0;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
        margin: 10px 0;
      }
      .pickers {
        display: flex;
        gap: 12px;
        align-items: center;
        margin: 6px 0;
      }
      .pickers input {
        width: 5em;
      }
      .scalar {
        font-family: var(--vscode-editor-font-family);
        font-size: 2em;
      }
      .big {
        margin-top: 8px;
      }
      .legend {
        margin-top: 6px;
        max-width: 360px;
      }
      tl-tensor-thumb.image {
        max-width: 100%;
      }
    `,
  ];

  @property() name = '';
  @property({ attribute: false }) summary: TensorSummary | null = null;
  /** The tensor is a decoded image (C×H×W in [0, 1]): also show it as a picture. */
  @property({ type: Boolean }) image = false;
  @state() private batch = 0;
  @state() private channel = 0;

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('name')) {
      this.batch = 0;
      this.channel = 0;
    }
  }

  override render() {
    const s = this.summary;
    if (!s) return html`<p class="note">Loading values…</p>`;
    const numel = s.shape.reduce((a, b) => a * b, 1);
    const st = s.stats;
    const p = s.preview;
    const kernelLike = isKernelLike(s.shape);
    return html`<h2>${this.name || '(array)'}</h2>
      <div class="meta">${s.dtype} · [${s.shape.join(', ')}] · ${numel.toLocaleString('en-US')} values</div>
      <dl aria-label="Statistics">
        <dt>min</dt>
        <dd>${stat(st.min)}</dd>
        <dt>max</dt>
        <dd>${stat(st.max)}</dd>
        <dt>mean</dt>
        <dd>${stat(st.mean)}</dd>
        <dt title="torch.std(): unbiased, divides by n − 1">std (n−1)</dt>
        <dd>${stat(st.std)}</dd>
        <dt title="torch.std(unbiased=False), numpy.std(): divides by n">std (n)</dt>
        <dd>${stat(st.stdBiased)}</dd>
        <dt>zeros</dt>
        <dd>${st.zeros}</dd>
        <dt>NaN</dt>
        <dd>${st.nan}</dd>
        <dt>±Inf</dt>
        <dd>${st.inf}</dd>
      </dl>
      <tl-value-histogram .histogram=${s.histogram}></tl-value-histogram>
      <div class="actions">
        <button @click=${() => this.act('copy')} title="Copy as torch.tensor(...)">${icon('copy')} Copy as torch.tensor</button>
        <button @click=${() => this.act('input')} title="Open as the Convolution panel's input">
          ${icon('play')} Open in Convolution panel
        </button>
        ${
          s.shape.length === 2 || s.shape.length === 4
            ? html`<button @click=${() => this.act('kernel')} title="Use as the Convolution panel's kernel">
                ${icon('edit')} Use as kernel
              </button>`
            : nothing
        }
      </div>
      ${
        p.sampled
          ? html`<p class="note">
              Large tensor: the picture is a strided sample (${p.shape.slice(-2).join('×')} per
              plane${p.planesShown < p.planes ? `, first ${p.planesShown} of ${p.planes} planes` : ''}); statistics and histogram cover
              every value.
            </p>`
          : nothing
      }
      ${this.image && p.shape.length === 3 ? html`<tl-image-picture .shape=${p.shape} .data=${p.data}></tl-image-picture>` : nothing}
      ${this.view(p.shape, p.data, kernelLike && !p.sampled)}`;
  }

  private view(shape: number[], data: Float32Array, kernelLike: boolean) {
    if (shape.length === 0) return html`<div class="scalar">${formatCell(data[0], 12)}</div>`;
    if (shape.length === 1 && shape[0] > WRAP) {
      // A long vector is drawn wrapped into rows (one canvas row of a million pixels would not draw).
      const rows = Math.floor(shape[0] / WRAP);
      const rest = shape[0] - rows * WRAP;
      return html`<p class="note">Drawn in rows of ${WRAP}${rest ? `; the last ${rest} values are not drawn` : ''}.</p>
        ${this.plane(data.subarray(0, rows * WRAP), rows, WRAP, 'values')}`;
    }
    if (shape.length === 1) return this.plane(data, 1, shape[0], 'values');
    if (shape.length === 2) return this.plane(data, shape[0], shape[1], 'matrix');
    const H = shape.at(-2)!;
    const W = shape.at(-1)!;
    if (shape.length === 4 && kernelLike) {
      return html`<tl-kernel-mosaic .shape=${shape} .data=${data}></tl-kernel-mosaic>
        <div class="legend"><tl-color-legend .scale=${scaleFor(data, currentThemeKind())}></tl-color-legend></div>`;
    }
    const C = shape.length === 3 ? shape[0] : shape.at(-3)!;
    const N = data.length / (C * H * W);
    const b = Math.min(this.batch, N - 1);
    const c = Math.min(this.channel, C - 1);
    const batchData = data.subarray(b * C * H * W, (b + 1) * C * H * W);
    const grid: WireTensor = { shape: [C, H, W], data: batchData as unknown as number[] };
    return html`<div class="pickers">
        ${N > 1 ? html`<label>batch <input type="number" min="0" max=${N - 1} .value=${String(b)} @change=${(e: Event) => (this.batch = clamp(e, N))} /> of ${N}</label>` : nothing}
        <label
          >channel <input type="number" min="0" max=${C - 1} .value=${String(c)} @change=${(e: Event) => (this.channel = clamp(e, C))} /> of
          ${C}</label
        >
      </div>
      ${C > 1 ? html`<tl-plane-grid .tensor=${grid} .selected=${c} itemLabel="channel" @plane-select=${(e: CustomEvent<number>) => (this.channel = e.detail)}></tl-plane-grid>` : nothing}
      <div class="big">${this.plane(batchData.subarray(c * H * W, (c + 1) * H * W), H, W, `channel ${c}`)}</div>`;
  }

  private plane(values: Float32Array, rows: number, cols: number, label: string) {
    const scale = scaleFor(values, currentThemeKind());
    const legend = html`<div class="legend"><tl-color-legend .scale=${scale}></tl-color-legend></div>`;
    if (rows * cols <= GRID_CELLS) {
      // Numbers only where they are legible (≥ 40 px cells); wider planes are drawn as plain colour cells.
      const cell = cols <= 14 ? Math.min(44, Math.floor(560 / cols)) : Math.max(6, Math.min(18, Math.floor(560 / cols)));
      return html`<tl-heatmap-grid
          .values=${values}
          rows=${rows}
          cols=${cols}
          .scale=${scale}
          cellSize=${cell}
          label=${label}
        ></tl-heatmap-grid
        >${legend}`;
    }
    const zoom = Math.max(1, Math.min(8, Math.floor(560 / cols)));
    return html`<tl-tensor-thumb
        class="image"
        ${cssProps({ width: `${cols * zoom}px` })}
        .values=${values}
        rows=${rows}
        cols=${cols}
        .scale=${scale}
        label=${label}
      ></tl-tensor-thumb
      >${legend}`;
  }

  private act(kind: DetailAction): void {
    this.dispatchEvent(new CustomEvent('detail-action', { detail: kind, bubbles: true, composed: true }));
  }
}

/** A statistic for display; NaN arrives as null through VS Code's JSON message encoding. */
function stat(v: number | null): string {
  return v === null || Number.isNaN(v) ? '—' : formatCell(v, 10);
}

/** [out, in, kH, kW] with small spatial size: a conv weight. */
export function isKernelLike(shape: readonly number[]): boolean {
  return shape.length === 4 && shape[2] <= 15 && shape[3] <= 15;
}

function clamp(e: Event, n: number): number {
  const v = Math.round(Number((e.target as HTMLInputElement).value));
  return Number.isFinite(v) ? Math.max(0, Math.min(n - 1, v)) : 0;
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-tensor-detail': TensorDetail;
  }
}
