// <tl-training-view>: root of the Training sidebar view.
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { TrainingHostMessage } from '../src/protocol/training';
import { post } from './vscode-api';

@customElement('tl-training-view')
export class TrainingView extends LitElement {
  static override styles = css`
    :host { display: block; padding: 8px; color: var(--vscode-foreground); font-family: var(--vscode-font-family); }
    dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 8px; margin: 0 0 8px; }
    dt { color: var(--vscode-descriptionForeground); }
    button { color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: none; padding: 4px 10px; cursor: pointer; }
    button:hover { background: var(--vscode-button-hoverBackground); }
  `;

  @state() private model = '';
  @state() private data = '';

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('message', this.onMessage);
    post({ type: 'ready', view: 'training' });
  }

  override disconnectedCallback(): void {
    window.removeEventListener('message', this.onMessage);
    super.disconnectedCallback();
  }

  private onMessage = (event: MessageEvent<TrainingHostMessage>): void => {
    const message = event.data;
    if (message.type === 'init') {
      this.model = message.model;
      this.data = message.data;
    }
  };

  override render() {
    return html`<dl>
        <dt>Model</dt><dd class="model">${this.model}</dd>
        <dt>Data</dt><dd class="data">${this.data}</dd>
      </dl>
      <button class="train" @click=${() => post({ type: 'train' })}><span class="codicon codicon-play"></span> Train</button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-training-view': TrainingView;
  }
}
