// The Convolution panel's template: toolbar, the three grids side by side, shape arithmetic, channel strip and the stepper.
import { html, nothing } from 'lit';
import type { ConvolutionView } from './convolution-view';
import type { Cell } from './heatmap-grid';
import { editableKernel, editButton, kernelEditor, kernelGrid } from './kernel-editor';
import { shapeFormulas } from '../src/core/render/arithmetic';
import { biasOf } from '../src/core/protocol/convolution';
import { icon } from './conv-icons';
import { channelGrid } from './channel-grid';
import { fedBy, windowCells } from './conv2d-view';
import { bothWays, pixelSize, strip } from './conv-output-extras';
import { copyOutput, copySnippet, insertOutput, savePng } from './conv-results';
import { renderTransposed, transposedStepper } from './transposed-template';
import type { TransposedSettings } from './transposed-controller';

export const dims = (shape: readonly number[]) => shape.join('×');

export function renderPanel(v: ConvolutionView) {
  const d = v.d;
  // While the literal doesn't parse (or a field is invalid), results would be those of an older state: say so, don't act.
  const stale = v.sourceError ? 'the literal no longer parses' : d.waiting ? d.waiting : null;
  const noOutput = !d.output || stale !== null;
  const why = (what: string) => (stale ? `${what} — unavailable: ${stale}` : what);
  return html`<header>
      <h2>
        <button class="title link" title="Reveal in editor" @click=${() => v.dispatchReveal()}>
          Convolution — ${v.panelTitle || 'no tensor yet'}
        </button>
      </h2>
      ${v.sourceError ? html`<div class="banner warning" role="status">${icon('warning')} ${v.sourceError} — showing the last version that parsed; Copy, Insert and Snippet wait until it parses again.</div>` : nothing}
    </header>
    <div class="toolbar">
      <tl-kernel-picker
        .kernels=${v.kernels}
        .candidates=${v.candidates}
        .opened=${v.opened}
        @kernels-change=${(e: CustomEvent) => v.setKernels(e.detail)}
      ></tl-kernel-picker>
      <tl-conv-args-bar
        .args=${v.args}
        .transposed=${v.transposed}
        @transposed-change=${(e: CustomEvent<TransposedSettings>) => v.setTransposed(e.detail)}
        @args-change=${(e: CustomEvent) => v.setArgs(e.detail)}
        @args-invalid=${(e: CustomEvent<string | null>) => v.setArgError(e.detail)}
      ></tl-conv-args-bar>
    </div>
    <div class="actions" role="toolbar" aria-label="results">
      <button
        class="copy-torch"
        ?disabled=${noOutput}
        @click=${() => copyOutput(v, 'torch')}
        title=${why('Copy the output as torch.tensor([...])')}
      >
        ${icon('copy')} Copy output
      </button>
      <button class="copy-json" ?disabled=${noOutput} @click=${() => copyOutput(v, 'json')} title=${why('Copy the output as JSON')}>
        ${icon('json')} JSON
      </button>
      <button
        class="insert"
        ?disabled=${noOutput || !v.canInsert}
        @click=${() => insertOutput(v)}
        title=${why('Insert output = torch.tensor(...) below the literal')}
      >
        ${icon('insert')} Insert below
      </button>
      <button
        class="snippet"
        ?disabled=${!d.weight || stale !== null}
        @click=${() => copySnippet(v)}
        title=${why(`Copy a runnable ${v.transposed.on ? 'F.conv_transpose2d' : 'F.conv2d'} snippet`)}
      >
        ${icon('code')} Snippet
      </button>
      <button class="png" ?disabled=${!d.padded} @click=${() => savePng(v)} title="Save the heatmaps as PNG">
        ${icon('file-media')} PNG
      </button>
    </div>
    ${d.inputError ? html`<div class="error" role="alert">${d.inputError}</div>` : v.source ? (v.transposed.on ? renderTransposed(v) : renderGrids(v)) : html`<p class="empty">Select a tensor literal in the editor and run <b>Tensor Lens: Convolve Selection</b>.</p>`}
    ${
      v.transposed.on
        ? transposedStepper(v)
        : d.g && d.output
          ? html`<tl-window-stepper
              .total=${d.g.Hout * d.g.Wout}
              .index=${v.step}
              ?playing=${v.playing}
              .where=${outLabel(v)}
              .terms=${v.currentTerms()}
              .bias=${biasOf(v.args.bias, v.outChannel)}
              .result=${currentValue(v)}
              .inputScale=${d.scales.input}
              .kernelScale=${d.scales.kernel}
              @step=${(e: CustomEvent<number>) => v.setStep(e.detail)}
              @toggle-play=${() => v.togglePlay()}
              @term-hover=${(e: CustomEvent<number | null>) => (v.hoverTerm = e.detail)}
            ></tl-window-stepper>`
          : nothing
    }`;
}

export function outLabel(v: ConvolutionView, at = v.position()): string {
  if (!at || !v.d.output) return '';
  const lead = v.d.output.shape.length === 4 ? [v.batch, v.outChannel] : [v.outChannel];
  return `out[${[...lead, ...at].join(', ')}]`;
}

function currentValue(v: ConvolutionView): number {
  const at = v.position();
  return at && v.d.outPlane && v.d.g ? v.d.outPlane[at[0] * v.d.g.Wout + at[1]] : 0;
}

