// The Convolution panel's grid of all input channels (e.g. 64 of an activation) as small heatmaps; click one to study it.
import { html, nothing } from 'lit';
import type { WireTensor } from '../../src/core/protocol/convolution';
import type { ConvolutionView } from './convolution-view';
import '../common/plane-grid';

/** Channels of one batch element, cut once per input and batch so re-renders (every step) reuse the same planes. */
const cut = new WeakMap<WireTensor, Map<number, WireTensor>>();

function channelsOf(input: WireTensor, batch: number, C: number): WireTensor {
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

/** Under the input, for 3-D/4-D inputs with several channels; open at once up to 16 channels, a click away beyond. */
export function channelGrid(v: ConvolutionView) {
  const d = v.d;
  const input = d.input;
  if (!input || d.C <= 1 || input.shape.length < 3) return nothing;
  const planes = channelsOf(input, v.batch, d.C);
  return html`<details class="channel-grid" ?open=${d.C <= 16}>
    <summary>all ${d.C} channels${d.N > 1 ? ` of batch ${v.batch}` : ''} — click one to study it</summary>
    <tl-plane-grid
      .tensor=${planes}
      .selected=${v.channel}
      cell="40"
      itemLabel="channel"
      aria-label="all ${d.C} input channels"
      @plane-select=${(e: CustomEvent<number>) => v.setView(v.batch, e.detail, v.outChannel)}
    ></tl-plane-grid>
  </details>`;
}
