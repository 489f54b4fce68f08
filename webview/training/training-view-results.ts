// The Training view's results template: predictions, the first conv's kernels and the feature maps of the picked image.
import { html, nothing } from 'lit';
import type { WireTensor } from '../../src/core/protocol/convolution';
import type { InitMessage, RunStateMessage, TrainingWebviewMessage } from '../../src/core/protocol/training';
import { post } from '../common/vscode-api';
import { ticon } from './training-icons';
import './predictions-table';
import '../common/plane-grid';

const send = (m: TrainingWebviewMessage) => post(m);

/** What the results template reads from <tl-training-view> and how it reports a picked image or kernel. */
export interface TrainingResultsContext {
  run: RunStateMessage | null;
  init: InitMessage | null;
  /** The picked image and kernel (clamped here to what the snapshot holds). */
  image: number;
  kernel: number;
  labelOf(name: string, fallback: number | null): number | null;
  pick(patch: { image?: number; kernel?: number }): void;
}

/** Plane i of a [N, …, H, W] tensor as an H×W tensor. */
function plane(t: WireTensor, i: number): WireTensor {
  const [h, w] = t.shape.slice(-2);
  const per = t.data.length / t.shape[0];
  return { shape: [h, w], data: t.data.slice(i * per, i * per + h * w) };
}

/** Nothing until a run has a snapshot. */
export function renderTrainingResults(c: TrainingResultsContext) {
  const r = c.run;
  const snap = r?.snapshot;
  if (!r || !snap) return nothing;
  const rows = snap.probabilities.map((p, i) => {
    const name = r.imageNames[i] ?? `image ${i}`;
    const img = c.init?.images.find((x) => x.name === name);
    return { name, label: img ? c.labelOf(name, img.label) : null, probabilities: p };
  });
  const image = Math.min(c.image, Math.max(0, snap.featureMaps.length - 1));
  const maps = snap.featureMaps[image];
  const kernels = snap.kernels;
  const k = kernels ? Math.min(c.kernel, kernels.shape[0] - 1) : 0;
  const pickPlane = (e: CustomEvent<number>) => c.pick({ kernel: e.detail });
  return html` <section class="predictions">
      <h3>Predictions</h3>
      <tl-predictions-table .rows=${rows}></tl-predictions-table>
    </section>
    ${
      kernels
        ? html`<section class="kernels">
            ${planesHeading({
              title: 'Kernels',
              sub: `${snap.kernelLayer}.weight [${kernels.shape.join('×')}]`,
              copy: { cls: 'copy-kernels', title: 'Copy all kernels as torch.tensor', what: 'kernels', tensor: kernels },
              open: {
                cls: 'open-kernel',
                title: `Open kernel ${k} in the Convolution panel`,
                as: `${snap.kernelLayer}.weight[${k}] (trained)`,
                tensor: plane(kernels, k),
              },
            })}
            ${planeGrid('kernel-grid', 'kernel', kernels, k, pickPlane)}
          </section>`
        : nothing
    }
    ${
      maps
        ? html`<section class="feature-maps">
            ${planesHeading({
              title: 'Feature maps',
              sub: `after ReLU [${maps.shape.join('×')}]`,
              copy: { cls: 'copy-maps', title: 'Copy these feature maps as torch.tensor', what: 'feature maps', tensor: maps },
              open: {
                cls: 'open-map',
                title: `Open feature map ${k} in the Convolution panel`,
                as: `${r.imageNames[image]} → feature map ${k}`,
                tensor: plane(maps, k),
              },
            })}
            <div class="row">
              <label
                >image
                <select class="image-picker" @change=${(e: Event) => c.pick({ image: Number((e.target as HTMLSelectElement).value) })}>
                  ${r.imageNames.map((n, i) => html`<option value=${i} ?selected=${i === image}>${n}</option>`)}
                </select></label
              >
            </div>
            ${planeGrid('map-grid', 'map', maps, k, pickPlane)}
          </section>`
        : nothing
    }`;
}

interface PlanesHeading {
  title: string;
  sub: string;
  copy: { cls: string; title: string; what: string; tensor: WireTensor };
  open: { cls: string; title: string; as: string; tensor: WireTensor };
}

/** A section title with its Copy and Open-in-panel buttons. */
function planesHeading(h: PlanesHeading) {
  return html`<h3>
    ${h.title} <span class="sub">${h.sub}</span>
    <span class="actions">
      <button
        class="icon-only ${h.copy.cls}"
        title=${h.copy.title}
        @click=${() => send({ type: 'copyTensor', what: h.copy.what, tensor: h.copy.tensor })}
      >
        ${ticon('copy')}
      </button>
      <button
        class="icon-only ${h.open.cls}"
        title=${h.open.title}
        @click=${() => send({ type: 'openTensor', title: h.open.as, tensor: h.open.tensor })}
      >
        ${ticon('open')}
      </button>
    </span>
  </h3>`;
}

function planeGrid(cls: string, itemLabel: string, tensor: WireTensor, selected: number, onPick: (e: CustomEvent<number>) => void) {
  return html`<tl-plane-grid
    class=${cls}
    itemLabel=${itemLabel}
    .tensor=${tensor}
    .selected=${selected}
    .cell=${40}
    @plane-select=${onPick}
  ></tl-plane-grid>`;
}