/** The output section's heading (shape, time) with the error or the argument it waits for: the same in both modes. */
export function outputStatus(v: ConvolutionView) {
  const d = v.d;
  return html`<h3>
      output
      <span class="shape">${d.output ? dims(d.output.shape) : '—'}</span
      >${d.output ? html` <span class="ms">${d.ms.toFixed(1)} ms</span>` : nothing}
    </h3>
    ${d.error ? html`<div class="error" role="alert">${icon('error')} <span class="message">${d.error}</span></div>` : nothing}
    ${d.waiting ? html`<div class="waiting" role="status">${icon('warning')} <span class="message">Waiting for a valid value: ${d.waiting}.</span></div>` : nothing}`;
}

function renderGrids(v: ConvolutionView) {
  const d = v.d;
  const cs = v.cellSize;
  const terms = v.hoverTerm !== null ? v.currentTerms() : [];
  const term = v.hoverTerm !== null ? terms[v.hoverTerm] : undefined;
  const window = windowCells(v);
  const cg = d.weight?.shape[1] ?? 1;
  const group = Math.floor(v.outChannel / ((d.weight?.shape[0] ?? 1) / v.args.groups));
  const inputMarks: Cell[] = term && group * cg + term.channel === v.channel ? [[term.row, term.col]] : [];
  const kernelMarks: Cell[] = term ? [[term.ky, term.kx]] : [];
  const [kH, kW] = d.weight?.shape.slice(-2) ?? [0, 0];
  const kernel = editableKernel(v);
  // Labels need about 20 px: below that the kernel (always small) keeps readable cells of its own.
  const kcs = cs >= 20 ? cs : 24;
  const cin = d.weight?.shape[1] ?? 1;
  const repeated = cin > 1 && v.kernels.every((k) => k.shape.length <= 3);
  return html`<div class="grids">
    <section class="input" aria-label="input">
      <h3>input <span class="shape">${dims(d.input?.shape ?? v.source?.shape ?? [])}</span></h3>
      ${layoutPicker(v)} ${pickers(v)}
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
                .describe=${v.describeInput}
                label="input ${dims(d.input?.shape ?? [])}, batch ${v.batch} channel ${v.channel}${d.padded.mask.some((m) => m) ? ', with padding' : ''}"
                @cell-hover=${(e: CustomEvent<Cell | null>) => (v.hoverInput = e.detail)}
              ></tl-heatmap-grid>
              <tl-color-legend .scale=${d.scales.input}></tl-color-legend>`
          : nothing
      }
      ${channelGrid(v)}
    </section>
    <section class="kernel" aria-label="kernel">
      <h3>kernel <span class="shape">${kH}×${kW}</span>${editButton(v)}</h3>
      ${
        v.editing && kernel
          ? kernelEditor(v, kernel)
          : d.kernelPlane
            ? html`${kernelGrid({
                  values: d.kernelPlane,
                  rows: kH,
                  cols: kW,
                  scale: d.scales.kernel,
                  cellSize: kcs,
                  marked: kernelMarks,
                  label: `kernel ${kH}×${kW}, output channel ${v.outChannel}`,
                })}
                ${
                  repeated
                    ? html`<p class="note repeated">
                        The ${kH}×${kW} kernel is repeated over the ${cin} input channels${v.args.groups > 1 ? ` of each group` : ''}
                        (weight ${dims(d.weight?.shape ?? [])}).
                      </p>`
                    : nothing
                } <tl-color-legend .scale=${d.scales.kernel}></tl-color-legend>`
            : nothing
      }
    </section>
    <section class="output" aria-label="output">
      ${outputStatus(v)}
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
                .current=${v.position()}
                .marked=${fedBy(v, v.hoverInput)}
                label="output ${dims(d.output?.shape ?? [])}, channel ${v.outChannel}"
                @cell-select=${(e: CustomEvent<Cell>) => v.setStep(e.detail[0] * (d.g?.Wout ?? 0) + e.detail[1])}
              ></tl-heatmap-grid>
              <tl-color-legend .scale=${d.scales.output}></tl-color-legend>`
          : nothing
      }
      ${d.g && d.weight ? html`<div class="formulas">${shapeFormulas(d.g).map((f) => html`<div class="formula">${f}</div>`)}</div>` : nothing}
      ${d.output && d.Cout > 1 ? strip(v) : nothing} ${bothWays(v)}
    </section>
  </div>`;
}

/** C×H×W (PyTorch's layout) or H×W×C (PIL, OpenCV, matplotlib arrays) for a 3-D input. */
export function layoutPicker(v: ConvolutionView) {
  if (v.source?.shape.length !== 3) return nothing;
  return html`<label class="layout"
    >layout
    <select
      class="layout"
      aria-label="input layout"
      @change=${(e: Event) => v.setLayout((e.target as HTMLSelectElement).value as 'chw' | 'hwc')}
    >
      <option value="chw" ?selected=${v.layout === 'chw'}>C×H×W (PyTorch)</option>
      <option value="hwc" ?selected=${v.layout === 'hwc'}>H×W×C (channels last: PIL, OpenCV)</option>
    </select></label
  >`;
}

/** Batch and channel choice for 3-D/4-D inputs. */
export function pickers(v: ConvolutionView) {
  const d = v.d;
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
              @change=${(e: Event) => v.setView(Number((e.target as HTMLSelectElement).value), v.channel, v.outChannel)}
            >
              ${opts(d.N, v.batch)}
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
              @change=${(e: Event) => v.setView(v.batch, Number((e.target as HTMLSelectElement).value), v.outChannel)}
            >
              ${opts(d.C, v.channel)}
            </select></label
          >`
        : nothing
    }
  </div>`;
}
