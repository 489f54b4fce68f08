// <tl-training-view>: root of the Training sidebar: settings, Train/Stop, live loss chart, predictions, kernels and feature maps.
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { WireTensor } from '../src/core/protocol/convolution';
import type {
  InitMessage,
  RunStateMessage,
  TrainingHostMessage,
  TrainingSettings,
  TrainingWebviewMessage,
} from '../src/core/protocol/training';
import { controlStyles } from './conv-icons';
import { loadState, post, saveState } from './vscode-api';
import { ticon } from './training-icons';
import { trainingViewStyles } from './training-view-styles';
import { settingsProblem, statusLine } from './training-format';
import './loss-chart';
import './predictions-table';
import './plane-grid';

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
      ${this.renderInside()}
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

  private renderInside() {
    const r = this.run;
    const snap = r?.snapshot;
    if (!r || !snap) return nothing;
    const rows = snap.probabilities.map((p, i) => {
      const name = r.imageNames[i] ?? `image ${i}`;
      const img = this.init?.images.find((x) => x.name === name);
      return { name, label: img ? this.labelOf(name, img.label) : null, probabilities: p };
    });
    const image = Math.min(this.saved.image, Math.max(0, snap.featureMaps.length - 1));
    const maps = snap.featureMaps[image];
    const kernels = snap.kernels;
    const k = kernels ? Math.min(this.saved.kernel, kernels.shape[0] - 1) : 0;
    const plane = (t: WireTensor, i: number): WireTensor => {
      const [h, w] = t.shape.slice(-2);
      const per = t.data.length / t.shape[0];
      return { shape: [h, w], data: t.data.slice(i * per, i * per + h * w) };
    };
    return html` <section class="predictions">
        <h3>Predictions</h3>
        <tl-predictions-table .rows=${rows}></tl-predictions-table>
      </section>
      ${
        kernels
          ? html`<section class="kernels">
              <h3>
                Kernels <span class="sub">${snap.kernelLayer}.weight [${kernels.shape.join('×')}]</span>
                <span class="actions">
                  <button
                    class="icon-only copy-kernels"
                    title="Copy all kernels as torch.tensor"
                    @click=${() => send({ type: 'copyTensor', what: 'kernels', tensor: kernels })}
                  >
                    ${ticon('copy')}
                  </button>
                  <button
                    class="icon-only open-kernel"
                    title=${`Open kernel ${k} in the Convolution panel`}
                    @click=${() => send({ type: 'openTensor', title: `${snap.kernelLayer}.weight[${k}] (trained)`, tensor: plane(kernels, k) })}
                  >
                    ${ticon('open')}
                  </button>
                </span>
              </h3>
              <tl-plane-grid
                class="kernel-grid"
                itemLabel="kernel"
                .tensor=${kernels}
                .selected=${k}
                .cell=${40}
                @plane-select=${(e: CustomEvent<number>) => this.update_({ kernel: e.detail })}
              ></tl-plane-grid>
            </section>`
          : nothing
      }
      ${
        maps
          ? html`<section class="feature-maps">
              <h3>
                Feature maps <span class="sub">after ReLU [${maps.shape.join('×')}]</span>
                <span class="actions">
                  <button
                    class="icon-only copy-maps"
                    title="Copy these feature maps as torch.tensor"
                    @click=${() => send({ type: 'copyTensor', what: 'feature maps', tensor: maps })}
                  >
                    ${ticon('copy')}
                  </button>
                  <button
                    class="icon-only open-map"
                    title=${`Open feature map ${k} in the Convolution panel`}
                    @click=${() => send({ type: 'openTensor', title: `${r.imageNames[image]} → feature map ${k}`, tensor: plane(maps, k) })}
                  >
                    ${ticon('open')}
                  </button>
                </span>
              </h3>
              <div class="row">
                <label
                  >image
                  <select
                    class="image-picker"
                    @change=${(e: Event) => this.update_({ image: Number((e.target as HTMLSelectElement).value) })}
                  >
                    ${r.imageNames.map((n, i) => html`<option value=${i} ?selected=${i === image}>${n}</option>`)}
                  </select></label
                >
              </div>
              <tl-plane-grid
                class="map-grid"
                itemLabel="map"
                .tensor=${maps}
                .selected=${k}
                .cell=${40}
                @plane-select=${(e: CustomEvent<number>) => this.update_({ kernel: e.detail })}
              ></tl-plane-grid>
            </section>`
          : nothing
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-training-view': TrainingView;
  }
}
