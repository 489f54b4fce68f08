// The Convolution panel with the transposed switch on: the zero-inserted plane or the scatter view, H_out/W_out, the stepper.
import { html, nothing } from 'lit';
import { num } from '../../src/core/render/arithmetic';
import type { Cell } from '../common/cell';
import type { PanelContext } from './context';
import { editableKernel } from './compute/kernel-specs';
import type { TransposedMode } from './state';
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
import { scatterCells, transposedFedBy, transposedWindow } from './compute/transposed-panel';
import { biasOf } from '../../src/core/protocol/convolution';

const MODES: { mode: TransposedMode; label: string; note: string }[] = [
  {
    mode: 'zero-inserted',
    label: 'Zero-inserted',
    note: 'stride − 1 zeros between input cells, dilation·(k − 1) − padding cells of zero padding around them (output_padding more at the bottom and right), the kernel flipped 180° sliding at stride 1',
  },
  {
    mode: 'scatter',
    label: 'Scatter',
    note: 'each input cell adds its value × the kernel into the output at row·stride − padding + tap·dilation; where the copies overlap they sum',
  },
];

/** The two explanations as a radio group: Tab reaches the chosen one, arrow keys (or a click) choose the other. */
function modeToggle(c: PanelContext) {
  const current = MODES.find((m) => m.mode === c.transposed.mode) ?? MODES[0];
  const choose = (mode: TransposedMode) => c.setTransposed({ ...c.transposed, mode });
  const onKey = (e: KeyboardEvent) => {
    if (!['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'].includes(e.key)) return;
    // Arrows here move between the two choices, not the stepper (which listens on the window).
    e.preventDefault();
    e.stopPropagation();
    const other = MODES.find((m) => m.mode !== current.mode)!;
    choose(other.mode);
    c.focusAfterRender(`button.mode.${other.mode}`);
  };
  return html`<div class="transposed-modes">
    <span role="radiogroup" aria-label="how conv_transpose2d is shown" class="segmented" @keydown=${onKey}>
      ${MODES.map(
        (m) =>
          html`<button
            class="mode ${m.mode}"
            role="radio"
            aria-checked=${m.mode === current.mode}
            tabindex=${m.mode === current.mode ? 0 : -1}
            @click=${() => choose(m.mode)}
          >
            ${m.label}
          </button>`,
      )}
    </span>
    <span class="note mode-note">${current.note}.</span>
  </div>`;
}

export function transposedGrids(c: PanelContext) {
  const d = c.d;
  const t = d.t;
  const cs = c.cellSize;
  const scatter = c.transposed.mode === 'scatter';
  const terms = c.currentTerms();
  const term = c.hoverTerm !== null ? terms[c.hoverTerm] : undefined;
  // The hovered product's input cell; in the scatter view, without a hover, every input cell summed into the output cell.
  // (Zero-inserted coordinates mean nothing on the plain input drawn when the plane is too large.)
  const shown = scatter ? (term ? [term] : terms) : term && t?.window ? [term] : [];
  const inputMarks: Cell[] = shown.filter((x) => x.channel === t?.shownInGroup).map((x) => [x.row, x.col]);
  const [kH, kW] = d.weight?.shape.slice(-2) ?? [0, 0];
  const kcs = cs >= 20 ? cs : 24;
  const at = c.position();
  const current = scatter && at && d.output ? at : null;
  const plane = d.padded;
  const zeroInserted = !!t?.window && !scatter;
  // The editor shows the kernel as written (unflipped): the cells the user typed.
  const kernel = editableKernel(c.kernels);
  const editing = c.editing && kernel ? kernel : null;
  return html`${modeToggle(c)}
    <div class="grids transposed">
      <section class="input" aria-label="input">
        <h3>
          input <span class="shape">${dims(d.input?.shape ?? c.source?.shape ?? [])}</span>
          ${zeroInserted && plane ? html`<span class="plane-shape">→ zero-inserted ${plane.rows}×${plane.cols}</span>` : nothing}
        </h3>
        ${layoutPicker(c)} ${pickers(c)}
        ${
          plane
            ? html`<tl-heatmap-grid
                  class="input-grid"
                  .rows=${plane.rows}
                  .cols=${plane.cols}
                  .values=${plane.values}
                  .padMask=${plane.mask}
                  .scale=${d.scales.input}
                  .cellSize=${cs}
                  .window=${transposedWindow(d, c.transposed.mode, at)}
                  .current=${current}
                  .marked=${inputMarks}
                  .describe=${c.describeInput}
                  label="input ${dims(d.input?.shape ?? [])}, batch ${c.batch} channel ${c.channel}${zeroInserted ? `, zero-inserted and padded to ${plane.rows}×${plane.cols}` : ''}"
                  @cell-hover=${(e: CustomEvent<Cell | null>) => c.hoverInputAt(e.detail)}
                ></tl-heatmap-grid>
                ${zeroInserted ? planeKey() : nothing}
                <tl-color-legend .scale=${d.scales.input}></tl-color-legend>`
            : nothing
        }
        ${channelGrid(c)}
      </section>
      <section class="kernel" aria-label="kernel">
        <h3>
          kernel
          <span class="shape">${kH}×${kW}</span
          >${!scatter && !editing ? html` <span class="note flipped">flipped 180°</span>` : nothing}${editButton(c)}
        </h3>
        ${
          editing
            ? kernelEditor(c, editing)
            : d.kernelPlane
              ? html`${kernelGrid({
                    values: d.kernelPlane,
                    rows: kH,
                    cols: kW,
                    scale: d.scales.kernel,
                    cellSize: kcs,
                    marked: term ? [[term.ky, term.kx]] : [],
                    label: `kernel ${kH}×${kW}${scatter ? '' : ', flipped 180°'}, output channel ${c.outChannel}`,
                  })} <tl-color-legend .scale=${d.scales.kernel}></tl-color-legend>`
              : nothing
        }
        ${scatter ? contribution(c, kH, kW, kcs) : nothing}
      </section>
      <section class="output" aria-label="output">
        ${outputStatus(c)}
        ${
          d.outPlane && t?.h && t.w
            ? html`<tl-heatmap-grid
                  class="output-grid"
                  .rows=${t.h.output}
                  .cols=${t.w.output}
                  .values=${d.outPlane}
                  .scale=${d.scales.output}
                  .cellSize=${cs}
                  .current=${c.outputCell()}
                  .window=${scatterCells(d, c.transposed.mode, at)}
                  .marked=${transposedFedBy(d, c.transposed.mode, c.hoverInput)}
                  label="output ${dims(d.output?.shape ?? [])}, channel ${c.outChannel}"
                  @cell-select=${(e: CustomEvent<Cell>) => c.selectOutput(e.detail)}
                ></tl-heatmap-grid>
                <tl-color-legend .scale=${d.scales.output}></tl-color-legend>`
            : nothing
        }
        ${t?.formulas ? html`<div class="formulas">${t.formulas.map((f) => html`<div class="formula">${f}</div>`)}</div>` : nothing}
        ${d.output && d.Cout > 1 ? strip(c) : nothing}
      </section>
    </div>`;
}

