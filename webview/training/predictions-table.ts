// <tl-predictions-table>: per image, the predicted class (argmax), softmax bars over the classes and the top probability.
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { cssProps } from '../common/css-props';

export interface PredictionRow {
  name: string;
  /** Expected class, or null if unlabelled. */
  label: number | null;
  probabilities: number[];
}

@customElement('tl-predictions-table')
export class PredictionsTable extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    table {
      width: 100%;
      border-collapse: collapse;
      table-layout: fixed;
    }
    th {
      text-align: left;
      font-weight: normal;
      color: var(--vscode-descriptionForeground);
      font-size: 0.9em;
    }
    td,
    th {
      padding: 2px 4px 2px 0;
      vertical-align: middle;
    }
    td.name {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    col.name {
      width: 38%;
    }
    col.pred {
      width: 2.6em;
    }
    col.p {
      width: 3.2em;
    }
    td.pred {
      font-weight: bold;
      font-variant-numeric: tabular-nums;
      text-align: center;
    }
    tr.wrong td.pred {
      color: var(--vscode-errorForeground);
    }
    tr.right td.pred {
      color: var(--vscode-testing-iconPassed, var(--vscode-foreground));
    }
    .bars {
      display: flex;
      align-items: flex-end;
      gap: 1px;
      height: 18px;
      border-bottom: 1px solid var(--vscode-widget-border, var(--vscode-descriptionForeground));
    }
    .bars span {
      flex: 1;
      background: var(--vscode-descriptionForeground);
      opacity: 0.55;
      min-height: 1px;
    }
    .bars span.top {
      background: var(--vscode-charts-blue, var(--vscode-focusBorder));
      opacity: 1;
    }
    td.p {
      font-variant-numeric: tabular-nums;
      text-align: right;
      font-size: 0.9em;
    }
  `;

  @property({ attribute: false }) rows: PredictionRow[] = [];

  override render() {
    if (this.rows.length === 0) return html``;
    return html`<table>
      <colgroup>
        <col class="name" />
        <col class="pred" />
        <col />
        <col class="p" />
      </colgroup>
      <thead>
        <tr>
          <th>image</th>
          <th title="predicted class (argmax)">→</th>
          <th>softmax</th>
          <th class="p">p</th>
        </tr>
      </thead>
      <tbody>
        ${this.rows.map((r) => {
          const top = r.probabilities.indexOf(Math.max(...r.probabilities));
          const verdict = r.label === null ? '' : top === r.label ? 'right' : 'wrong';
          const title = r.probabilities.map((p, c) => `${c}: ${p.toFixed(3)}`).join('\n');
          return html`<tr class=${verdict} data-name=${r.name}>
            <td class="name" title=${r.label === null ? r.name : `${r.name} (label ${r.label})`}>${r.name}</td>
            <td class="pred">${top}</td>
            <td>
              <div class="bars" title=${title} role="img" aria-label=${`softmax of ${r.name}`}>
                ${r.probabilities.map((p, c) => html`<span class=${c === top ? 'top' : ''} ${cssProps({ height: `${Math.max(0, Math.min(1, p)) * 100}%` })}></span>`)}
              </div>
            </td>
            <td class="p">${r.probabilities[top]?.toFixed(2)}</td>
          </tr>`;
        })}
      </tbody>
    </table>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'tl-predictions-table': PredictionsTable;
  }
}
