// Under the Convolution panel's output: the strip of output channels, and one kernel on RGB summed vs per channel.
import { html, nothing } from 'lit';
import { scaleFor } from '../../src/core/render/colormap';
import type { ConvolutionView } from './convolution-view';
import { cssProps } from '../common/css-props';

/** Pixels per cell of a small colour picture (at most 160 px on its longer side). */
export const pixelSize = (H: number, W: number) => Math.max(1, Math.min(12, Math.floor(160 / Math.max(H, W))));

/** One 2-D kernel on a 3-channel input: summed over the channels (in_channels=3) and per channel (groups=3), side by side. */
export function bothWays(v: ConvolutionView) {
  const b = v.d.both;
  if (!b) return nothing;
  const size = pixelSize(b.H, b.W);
  const scale = scaleFor(b.summed, v.d.scales.output?.theme);
  return html`<div class="both" role="group" aria-label="the kernel both ways">
    <figure class="summed ${v.args.groups === 1 ? 'current' : ''}">
      <tl-tensor-thumb
        class="summed-map"
        .values=${b.summed}
        rows=${b.H}
        cols=${b.W}
        .scale=${scale}
        label="summed over channels"
        ${cssProps({ width: `${b.W * size}px` })}
      ></tl-tensor-thumb>
      <figcaption>
        summed over the 3 channels · <code>in_channels=3</code> → 1 map
        ${v.args.groups === 1 ? html`<span class="badge">shown above</span>` : html`<button class="link use-summed" @click=${() => v.setArgs({ ...v.args, groups: 1 })}>show</button>`}
      </figcaption>
    </figure>
    <figure class="per-channel ${v.args.groups === 3 ? 'current' : ''}">
      <tl-rgb-image
        class="output-rgb"
        .values=${b.perChannel}
        rows=${b.H}
        cols=${b.W}
        pixelSize=${size}
        label="per-channel output"
      ></tl-rgb-image>
      <figcaption>
        per channel · <code>groups=3</code> → 3 maps, drawn as colour
        ${v.args.groups === 3 ? html`<span class="badge">shown above</span>` : html`<button class="link use-groups" @click=${() => v.setArgs({ ...v.args, groups: 3 })}>show</button>`}
      </figcaption>
    </figure>
  </div>`;
}

/** Several output channels: a strip of small maps; clicking one makes it the main output. */
export function strip(v: ConvolutionView) {
  const d = v.d;
  const o = d.output;
  if (!o) return nothing;
  const [Hout, Wout] = o.shape.slice(-2);
  const small = Math.max(1, Math.min(8, 64 / Math.max(Hout, Wout)));
  return html`<div class="strip" role="listbox" aria-label="output channels">
    ${Array.from(
      { length: d.Cout },
      (_, c) =>
        html`<button
          class="channel-map ${c === v.outChannel ? 'selected' : ''}"
          role="option"
          aria-selected=${c === v.outChannel}
          title="output channel ${c}"
          @click=${() => v.setView(v.batch, v.channel, c)}
        >
          <tl-heatmap-grid
            .rows=${Hout}
            .cols=${Wout}
            .values=${d.channelPlanes?.[c] ?? []}
            .scale=${d.scales.output}
            .cellSize=${small}
            label="output channel ${c}"
          ></tl-heatmap-grid>
          <span>#${c}</span>
        </button>`,
    )}
  </div>`;
}
