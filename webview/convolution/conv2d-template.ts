// The Convolution panel's conv2d body: input, kernel and output grids side by side, the formulas, both groupings, the stepper.
import { html, nothing } from 'lit';
import { shapeFormulas } from '../../src/core/render/arithmetic';
import { biasOf } from '../../src/core/protocol/convolution';
import { scaleFor } from '../../src/core/render/colormap';
import { cssProps } from '../common/css-props';
import type { Cell } from '../common/cell';
import type { PanelContext } from './context';
import { fedBy, windowCells } from './compute/conv2d-panel';
import { editableKernel } from './compute/kernel-specs';
import {
  channelGrid,
  dims,
  editButton,
  kernelEditor,
  kernelGrid,
  layoutPicker,
  outLabel,
  outputStatus,
  pickers,
  strip,
} from './template-parts';

/** Pixels per cell of a small colour picture (at most 160 px on its longer side). */
export const pixelSize = (H: number, W: number) => Math.max(1, Math.min(12, Math.floor(160 / Math.max(H, W))));

export function conv2dGrids(c: PanelContext) {
  const d = c.d;
  const cs = c.cellSize;
  const terms = c.hoverTerm !== null ? c.currentTerms() : [];
  const term = c.hoverTerm !== null ? terms[c.hoverTerm] : undefined;
  const window = windowCells(d, c.position());
  const cg = d.weight?.shape[1] ?? 1;
  const group = Math.floor(c.outChannel / ((d.weight?.shape[0] ?? 1) / c.args.groups));
  const inputMarks: Cell[] = term && group * cg + term.channel === c.channel ? [[term.row, term.col]] : [];
  const kernelMarks: Cell[] = term ? [[term.ky, term.kx]] : [];
  const [kH, kW] = d.weight?.shape.slice(-2) ?? [0, 0];
  const kernel = editableKernel(c.kernels);
  // Labels need about 20 px: below that the kernel (always small) keeps readable cells of its own.
  const kcs = cs >= 20 ? cs : 24;
  const cin = d.weight?.shape[1] ?? 1;
  const repeated = cin > 1 && c.kernels.every((k) => k.shape.length <= 3);
  return html`<div class="grids">
    <section class="input" aria-label="input">
      <h3>input <span class="shape">${dims(d.input?.shape ?? c.source?.shape ?? [])}</span></h3>
      ${layoutPicker(c)} ${pickers(c)}
      ${
        d.rgb
          ? html`<tl-rgb-image
              class="input-rgb"
              .values=${d.rgb.data}
              rows=${d.rgb.H}
              cols=${d.rgb.W}
              pixelSize=${pixelSize(d.rgb.H, d.rgb.W)}
              label="input channels 0–2"
            ></tl-rgb-image>`
          : nothing
      }
      ${
        d.padded
          ? html`<tl-heatmap-grid
                class="input-grid"
                .rows=${d.padded.rows}
                .cols=${d.padded.cols}
                .values=${d.padded.values}
                .padMask=${d.padded.mask}
                .scale=${d.scales.input}
                .cellSize=${cs}
                .window=${window}
                .marked=${inputMarks}
                .describe=${c.describeInput}
                label="input ${dims(d.input?.shape ?? [])}, batch ${c.batch} channel ${c.channel}${d.padded.mask.some((m) => m) ? ', with padding' : ''}"
                @cell-hover=${(e: CustomEvent<Cell | null>) => c.hoverInputAt(e.detail)}
              ></tl-heatmap-grid>
              <tl-color-legend .scale=${d.scales.input}></tl-color-legend>`
          : nothing
      }
      ${channelGrid(c)}
    </section>
    <section class="kernel" aria-label="kernel">
      <h3>kernel <span class="shape">${kH}×${kW}</span>${editButton(c)}</h3>
      ${
        c.editing && kernel
          ? kernelEditor(c, kernel)
          : d.kernelPlane
            ? html`${kernelGrid({
                  values: d.kernelPlane,
                  rows: kH,
                  cols: kW,
                  scale: d.scales.kernel,
                  cellSize: kcs,
                  marked: kernelMarks,
                  label: `kernel ${kH}×${kW}, output channel ${c.outChannel}`,
                })}
                ${
                  repeated
                    ? html`<p class="note repeated">
                        The ${kH}×${kW} kernel is repeated over the ${cin} input channels${c.args.groups > 1 ? ` of each group` : ''}
                        (weight ${dims(d.weight?.shape ?? [])}).
                      </p>`
                    : nothing
                } <tl-color-legend .scale=${d.scales.kernel}></tl-color-legend>`
            : nothing
      }
    </section>
    <section class="output" aria-label="output">
      ${outputStatus(c)}
      ${d.paddingRefused ? html`<p class="note">The input is drawn without padding: PyTorch refuses this padding, so it has no values to show.</p>` : nothing}
      ${
        d.outPlane && d.g
          ? html`<tl-heatmap-grid
                class="output-grid"
                .rows=${d.g.Hout}
                .cols=${d.g.Wout}
                .values=${d.outPlane}
                .scale=${d.scales.output}
                .cellSize=${cs}
                .current=${c.position()}
                .marked=${fedBy(d, c.hoverInput)}
                label="output ${dims(d.output?.shape ?? [])}, channel ${c.outChannel}"
                @cell-select=${(e: CustomEvent<Cell>) => c.selectOutput(e.detail)}
              ></tl-heatmap-grid>
              <tl-color-legend .scale=${d.scales.output}></tl-color-legend>`
          : nothing
      }
      ${d.g && d.weight ? html`<div class="formulas">${shapeFormulas(d.g).map((f) => html`<div class="formula">${f}</div>`)}</div>` : nothing}
      ${d.output && d.Cout > 1 ? strip(c) : nothing} ${bothWays(c)}
    </section>
  </div>`;
}

