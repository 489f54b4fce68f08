// <tl-explore-view>: the Model Explorer panel — every step of forward with its shape, value range, channel strip and a
// one-cell explanation; weights/input pickers, eval/train and colour-scale toggles; the class scores at the end.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { ExploreHostMessage, ExploreRunResult, StepView, ThumbPage } from '../../src/core/protocol/explore';
import { post } from './host';
import './channel-strip';

const fmt = (v: number): string =>
  Number.isFinite(v) ? (Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(2) : v.toFixed(3)) : String(v);

@customElement('tl-explore-view')
export class ExploreView extends LitElement {
  static override styles = css`
    :host {
      display: block;
      padding: 8px 12px;
      font-family: var(--vscode-font-family);
      font-size: var(--vscode-font-size);
      color: var(--vscode-foreground);
    }
    header {
      display: flex;
      flex-wrap: wrap;
      gap: 6px 12px;
      align-items: center;
      margin-bottom: 8px;
    }
    h2 {
      font-size: 1.1em;
      margin: 0;
    }
    button.pick,
    .toggle button {
      background: var(--vscode-button-secondaryBackground);
      color: var(--vscode-button-secondaryForeground);
      border: none;
      padding: 2px 8px;
      cursor: pointer;
    }
    .toggle button[aria-pressed='true'] {
      background: var(--vscode-button-background);
      color: var(--vscode-button-foreground);
    }
    .status {
      color: var(--vscode-descriptionForeground);
      margin: 4px 0;
    }
    .error {
      color: var(--vscode-errorForeground);
      white-space: pre-wrap;
    }
    ol {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    li.step {
      display: grid;
      grid-template-columns: minmax(220px, 28%) minmax(0, 1fr);
      gap: 4px 12px;
      padding: 6px 4px;
      border-bottom: 1px solid var(--vscode-panel-border, rgba(128, 128, 128, 0.2));
    }
    li.step:focus-visible,
    li.step.selected {
      outline: 1px solid var(--vscode-focusBorder);
    }
    @media (max-width: 560px) {
      li.step {
        grid-template-columns: minmax(0, 1fr);
      }
    }
    .name {
      all: unset;
      cursor: pointer;
      font-family: var(--vscode-editor-font-family);
      color: var(--vscode-textLink-foreground);
    }
    .meta,
    .explain {
      color: var(--vscode-descriptionForeground);
      font-size: 0.9em;
      font-variant-numeric: tabular-nums;
    }
    .explain {
      grid-column: 1 / -1;
      font-family: var(--vscode-editor-font-family);
    }
    table.scores td {
      padding: 1px 10px 1px 0;
      font-variant-numeric: tabular-nums;
    }
  `;

