// The Convolution panel's template: title, kernel and argument toolbar, result actions, then the conv2d or transposed body.
import { html, nothing } from 'lit';
import { icon } from '../common/icons';
import type { PanelContext } from './context';
import { conv2dGrids, conv2dStepper } from './conv2d-template';
import type { TransposedSettings } from './state';
import { transposedGrids, transposedStepper } from './transposed-template';

export function renderPanel(c: PanelContext) {
  const d = c.d;
  // While the literal doesn't parse (or a field is invalid), results would be those of an older state: say so, don't act.
  const stale = c.sourceError ? 'the literal no longer parses' : d.waiting ? d.waiting : null;
  const noOutput = !d.output || stale !== null;
  const why = (what: string) => (stale ? `${what} — unavailable: ${stale}` : what);
  return html`<header>
      <h2>
        <button class="title link" title="Reveal in editor" @click=${() => c.reveal()}>
          Convolution — ${c.panelTitle || 'no tensor yet'}
        </button>
      </h2>
      ${c.sourceError ? html`<div class="banner warning" role="status">${icon('warning')} ${c.sourceError} — showing the last version that parsed; Copy, Insert and Snippet wait until it parses again.</div>` : nothing}
    </header>
    <div class="toolbar">
      <tl-kernel-picker
        .kernels=${c.kernels}
        .candidates=${c.candidates}
        .opened=${c.opened}
        @kernels-change=${(e: CustomEvent) => c.setKernels(e.detail)}
      ></tl-kernel-picker>
      <tl-conv-args-bar
        .args=${c.args}
        .transposed=${c.transposed}
        @transposed-change=${(e: CustomEvent<TransposedSettings>) => c.setTransposed(e.detail)}
        @args-change=${(e: CustomEvent) => c.setArgs(e.detail)}
        @args-invalid=${(e: CustomEvent<string | null>) => c.setArgError(e.detail)}
      ></tl-conv-args-bar>
    </div>
    <div class="actions" role="toolbar" aria-label="results">
      <button
        class="copy-torch"
        ?disabled=${noOutput}
        @click=${() => c.copyOutput('torch')}
        title=${why('Copy the output as torch.tensor([...])')}
      >
        ${icon('copy')} Copy output
      </button>
      <button class="copy-json" ?disabled=${noOutput} @click=${() => c.copyOutput('json')} title=${why('Copy the output as JSON')}>
        ${icon('json')} JSON
      </button>
      <button
        class="insert"
        ?disabled=${noOutput || !c.canInsert}
        @click=${() => c.insertOutput()}
        title=${why('Insert output = torch.tensor(...) below the literal')}
      >
        ${icon('insert')} Insert below
      </button>
      <button
        class="snippet"
        ?disabled=${!d.weight || stale !== null}
        @click=${() => c.copySnippet()}
        title=${why(`Copy a runnable ${c.transposed.on ? 'F.conv_transpose2d' : 'F.conv2d'} snippet`)}
      >
        ${icon('code')} Snippet
      </button>
      <button class="png" ?disabled=${!d.padded} @click=${() => c.savePng()} title="Save the heatmaps as PNG">
        ${icon('file-media')} PNG
      </button>
    </div>
    ${d.inputError ? html`<div class="error" role="alert">${d.inputError}</div>` : c.source ? (c.transposed.on ? transposedGrids(c) : conv2dGrids(c)) : html`<p class="empty">Select a tensor literal in the editor and run <b>Tensor Lens: Convolve Selection</b>.</p>`}
    ${c.transposed.on ? transposedStepper(c) : conv2dStepper(c)}`;
}
