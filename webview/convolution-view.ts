// <tl-convolution-view>: root of the Convolution panel.
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { ConvolutionHostMessage } from '../src/protocol/convolution';
import { loadState, post, saveState } from './vscode-api';

interface ConvolutionState {
  title: string;
  source: string;
}

@customElement('tl-convolution-view')
export class ConvolutionView extends LitElement {
  static override styles = css`
    :host { display: block; padding: 12px; color: var(--vscode-foreground); font-family: var(--vscode-font-family); }
    h2 { font-size: 1.1em; font-weight: 600; margin: 0 0 8px; }
    pre { font-family: var(--vscode-editor-font-family); background: var(--vscode-textCodeBlock-background); padding: 8px; overflow: auto; }
  `;

  @state() private model: ConvolutionState = loadState<ConvolutionState>('convolution', { title: '', source: '' });

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('message', this.onMessage);
    post({ type: 'ready', view: 'convolution' });
  }

  override disconnectedCallback(): void {
    window.removeEventListener('message', this.onMessage);
    super.disconnectedCallback();
  }

  private onMessage = (event: MessageEvent<ConvolutionHostMessage>): void => {
    const message = event.data;
    if (message.type === 'init') {
      this.model = { title: message.title, source: message.source };
      saveState('convolution', this.model);
    }
  };

  override render() {
    return html`<h2>Convolution — ${this.model.title || 'no selection'}</h2>
      <p class="length">Selected ${this.model.source.length} characters</p>
      <pre class="source">${this.model.source}</pre>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-convolution-view': ConvolutionView;
  }
}