  @state() private model = '';
  @state() private file = '';
  @state() private weights = '';
  @state() private input = '';
  @state() private train = false;
  @state() private scale: 'shared' | 'channel' = 'shared';
  @state() private busy = '';
  @state() private error = '';
  @state() private result: ExploreRunResult | undefined;
  /** The steps of a run still going on, shown as they arrive. */
  @state() private partial: StepView[] = [];
  @state() private selected = -1;
  @state() private pages = new Map<number, Map<number, ThumbPage>>();

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('message', this.onMessage);
    post({ type: 'ready', view: 'explore' });
  }

  override disconnectedCallback(): void {
    window.removeEventListener('message', this.onMessage);
    super.disconnectedCallback();
  }

  private readonly onMessage = (e: MessageEvent): void => {
    const m = e.data as ExploreHostMessage;
    switch (m.type) {
      case 'exploreState':
        ({ model: this.model, file: this.file, weights: this.weights, input: this.input, train: this.train, scale: this.scale } = m);
        break;
      case 'exploreBusy':
        this.busy = m.text;
        this.error = '';
        this.partial = [];
        break;
      case 'exploreStep':
        this.partial = [...this.partial, m.step];
        break;
      case 'exploreResult':
        this.partial = [];
        this.busy = '';
        this.error = '';
        this.result = m.result;
        this.pages = new Map();
        this.selected = -1;
        break;
      case 'exploreThumbs': {
        if (m.page.scale !== this.scale) break;
        const pages = new Map(this.pages);
        const step = new Map(pages.get(m.page.step) ?? []);
        step.set(m.page.from, m.page);
        pages.set(m.page.step, step);
        this.pages = pages;
        break;
      }
      case 'exploreError':
        this.partial = [];
        this.busy = '';
        this.error = m.line ? `line ${m.line}: ${m.message}` : m.message;
        this.result = undefined;
        break;
    }
  };

  private setScale(scale: 'shared' | 'channel'): void {
    this.scale = scale;
    this.pages = new Map();
    post({ type: 'exploreScale', scale });
  }

  private select(i: number, reveal = true): void {
    const steps = this.result?.steps ?? [];
    if (i < 0 || i >= steps.length) return;
    this.selected = i;
    if (reveal) post({ type: 'exploreReveal', line: steps[i].line });
    void this.updateComplete.then(() => (this.renderRoot.querySelector(`li[data-index="${i}"]`) as HTMLElement | null)?.focus());
  }

  private onKey(e: KeyboardEvent, i: number): void {
    if (e.key === 'ArrowDown' || e.key === 'j') this.select(i + 1);
    else if (e.key === 'ArrowUp' || e.key === 'k') this.select(i - 1);
    else if (e.key === 'Enter') this.select(i);
    else return;
    e.preventDefault();
  }

  override render() {
    return html`<header>
        <h2>${this.model}</h2>
        <span class="meta">${this.file}</span>
        <button
          class="pick weights"
          title="Choose the weights (a state dict or a fresh seeded init)"
          @click=${() => post({ type: 'explorePickWeights' })}
        >
          Weights: ${this.weights}
        </button>
        <button
          class="pick input"
          title="Choose the input (an image, a tensor file, the file's literal or a shape)"
          @click=${() => post({ type: 'explorePickInput' })}
        >
          Input: ${this.input}
        </button>
        <span class="toggle mode" role="group" aria-label="Mode">
          <button aria-pressed=${String(!this.train)} @click=${() => post({ type: 'exploreMode', train: false })}>eval</button>
          <button aria-pressed=${String(this.train)} @click=${() => post({ type: 'exploreMode', train: true })}>train</button>
        </span>
        <span class="toggle scale" role="group" aria-label="Colour scale">
          <button aria-pressed=${String(this.scale === 'shared')} @click=${() => this.setScale('shared')}>shared scale</button>
          <button aria-pressed=${String(this.scale === 'channel')} @click=${() => this.setScale('channel')}>per channel</button>
        </span>
      </header>
      ${this.busy ? html`<div class="status busy" role="status">${this.busy}</div>` : nothing}
      ${this.error ? html`<div class="error" role="alert">${this.error}</div>` : nothing} ${this.renderResult()}`;
  }

  private renderResult() {
    const r = this.result;
    if (this.busy && this.partial.length)
      return html`<ol class="steps partial" aria-label="Steps of forward so far">
        ${this.partial.map((s) => this.renderStep(s))}
      </ol>`;
    if (!r || this.busy) return nothing;
    return html`<div class="status summary">${r.title}: input [${r.input.shape.join(', ')}], ${r.steps.length} steps</div>
      ${r.weightProblems ? html`<div class="error weight-problems">The weights do not fit (seeded init used): ${r.weightProblems.join(' ')}</div>` : nothing}
      <ol class="steps" aria-label="Steps of forward">
        ${r.steps.map((s) => this.renderStep(s))}
      </ol>
      ${
        r.output.topK.length
          ? html`<section class="scores">
              <h3>Class scores: logits → softmax → probabilities</h3>
              <table class="scores">
                ${r.output.topK.map(
                  (c) =>
                    html`<tr>
                      <td>${c.label}</td>
                      <td>logit ${fmt(c.logit)}</td>
                      <td>${(c.probability * 100).toFixed(1)} %</td>
                    </tr>`,
                )}
              </table>
            </section>`
          : nothing
      }`;
  }

  private renderStep(s: StepView) {
    const pages = this.pages.get(s.index) ?? new Map<number, ThumbPage>();
    const range =
      this.scale === 'shared'
        ? `${fmt(s.stats.min)} … ${fmt(s.stats.max)}`
        : `per channel; ${fmt(s.stats.min)} … ${fmt(s.stats.max)} overall`;
    return html`<li
      class="step ${this.selected === s.index ? 'selected' : ''} ${s.kind}"
      data-index=${s.index}
      tabindex="0"
      @keydown=${(e: KeyboardEvent) => this.onKey(e, s.index)}
    >
      <div>
        <button class="name" title="Line ${s.line}: show it in the editor" @click=${() => this.select(s.index)}>
          ${String(s.index).padStart(3, '0')} ${s.name || s.type}
        </button>
        <div class="meta">${s.kind === 'module' ? s.type : s.kind} · <span class="shape">[${s.shape.join(', ')}]</span></div>
        <div class="meta range">${range} · mean ${fmt(s.stats.mean)}</div>
      </div>
      <tl-channel-strip
        .step=${s.index}
        .channels=${s.channels}
        .pages=${pages}
        .drill=${s.drill}
        .unit=${s.channels === 1 && s.shape.length <= 2 ? 'vector' : 'channel'}
        @need=${(e: CustomEvent<{ step: number; from: number; count: number }>) => post({ type: 'exploreThumbs', ...e.detail, scale: this.scale })}
        @pick=${(e: CustomEvent<number>) => s.drill && post({ type: 'exploreDrill', step: s.index, channel: e.detail })}
      ></tl-channel-strip>
      <div class="explain">${s.explain.map((l) => html`<div>${l}</div>`)}</div>
    </li>`;
  }
}
