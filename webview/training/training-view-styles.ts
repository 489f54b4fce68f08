// Styles of <tl-training-view>: one narrow column (~300 px) where every section stacks and scales with the sidebar.
import { css } from 'lit';

export const trainingViewStyles = css`
  :host {
    display: block;
    padding: 6px 10px 12px;
    color: var(--vscode-foreground);
    font-family: var(--vscode-font-family);
    font-size: var(--vscode-font-size);
  }
  section {
    margin: 10px 0 0;
  }
  h3 {
    margin: 0 0 4px;
    font-size: 0.85em;
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    color: var(--vscode-descriptionForeground);
    display: flex;
    align-items: center;
    gap: 6px;
    flex-wrap: wrap;
  }
  h3 .actions {
    margin-left: auto;
    display: inline-flex;
    gap: 2px;
  }
  dl {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 2px 8px;
    margin: 0;
  }
  dt {
    color: var(--vscode-descriptionForeground);
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .settings {
    display: flex;
    flex-wrap: wrap;
    gap: 4px 10px;
    align-items: center;
  }
  .settings label {
    display: inline-flex;
    align-items: center;
    gap: 4px;
  }
  .settings input[type='number'] {
    width: 5.6em;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
    align-items: center;
  }
  .status {
    margin-top: 6px;
    font-variant-numeric: tabular-nums;
    color: var(--vscode-descriptionForeground);
  }
  .summary {
    margin-top: 4px;
    padding: 4px 6px;
    border-left: 3px solid var(--vscode-charts-green, var(--vscode-focusBorder));
    background: var(--vscode-textBlockQuote-background);
  }
  .summary.failed {
    border-left-color: var(--vscode-errorForeground);
    color: var(--vscode-errorForeground);
  }
  .invalid {
    color: var(--vscode-errorForeground);
    font-size: 0.9em;
  }
  .muted {
    color: var(--vscode-descriptionForeground);
    font-style: italic;
  }
  table.labels {
    width: 100%;
    border-collapse: collapse;
  }
  table.labels td {
    padding: 1px 4px 1px 0;
  }
  table.labels select {
    width: 100%;
  }
  progress {
    width: 100%;
    height: 4px;
    accent-color: var(--vscode-progressBar-background);
  }
  .sub {
    font-size: 0.85em;
    color: var(--vscode-descriptionForeground);
    text-transform: none;
    letter-spacing: 0;
    font-weight: normal;
  }
`;