/** The stepper over the output cells, with the current cell's sum. */
export function conv2dStepper(c: PanelContext) {
  const d = c.d;
  if (!d.g || !d.output) return nothing;
  const at = c.position();
  const result = at && d.outPlane ? d.outPlane[at[0] * d.g.Wout + at[1]] : 0;
  return html`<tl-window-stepper
    .total=${d.g.Hout * d.g.Wout}
    .index=${c.step}
    ?playing=${c.playing}
    .where=${outLabel(c)}
    .terms=${c.currentTerms()}
    .bias=${biasOf(c.args.bias, c.outChannel)}
    .result=${result}
    .inputScale=${d.scales.input}
    .kernelScale=${d.scales.kernel}
    @step=${(e: CustomEvent<number>) => c.setStep(e.detail)}
    @toggle-play=${() => c.togglePlay()}
    @term-hover=${(e: CustomEvent<number | null>) => c.hoverTermAt(e.detail)}
  ></tl-window-stepper>`;
}

/** One 2-D kernel on a 3-channel input: summed over the channels (in_channels=3) and per channel (groups=3), side by side. */
function bothWays(c: PanelContext) {
  const b = c.d.both;
  if (!b) return nothing;
  const size = pixelSize(b.H, b.W);
  const scale = scaleFor(b.summed, c.d.scales.output?.theme);
  return html`<div class="both" role="group" aria-label="the kernel both ways">
    <figure class="summed ${c.args.groups === 1 ? 'current' : ''}">
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
        ${c.args.groups === 1 ? html`<span class="badge">shown above</span>` : html`<button class="link use-summed" @click=${() => c.setArgs({ ...c.args, groups: 1 })}>show</button>`}
      </figcaption>
    </figure>
    <figure class="per-channel ${c.args.groups === 3 ? 'current' : ''}">
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
        ${c.args.groups === 3 ? html`<span class="badge">shown above</span>` : html`<button class="link use-groups" @click=${() => c.setArgs({ ...c.args, groups: 3 })}>show</button>`}
      </figcaption>
    </figure>
  </div>`;
}
