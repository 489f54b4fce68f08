// Template parts both panel modes draw alike: shapes, the input pickers, the output heading, the channel grid and strip, the kernel.
import { html, nothing } from 'lit';
import type { WireTensor } from '../../src/core/protocol/convolution';
import type { ColorScale } from '../../src/core/render/colormap';
import type { Cell } from '../common/cell';
import { icon } from '../common/icons';
import '../common/plane-grid';
import type { PanelContext } from './context';
import type { KernelEdit } from './kernel-editor';
import { editableKernel, type KernelSpec } from './compute/kernel-specs';
import type { Layout } from './state';

export const dims = (shape: readonly number[]) => shape.join('×');

/** "out[b, c, row, col]" of an output cell (the current step's by default). */
export function outLabel(c: PanelContext, at = c.position()): string {
  if (!at || !c.d.output) return '';
  const lead = c.d.output.shape.length === 4 ? [c.batch, c.outChannel] : [c.outChannel];
  return `out[${[...lead, ...at].join(', ')}]`;
}

/** The output section's heading (shape, time) with the error or the argument it waits for: the same in both modes. */
export function outputStatus(c: PanelContext) {
  const d = c.d;
  return html`<h3>
      output
      <span class="shape">${d.output ? dims(d.output.shape) : '—'}</span
      >${d.output ? html` <span class="ms">${d.ms.toFixed(1)} ms</span>` : nothing}
    </h3>
    ${d.error ? html`<div class="error" role="alert">${icon('error')} <span class="message">${d.error}</span></div>` : nothing}
    ${d.waiting ? html`<div class="waiting" role="status">${icon('warning')} <span class="message">Waiting for a valid value: ${d.waiting}.</span></div>` : nothing}`;
}

/** C×H×W (PyTorch's layout) or H×W×C (PIL, OpenCV, matplotlib arrays) for a 3-D input. */
export function layoutPicker(c: PanelContext) {
  if (c.source?.shape.length !== 3) return nothing;
  return html`<label class="layout"
    >layout
    <select class="layout" aria-label="input layout" @change=${(e: Event) => c.setLayout((e.target as HTMLSelectElement).value as Layout)}>
      <option value="chw" ?selected=${c.layout === 'chw'}>C×H×W (PyTorch)</option>
      <option value="hwc" ?selected=${c.layout === 'hwc'}>H×W×C (channels last: PIL, OpenCV)</option>
    </select></label
  >`;
}

/** Batch and channel choice for 3-D/4-D inputs. */
export function pickers(c: PanelContext) {
  const d = c.d;
  if (d.N <= 1 && d.C <= 1) return nothing;
  const opts = (n: number, cur: number) =>
    Array.from({ length: n }, (_, i) => html`<option value=${i} ?selected=${i === cur}>${i}</option>`);
  return html`<div class="pickers">
    ${
      d.N > 1
        ? html`<label
            >batch
            <select
              class="batch"
              @change=${(e: Event) => c.setView(Number((e.target as HTMLSelectElement).value), c.channel, c.outChannel)}
            >
              ${opts(d.N, c.batch)}
            </select></label
          >`
        : nothing
    }
    ${
      d.C > 1
        ? html`<label
            >channel
            <select
              class="channel"
              @change=${(e: Event) => c.setView(c.batch, Number((e.target as HTMLSelectElement).value), c.outChannel)}
            >
              ${opts(d.C, c.channel)}
            </select></label
          >`
        : nothing
    }
  </div>`;
}

/** Channels of one batch element, cut once per input and batch so re-renders (every step) reuse the same planes. */
const cut = new WeakMap<WireTensor, Map<number, WireTensor>>();

function batchChannels(input: WireTensor, batch: number, C: number): WireTensor {
  let byBatch = cut.get(input);
  if (!byBatch) cut.set(input, (byBatch = new Map()));
  let planes = byBatch.get(batch);
  if (!planes) {
    const [H, W] = input.shape.slice(-2);
    const per = C * H * W;
    planes = { shape: [C, H, W], data: input.data.slice(batch * per, (batch + 1) * per) };
    byBatch.set(batch, planes);
  }
  return planes;
}

/** Under the input, for 3-D/4-D inputs with several channels: all of them as small heatmaps; click one to study it. */
export function channelGrid(c: PanelContext) {
  const d = c.d;
  const input = d.input;
  if (!input || d.C <= 1 || input.shape.length < 3) return nothing;
  const planes = batchChannels(input, c.batch, d.C);
  // Open at once up to 16 channels, a click away beyond.
  return html`<details class="channel-grid" ?open=${d.C <= 16}>
    <summary>all ${d.C} channels${d.N > 1 ? ` of batch ${c.batch}` : ''} — click one to study it</summary>
    <tl-plane-grid
      .tensor=${planes}
      .selected=${c.channel}
      cell="40"
      itemLabel="channel"
      aria-label="all ${d.C} input channels"
      @plane-select=${(e: CustomEvent<number>) => c.setView(c.batch, e.detail, c.outChannel)}
    ></tl-plane-grid>
  </details>`;
}

/** Several output channels: a strip of small maps; clicking one makes it the main output. */
export function strip(c: PanelContext) {
  const d = c.d;
  const o = d.output;
  if (!o) return nothing;
  const [Hout, Wout] = o.shape.slice(-2);
  const small = Math.max(1, Math.min(8, 64 / Math.max(Hout, Wout)));
  return html`<div class="strip" role="listbox" aria-label="output channels">
    ${Array.from(
      { length: d.Cout },
      (_, ch) =>
        html`<button
          class="channel-map ${ch === c.outChannel ? 'selected' : ''}"
          role="option"
          aria-selected=${ch === c.outChannel}
          title="output channel ${ch}"
          @click=${() => c.setView(c.batch, c.channel, ch)}
        >
          <tl-heatmap-grid
            .rows=${Hout}
            .cols=${Wout}
            .values=${d.channelPlanes?.[ch] ?? []}
            .scale=${d.scales.output}
            .cellSize=${small}
            label="output channel ${ch}"
          ></tl-heatmap-grid>
          <span>#${ch}</span>
        </button>`,
    )}
  </div>`;
}

/** The kernel heading's button that opens the cell editor on the panel's one 2-D kernel. */
export function editButton(c: PanelContext) {
  if (!editableKernel(c.kernels)) return nothing;
  return html` <button
    class="icon-only edit"
    title=${c.editing ? 'Done editing' : 'Edit kernel cells'}
    aria-pressed=${c.editing}
    @click=${() => c.toggleEditing()}
  >
    ${icon('edit')}
  </button>`;
}

export function kernelEditor(c: PanelContext, kernel: KernelSpec) {
  const edit = (e: CustomEvent<KernelEdit>) =>
    c.setKernels([{ source: 'custom', id: '', label: 'custom', shape: e.detail.shape, data: e.detail.data }]);
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
  marked: Cell[];
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
