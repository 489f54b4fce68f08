// <tl-tensor-file-view>: the tensor-file editor: the file's index (filterable) on the left, the selected tensor on the right.
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { countParameters } from '../../src/core/tensor-files/parameter-count';
import type { FileIndex, IndexEntry, TensorFileHostMessage, TensorFileWebviewMessage } from '../../src/core/protocol/tensor-file';
import type { TensorSummary } from '../../src/core/tensor-files/tensor-summary';
import { controlStyles, icon } from '../common/icons';
import { post } from '../common/vscode-api';
import { isKernelLike, type DetailAction } from '../common/tensor-detail';
import { tensorFileViewStyles } from './tensor-file-view-styles';
import '../common/tensor-detail';

const send = (m: TensorFileWebviewMessage) => post(m);

@customElement('tl-tensor-file-view')
export class TensorFileView extends LitElement {
  static override styles = [controlStyles, tensorFileViewStyles];

  @state() private index: FileIndex | null = null;
  @state() private error = '';
  @state() private canTrain = false;
  @state() private filter = '';
  @state() private selected: string | null = null;
  @state() private summary: TensorSummary | null = null;
  @state() private tensorError = '';
  @state() private status = '';

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('message', this.onMessage);
    send({ type: 'ready', view: 'tensor-file' });
  }

  override disconnectedCallback(): void {
    window.removeEventListener('message', this.onMessage);
    super.disconnectedCallback();
  }

  private onMessage = (e: MessageEvent<TensorFileHostMessage>): void => {
    const m = e.data;
    switch (m.type) {
      case 'index': {
        this.index = m.index;
        this.canTrain = m.canTrain;
        this.error = '';
        const keep = this.selected !== null && m.index.entries.some((x) => x.name === this.selected);
        const first = m.index.entries[0];
        if (keep) this.select(this.selected!);
        else if (m.index.entries.length === 1 && first) this.select(first.name);
        break;
      }
      case 'error':
        this.error = m.message;
        this.index = null;
        break;
      case 'tensor':
        if (m.name === this.selected) {
          this.summary = m.summary;
          this.tensorError = '';
        }
        break;
      case 'tensorError':
        if (m.name === this.selected) this.tensorError = m.message;
        break;
      case 'status':
        this.status = m.text;
        break;
    }
  };

  private select(name: string): void {
    this.selected = name;
    this.summary = null;
    this.tensorError = '';
    send({ type: 'select', name });
  }

  override render() {
    if (this.error) {
      return html`<div class="error" role="alert">
        ${icon('error')}
        <div>${this.error}</div>
      </div>`;
    }
    const ix = this.index;
    if (!ix) return html`<p class="status">Reading the file's index…</p>`;
    const counted = countParameters(ix.entries);
    const f = this.filter.toLowerCase();
    const shown = f ? ix.entries.filter((e) => e.name.toLowerCase().includes(f)) : ix.entries;
    const count = `${ix.entries.length} ${ix.entries.length === 1 ? 'tensor' : 'tensors'}`;
    const n = (v: number) => v.toLocaleString('en-US');
    const total = ix.image
      ? `${n(counted.parameters + counted.buffers)} values`
      : `${n(counted.parameters)} parameters${counted.buffers ? ` · ${n(counted.buffers)} in buffers` : ''}`;
    const facts = [ix.formatLabel, count, total, bytes(ix.size), ...(ix.image ? [ix.image.description] : [])].join(' · ');
    return html`<header>
        <span class="title">${ix.fileName}</span>
        <span class="facts">${facts}</span>
        ${
          ix.image
            ? html`<label
                ><input
                  type="checkbox"
                  .checked=${ix.image.grayscale}
                  @change=${(e: Event) => send({ type: 'grayscale', on: (e.target as HTMLInputElement).checked })}
                />
                grayscale (1×H×W)</label
              >`
            : nothing
        }
        ${this.canTrain ? html`<button @click=${() => send({ type: 'loadIntoTraining' })} title="Use these weights in the Training view">${icon('play')} Load into Training</button>` : nothing}
        <input
          type="search"
          placeholder="Filter tensors"
          aria-label="Filter tensors"
          .value=${this.filter}
          @input=${(e: Event) => (this.filter = (e.target as HTMLInputElement).value)}
        />
      </header>
      ${this.status ? html`<div class="status" role="status">${this.status}</div>` : nothing}
      ${
        Object.keys(ix.metadata).length
          ? html`<div class="status">
              metadata:
              ${Object.entries(ix.metadata)
                .map(([k, v]) => `${k}=${v}`)
                .join(', ')}
            </div>`
          : nothing
      }
      <div class="body">
        <div class="index">
          <table role="grid" aria-label="Tensors in this file">
            <thead>
              <tr>
                <th>name</th>
                <th>dtype</th>
                <th>shape</th>
                <th class="num">elements</th>
                <th class="num">bytes</th>
              </tr>
            </thead>
            <tbody @keydown=${(e: KeyboardEvent) => this.onKey(e, shown)}>
              ${shown.map((e) => this.row(e))}
            </tbody>
          </table>
          ${shown.length === 0 ? html`<p class="status">No tensor matches "${this.filter}".</p>` : nothing}
        </div>
        <div class="detail">${this.detail()}</div>
      </div>`;
  }

  private row(e: IndexEntry) {
    const sel = e.name === this.selected;
    return html`<tr
      class="row"
      tabindex=${sel ? 0 : -1}
      aria-selected=${sel ? 'true' : 'false'}
      data-name=${e.name}
      @click=${() => this.select(e.name)}
    >
      <td>${e.name || '(array)'}</td>
      <td>${e.dtype}</td>
      <td>
        ${e.shape.length ? e.shape.join('×') : 'scalar'}${isKernelLike(e.shape) ? html` <span class="tag">▸ kernels</span>` : nothing}
      </td>
      <td class="num">${e.numel.toLocaleString('en-US')}</td>
      <td class="num">${bytes(e.nbytes)}</td>
    </tr>`;
  }

  private onKey(e: KeyboardEvent, shown: IndexEntry[]): void {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const i = shown.findIndex((x) => x.name === this.selected);
    const next = shown[Math.max(0, Math.min(shown.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)))];
    if (!next) return;
    this.select(next.name);
    void this.updateComplete.then(() => (this.renderRoot.querySelector(`tr[aria-selected='true']`) as HTMLElement | null)?.focus());
  }

  private detail() {
    if (this.selected === null) return html`<p class="status">Select a tensor to see its values.</p>`;
    if (this.tensorError)
      return html`<div class="error" role="alert">
        ${icon('error')}
        <div>${this.tensorError}</div>
      </div>`;
    return html`<tl-tensor-detail
      .name=${this.selected}
      .summary=${this.summary}
      ?image=${Boolean(this.index?.image)}
      @detail-action=${(e: CustomEvent<DetailAction>) => this.act(e.detail)}
    ></tl-tensor-detail>`;
  }

  private act(kind: DetailAction): void {
    if (this.selected === null) return;
    if (kind === 'copy') send({ type: 'copyTensor', name: this.selected });
    else send({ type: 'openInPanel', name: this.selected, as: kind });
  }
}

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-tensor-file-view': TensorFileView;
  }
}
