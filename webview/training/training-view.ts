// <tl-training-view>: root of the Training sidebar: settings, Train/Stop, live loss chart, predictions, kernels and feature maps.
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type {
  InitMessage,
  RunStateMessage,
  TrainingHostMessage,
  TrainingSettings,
  TrainingWebviewMessage,
} from '../../src/core/protocol/training';
import { controlStyles } from '../common/icons';
import { loadState, post, saveState } from '../common/vscode-api';
import { ticon } from './training-icons';
import { trainingViewStyles } from './training-view-styles';
import { settingsProblem, statusLine } from './training-format';
import { renderTrainingResults } from './training-view-results';
import './loss-chart';

interface Saved {
  settings: TrainingSettings | null;
  labels: Record<string, number | null>;
  image: number;
  kernel: number;
}

const send = (m: TrainingWebviewMessage) => post(m);

@customElement('tl-training-view')
export class TrainingView extends LitElement {
  static override styles = [controlStyles, trainingViewStyles];

  @state() private init: InitMessage | null = null;
  @state() private run: RunStateMessage | null = null;
  @state() private saved: Saved = loadState<Saved>('training', { settings: null, labels: {}, image: 0, kernel: 0 });

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('message', this.onMessage);
    post({ type: 'ready', view: 'training' });
  }

  override disconnectedCallback(): void {
    window.removeEventListener('message', this.onMessage);
    super.disconnectedCallback();
  }

  private update_(patch: Partial<Saved>): void {
    this.saved = { ...this.saved, ...patch };
    saveState('training', this.saved);
  }

  private onMessage = (event: MessageEvent<TrainingHostMessage>): void => {
    const m = event.data;
    if (m.type === 'init') {
      const sourceChanged = this.init !== null && (this.init.source !== m.source || this.init.fileName !== m.fileName);
      this.init = m;
      if (!this.saved.settings || sourceChanged) this.update_({ settings: { ...m.settings }, labels: {} });
    } else if (m.type === 'run') {
      this.run = { ...m, losses: m.losses.slice() };
    } else if (m.type === 'progress' && this.run) {
      const losses = this.run.losses.slice(0, m.firstStep).concat(m.losses);
      this.run = {
        ...this.run,
        status: 'running',
        losses,
        step: m.step,
        totalSteps: m.totalSteps,
        elapsedMs: m.elapsedMs,
        stepsPerSecond: m.stepsPerSecond,
        snapshot: m.snapshot ?? this.run.snapshot,
      };
    }
  };

  private get settings(): TrainingSettings {
    return this.saved.settings ?? this.init?.settings ?? { lr: 0.01, epochs: 100, optimizer: 'adam', momentum: 0, seed: 0 };
  }

  private setSetting<K extends keyof TrainingSettings>(key: K, value: TrainingSettings[K]): void {
    this.update_({ settings: { ...this.settings, [key]: value } });
  }

  private labelOf(name: string, fallback: number | null): number | null {
    return name in this.saved.labels ? this.saved.labels[name] : fallback;
  }

  private train(): void {
    const labels =
      this.init?.source === 'file' ? Object.fromEntries(this.init.images.map((i) => [i.name, this.labelOf(i.name, i.label)])) : undefined;
    send({ type: 'train', settings: this.settings, labels });
  }

  override render() {
    const init = this.init;
    const running = this.run?.status === 'running';
    const problem = settingsProblem(this.settings);
    return html` <dl>
        <dt>Model</dt>
        <dd class="model">${init?.model ?? ''}${init?.fileName ? html` <span class="sub">(${init.fileName})</span>` : nothing}</dd>
        <dt>Data</dt>
        <dd class="data">${init?.data ?? ''}</dd>
        <dt>Weights</dt>
        <dd class="weights">${init?.weights ?? ''}</dd>
      </dl>
      ${this.renderSettings(running)} ${problem ? html`<div class="invalid" role="alert">${problem}</div>` : nothing}
      <div class="row" role="toolbar">
        <button
          class="train primary"
          ?disabled=${!!problem}
          @click=${() => this.train()}
          title="Train (a second Train while running asks to restart)"
        >
          ${ticon('play')} Train
        </button>
        <button class="stop" ?disabled=${!running} @click=${() => send({ type: 'stop' })}>${ticon('stop')} Stop</button>
        <button
          class="reset"
          ?disabled=${running}
          @click=${() => send({ type: 'resetWeights' })}
          title="Forget loaded weights: start from a fresh seeded initialisation"
        >
          ${ticon('discard')} Reset
        </button>
      </div>
      <div class="row">
        <button
          class="load-pytorch"
          ?disabled=${running}
          @click=${() => send({ type: 'loadWeights', from: 'pytorch' })}
          title="Start from PyTorch's own initial weights (torch.manual_seed(0)): the loss curve then matches PyTorch step for step"
        >
          ${ticon('download')} PyTorch initial weights
        </button>
        <button
          class="load-file"
          ?disabled=${running}
          @click=${() => send({ type: 'loadWeights', from: 'file' })}
          title="Load a state dict saved as JSON"
        >
          ${ticon('folder')} Load…
        </button>
        <button
          class="train-file"
          ?disabled=${running}
          @click=${() => send({ type: 'trainFile' })}
          title="Read the nn.Module and images of the active Python file and train them"
        >
          ${ticon('beaker')} Model in this file
        </button>
        ${init?.source === 'file' ? html`<button class="use-example" ?disabled=${running} @click=${() => send({ type: 'useExample' })}>Use example</button>` : nothing}
      </div>
      ${this.renderStatus()} ${init?.source === 'file' ? this.renderLabels(running) : nothing}
      <section class="loss">
        <h3>Loss</h3>
        <tl-loss-chart .losses=${this.run?.losses ?? []} .window=${this.run?.stepsPerEpoch ?? 1}></tl-loss-chart>
      </section>
      ${renderTrainingResults({
        run: this.run,
        init: this.init,
        image: this.saved.image,
        kernel: this.saved.kernel,
        labelOf: (name, fallback) => this.labelOf(name, fallback),
        pick: (patch) => this.update_(patch),
      })}
      <section class="export">
        <h3>Export weights</h3>
        <div class="row">
          <button
            class="export-json"
            ?disabled=${!this.run || running || !this.run.snapshot}
            @click=${() => send({ type: 'exportWeights', format: 'json' })}
          >
            ${ticon('json')} JSON
          </button>
          <button
            class="export-python"
            ?disabled=${!this.run || running || !this.run.snapshot}
            @click=${() => send({ type: 'exportWeights', format: 'python' })}
          >
            ${ticon('code')} Python
          </button>
        </div>
      </section>`;
  }

  private renderSettings(running: boolean) {
    const s = this.settings;
    const titles: Record<string, string> = {
      batchSize: 'Images per optimisation step (mini-batch size)',
      weightDecay: 'Weight decay: L2 penalty added to the gradients (weight_decay)',
    };
    const num = (key: 'lr' | 'epochs' | 'seed' | 'momentum' | 'batchSize' | 'weightDecay', label: string, step: string) =>
      html`<label title=${titles[key] ?? nothing}
        >${label}<input
          type="number"
          class=${key}
          step=${step}
          min="0"
          .value=${String(s[key] ?? (key === 'batchSize' ? 1 : 0))}
          ?disabled=${running}
          @change=${(e: Event) => this.setSetting(key, Number((e.target as HTMLInputElement).value))}
      /></label>`;
    return html`<div class="settings">
      ${num('lr', 'lr', 'any')} ${num('epochs', 'epochs', '1')}
      <label
        >opt<select
          class="optimizer"
          ?disabled=${running}
          @change=${(e: Event) => this.setSetting('optimizer', (e.target as HTMLSelectElement).value as 'adam' | 'sgd')}
        >
          <option value="adam" ?selected=${s.optimizer === 'adam'}>Adam</option>
          <option value="sgd" ?selected=${s.optimizer === 'sgd'}>SGD</option>
        </select></label
      >
      ${s.optimizer === 'sgd' ? num('momentum', 'momentum', 'any') : nothing} ${num('batchSize', 'batch', '1')}
      ${num('weightDecay', 'decay', 'any')} ${num('seed', 'seed', '1')}
    </div>`;
  }

  private renderStatus() {
    const r = this.run;
    if (!r || r.status === 'idle') return html`<div class="status">Ready: press Train.</div>`;
    return html`<div class="status" aria-live="polite">${statusLine(r)}</div>
      ${r.status === 'running' ? html`<progress max=${r.totalSteps} .value=${r.step}></progress>` : nothing}
      ${r.message ? html`<div class="summary ${r.status === 'failed' ? 'failed' : ''}" role=${r.status === 'failed' ? 'alert' : 'status'}>${r.message}</div>` : nothing}`;
  }

  private renderLabels(running: boolean) {
    const init = this.init!;
    return html`<section class="images">
      <h3>Images → labels</h3>
      <table class="labels">
        <tbody>
          ${init.images.map((img) => {
            const label = this.labelOf(img.name, img.label);
            return html`<tr>
              <td title=${img.line ? `line ${img.line}` : ''}>${img.name}</td>
              <td>
                <select
                  data-name=${img.name}
                  ?disabled=${running}
                  @change=${(e: Event) => {
                    const v = (e.target as HTMLSelectElement).value;
                    this.update_({ labels: { ...this.saved.labels, [img.name]: v === '' ? null : Number(v) } });
                  }}
                >
                  <option value="" ?selected=${label === null}>not used</option>
                  ${Array.from({ length: init.classes }, (_, c) => html`<option value=${c} ?selected=${label === c}>${c}</option>`)}
                </select>
              </td>
            </tr>`;
          })}
        </tbody>
      </table>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-training-view': TrainingView;
  }
}
