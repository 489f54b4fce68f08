// <tl-conv-args-bar>: live conv2d arguments (stride, padding, dilation, groups, padding mode, bias) and the transposed switch
// with its output_padding; fires "args-change" and "transposed-change".
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Conv2dArgs } from '../../src/core/protocol/convolution';
import { controlStyles } from '../common/icons';
import { DEFAULT_TRANSPOSED, type TransposedSettings } from './state';
import { num as numLabel } from '../../src/core/render/arithmetic';

type PairKey = 'stride' | 'padding' | 'dilation';

@customElement('tl-conv-args-bar')
export class ConvArgsBar extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 6px 14px;
      }
      .field {
        display: inline-flex;
        align-items: center;
        gap: 4px;
      }
      input[type='number'] {
        width: 3.2em;
      }
      input.bias {
        width: 4.5em;
      }
    `,
  ];

  @property({ attribute: false }) args!: Conv2dArgs;
  @property({ attribute: false }) transposed: TransposedSettings = DEFAULT_TRANSPOSED;

  override render() {
    const a = this.args;
    const padKind = typeof a.padding === 'string' ? a.padding : 'numbers';
    const pad = typeof a.padding === 'string' ? null : a.padding;
    const t = this.transposed;
    const op = t.outputPadding;
    return html`<span class="field switch">
        <input
          id="transposed"
          type="checkbox"
          role="switch"
          aria-label="transposed convolution (ConvTranspose2d)"
          title="Show F.conv_transpose2d (ConvTranspose2d) instead of F.conv2d"
          .checked=${t.on}
          @change=${(e: Event) => this.emitTransposed({ ...t, on: (e.target as HTMLInputElement).checked })}
        />
        <label for="transposed">transposed</label>
      </span>
      ${this.pair('stride', 'stride', a.stride, 1)}
      <span class="field" role="group" aria-label="padding">
        <label for="padding-kind">padding</label>
        ${this.num('padding-0', 'padding height', pad ? pad[0] : 0, 0, (v) => this.setPair('padding', 0, v), pad === null)}
        ${this.num('padding-1', 'padding width', pad ? pad[1] : 0, 0, (v) => this.setPair('padding', 1, v), pad === null)}
        <select id="padding-kind" aria-label="padding kind" .value=${padKind} @change=${this.onPadKind}>
          <option value="numbers">numbers</option>
          <option value="same">same</option>
          <option value="valid">valid</option>
        </select>
      </span>
      ${
        t.on
          ? html`<span class="field" role="group" aria-label="output padding">
              <label for="output-padding-0">output_padding</label>
              ${this.num('output-padding-0', 'output_padding height', op[0], 0, (v) => this.emitTransposed({ ...t, outputPadding: [v, op[1]] }))}
              ${this.num('output-padding-1', 'output_padding width', op[1], 0, (v) => this.emitTransposed({ ...t, outputPadding: [op[0], v] }))}
            </span>`
          : nothing
      }
      ${this.pair('dilation', 'dilation', a.dilation, 1)}
      <span class="field">
        <label for="groups">groups</label>
        ${this.num('groups', 'groups', a.groups, 1, (v) => this.emit({ ...this.args, groups: v }))}
      </span>
      <span class="field">
        <label for="padding-mode">padding mode</label>
        <select id="padding-mode" .value=${a.paddingMode} @change=${this.onMode}>
          <option value="zeros">zeros</option>
          <option value="reflect">reflect</option>
          <option value="replicate">replicate</option>
          <option value="circular">circular</option>
        </select>
      </span>
      <span class="field">
        <input id="bias-on" type="checkbox" .checked=${a.bias !== null} @change=${this.onBiasToggle} />
        <label for="bias-on">bias</label>
        <input
          id="bias"
          class="bias"
          type="number"
          step="0.1"
          aria-label="bias value"
          .value=${typeof a.bias === 'number' ? String(a.bias) : a.bias === null ? '0' : ''}
          placeholder=${Array.isArray(a.bias) ? "the layer's, per channel" : ''}
          title=${Array.isArray(a.bias) ? `the layer's bias, one value per output channel: ${a.bias.map(numLabel).join(', ')}` : ''}
          ?disabled=${a.bias === null}
          @input=${this.onBias}
        />
      </span>`;
  }

  private pair(key: PairKey, label: string, value: [number, number], min: number) {
    return html`<span class="field" role="group" aria-label=${label}>
      <label for="${key}-0">${label}</label>
      ${this.num(`${key}-0`, `${label} height`, value[0], min, (v) => this.setPair(key, 0, v))}
      ${this.num(`${key}-1`, `${label} width`, value[1], min, (v) => this.setPair(key, 1, v))}
    </span>`;
  }

  /** An integer field; PyTorch itself judges the range (e.g. stride 0 shows its error), we only reject non-integers. */
  private num(id: string, label: string, value: number, min: number, set: (v: number) => void, disabled = false) {
    const onInput = (e: Event) => {
      const input = e.target as HTMLInputElement;
      const v = Number(input.value);
      const ok = input.value.trim() !== '' && Number.isInteger(v);
      this.validity(
        input,
        id,
        ok ? null : input.value.trim() === '' ? `${label} is blank` : `${label} must be a whole number, not ${input.value}`,
      );
      if (ok) set(v);
    };
    return html`<input
      id=${id}
      type="number"
      step="1"
      min=${min - 1}
      aria-label=${label}
      .value=${String(value)}
      ?disabled=${disabled}
      @input=${onInput}
    />`;
  }

  private setPair(key: PairKey, axis: 0 | 1, v: number): void {
    const current = this.args[key];
    const pair: [number, number] = typeof current === 'string' ? [0, 0] : [current[0], current[1]];
    pair[axis] = v;
    this.emit({ ...this.args, [key]: pair });
  }

  private onPadKind = (e: Event): void => {
    const kind = (e.target as HTMLSelectElement).value;
    this.emit({ ...this.args, padding: kind === 'same' || kind === 'valid' ? kind : [0, 0] });
  };

  private onMode = (e: Event): void => {
    this.emit({ ...this.args, paddingMode: (e.target as HTMLSelectElement).value as Conv2dArgs['paddingMode'] });
  };

  private onBiasToggle = (e: Event): void => {
    const on = (e.target as HTMLInputElement).checked;
    const field = this.renderRoot.querySelector<HTMLInputElement>('#bias');
    this.emit({ ...this.args, bias: on ? Number(field?.value) || 0 : null });
  };

  private onBias = (e: Event): void => {
    const input = e.target as HTMLInputElement;
    const v = Number(input.value);
    const ok = input.value.trim() !== '' && Number.isFinite(v);
    this.validity(input, 'bias', ok ? null : 'the bias value is blank');
    if (ok) this.emit({ ...this.args, bias: v });
  };

  /** Fields whose text isn't a valid value (id → why); the panel waits, and says why, while any is left. */
  private readonly invalid = new Map<string, string>();

  private validity(input: HTMLInputElement, id: string, problem: string | null): void {
    input.setAttribute('aria-invalid', String(problem !== null));
    if (problem === null) input.removeAttribute('title');
    else input.title = problem;
    if (problem === null) this.invalid.delete(id);
    else this.invalid.set(id, problem);
    const first = this.invalid.values().next();
    this.dispatchEvent(new CustomEvent<string | null>('args-invalid', { detail: first.done ? null : first.value }));
  }

  private emitTransposed(settings: TransposedSettings): void {
    // A hidden output_padding field can't hold the panel waiting.
    if (!settings.on) for (const id of ['output-padding-0', 'output-padding-1']) this.invalid.delete(id);
    this.dispatchEvent(new CustomEvent<TransposedSettings>('transposed-change', { detail: settings }));
    if (!settings.on)
      this.dispatchEvent(new CustomEvent<string | null>('args-invalid', { detail: this.invalid.values().next().value ?? null }));
  }

  private emit(args: Conv2dArgs): void {
    this.dispatchEvent(new CustomEvent<Conv2dArgs>('args-change', { detail: args }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-conv-args-bar': ConvArgsBar;
  }
}