/** What the three kinds of cell of the zero-inserted plane look like. */
function planeKey() {
  return html`<div class="plane-key" aria-hidden="true">
    <span><i class="swatch input"></i>input</span>
    <span><i class="swatch inserted"></i>inserted zero</span>
    <span><i class="swatch padding"></i>padding</span>
  </div>`;
}

/** Scatter view: the current input cell's value times the kernel, the block it adds into the output. */
function contribution(c: PanelContext, kH: number, kW: number, cs: number) {
  const d = c.d;
  const at = c.position();
  if (!at || !d.kernelPlane || !d.padded || !d.output) return nothing;
  const x = d.padded.values[at[0] * d.padded.cols + at[1]];
  // + 0: a zero times a negative tap is −0 in float32, which would read as a different number.
  const scaled = d.kernelPlane.map((k) => Math.fround(x * k) + 0);
  return html`<h3 class="contribution-title">input[${at[0]}, ${at[1]}] × kernel</h3>
    <tl-heatmap-grid
      class="contribution-grid"
      .rows=${kH}
      .cols=${kW}
      .values=${scaled}
      .scale=${d.scales.output}
      .cellSize=${cs}
      label="input[${at[0]}, ${at[1]}] = ${num(x)} times the kernel"
    ></tl-heatmap-grid>`;
}

/** The stepper: output cells (zero-inserted) or input cells (scatter), with the sum of the output cell in focus. */
export function transposedStepper(c: PanelContext) {
  const d = c.d;
  if (!d.output || !d.t?.h || !d.outPlane) return nothing;
  const scatter = c.transposed.mode === 'scatter';
  const cell = c.outputCell();
  const at = c.position();
  const result = cell && d.t.w ? d.outPlane[cell[0] * d.t.w.output + cell[1]] : 0;
  const x = at && d.padded && scatter ? d.padded.values[at[0] * d.padded.cols + at[1]] : 0;
  const reach = scatterCells(d, c.transposed.mode, at).length;
  const cells = `${reach} output cell${reach === 1 ? '' : 's'}${reach === 0 ? ' (all cropped by padding)' : ''}`;
  const scatterText = at ? `input[${at[0]}, ${at[1]}] = ${num(x)} scatters ${num(x)} × kernel into ${cells}` : '';
  return html`${scatter && at ? html`<p class="scatter-line" aria-live="polite">${scatterText}</p>` : nothing}
    <tl-window-stepper
      .total=${c.stepCount()}
      .index=${c.step}
      ?playing=${c.playing}
      .unit=${scatter ? 'input cell' : 'output position'}
      .where=${cell ? outLabel(c, cell) : ''}
      .terms=${cell ? c.currentTerms() : []}
      .termTitle=${c.termTitle}
      .bias=${biasOf(c.args.bias, c.outChannel)}
      .result=${result}
      .inputScale=${d.scales.input}
      .kernelScale=${d.scales.kernel}
      @step=${(e: CustomEvent<number>) => c.setStep(e.detail)}
      @toggle-play=${() => c.togglePlay()}
      @term-hover=${(e: CustomEvent<number | null>) => c.hoverTermAt(e.detail)}
    ></tl-window-stepper>`;
}
