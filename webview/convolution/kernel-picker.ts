// <tl-kernel-picker>: the kernel list — presets, the file's literals by name, or custom cells; several kernels give several output channels.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { KERNEL_PRESETS } from '../../src/core/render/kernel-presets';
import type { KernelCandidate } from '../../src/core/protocol/convolution';
import { candidateSpec, presetSpec, type KernelSpec } from './compute/kernel-specs';
import { controlStyles, icon } from '../common/icons';

const valueOf = (s: KernelSpec) => `${s.source}:${s.id}`;

@customElement('tl-kernel-picker')
export class KernelPicker extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: inline-flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 4px;
      }
      select {
        max-width: 24em;
      }
      .entry {
        display: inline-flex;
        align-items: center;
      }
    `,
  ];

  @property({ attribute: false }) kernels: KernelSpec[] = [];
  @property({ attribute: false }) candidates: KernelCandidate[] = [];
  /** Kernels given by tensorLens.useKernel (debugger, tensor files), offered until the panel is closed. */
  @property({ attribute: false }) opened: KernelSpec[] = [];

  override render() {
    return html`<label for="kernel-0">Kernel</label>
      ${this.kernels.map(
        (k, i) =>
          html`<span class="entry">
            <select id="kernel-${i}" aria-label="kernel ${i + 1}" .value=${valueOf(k)} @change=${(e: Event) => this.onPick(i, e)}>
              ${this.options(k)}
            </select>
            ${
              this.kernels.length > 1
                ? html`<button
                    class="icon-only"
                    title="Remove kernel ${i + 1}"
                    aria-label="remove kernel ${i + 1}"
                    @click=${() => this.removeAt(i)}
                  >
                    ${icon('close')}
                  </button>`
                : nothing
            }
          </span>`,
      )}
      <button class="icon-only add" title="Add a kernel (one more output channel)" aria-label="add kernel" @click=${this.add}>
        ${icon('add')}
      </button>`;
  }

  private options(current: KernelSpec) {
    // The select's value is set before dynamic options exist, so mark the current option selected explicitly.
    const sel = (v: string) => v === valueOf(current);
    // A literal kernel from another file (or an edit that removed it) stays applied: name it, never show another option.
    const orphan = current.source === 'literal' && !this.candidates.some((c) => c.name === current.id);
    return html`${
        orphan
          ? html`<optgroup label="In use">
              <option value=${valueOf(current)} selected>${current.label} (${current.shape.join('×')}, not in this file)</option>
            </optgroup>`
          : nothing
      }
      <optgroup label="Presets">
        ${KERNEL_PRESETS.map((p) => html`<option value="preset:${p.id}" ?selected=${sel(`preset:${p.id}`)}>${p.label}</option>`)}
      </optgroup>
      ${
        this.candidates.length > 0
          ? html`<optgroup label="From this file">
              ${this.candidates.map((c) => html`<option value="literal:${c.name}" ?selected=${sel(`literal:${c.name}`)}>${c.name} (${c.shape.join('×')}, line ${c.line})</option>`)}
            </optgroup>`
          : nothing
      }
      ${
        this.opened.length > 0
          ? html`<optgroup label="Opened">
              ${this.opened.map((o) => html`<option value="opened:${o.id}" ?selected=${sel(`opened:${o.id}`)}>${o.label} (${o.shape.join('×')})</option>`)}
            </optgroup>`
          : nothing
      }
      <option value="custom:" ?selected=${current.source === 'custom'}>Custom (edit cells)</option>`;
  }

  private onPick(i: number, e: Event): void {
    const [source, id] = (e.target as HTMLSelectElement).value.split(/:(.*)/s);
    let spec: KernelSpec | undefined;
    if (source === 'preset') spec = presetSpec(id);
    else if (source === 'literal') {
      const c = this.candidates.find((x) => x.name === id);
      spec = c && candidateSpec(c);
    } else if (source === 'opened') {
      spec = this.opened.find((o) => o.id === id);
    } else {
      const k = this.kernels[i];
      spec = {
        source: 'custom',
        id: '',
        label: 'custom',
        shape: k.shape.length === 2 ? [...k.shape] : [3, 3],
        data: k.shape.length === 2 ? [...k.data] : new Array(9).fill(0),
      };
    }
    if (spec) this.emit(this.kernels.map((k, j) => (j === i ? spec : k)));
  }

  private add = (): void => {
    const used = new Set(this.kernels.map(valueOf));
    const next = KERNEL_PRESETS.find((p) => !used.has(`preset:${p.id}`)) ?? KERNEL_PRESETS[0];
    const spec = presetSpec(next.id);
    if (spec) this.emit([...this.kernels, spec]);
  };

  private removeAt(i: number): void {
    this.emit(this.kernels.filter((_, j) => j !== i));
  }

  private emit(kernels: KernelSpec[]): void {
    this.dispatchEvent(new CustomEvent<KernelSpec[]>('kernels-change', { detail: kernels }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-kernel-picker': KernelPicker;
  }
}
