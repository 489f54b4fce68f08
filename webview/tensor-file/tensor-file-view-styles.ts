// Styles of <tl-tensor-file-view>: header facts and filter, the sticky index table beside the tensor detail, error and status lines.
import { css } from 'lit';

export const tensorFileViewStyles = css`
  :host {
    display: block;
    padding: 8px 14px;
    color: var(--vscode-foreground);
    font-family: var(--vscode-font-family);
    font-size: var(--vscode-font-size);
  }
  header {
    display: flex;
    flex-wrap: wrap;
    gap: 8px 16px;
    align-items: center;
    margin-bottom: 8px;
  }
  header .title {
    font-weight: 600;
  }
  header label {
    display: inline-flex;
    align-items: center;
    gap: 4px;
  }
  header .facts {
    color: var(--vscode-descriptionForeground);
  }
  header input[type='search'] {
    margin-left: auto;
    min-width: 14em;
  }
  .body {
    display: grid;
    grid-template-columns: fit-content(55%) minmax(0, 1fr);
    gap: 16px;
    align-items: start;
  }
  @media (max-width: 980px) {
    .body {
      grid-template-columns: minmax(0, 1fr);
    }
    .index {
      max-height: 40vh !important;
    }
  }
  .index {
    max-height: calc(100vh - 60px);
    overflow: auto;
    border: 1px solid var(--vscode-widget-border, transparent);
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-family: var(--vscode-editor-font-family);
    font-size: var(--vscode-editor-font-size, 0.95em);
  }
  th {
    position: sticky;
    top: 0;
    text-align: left;
    font-weight: 600;
    background: var(--vscode-editor-background);
    color: var(--vscode-descriptionForeground);
    padding: 2px 6px;
  }
  td {
    padding: 1px 6px;
    white-space: nowrap;
  }
  td.num {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  tr.row {
    cursor: pointer;
  }
  tr.row:hover {
    background: var(--vscode-list-hoverBackground);
  }
  tr.row[aria-selected='true'] {
    background: var(--vscode-list-activeSelectionBackground);
    color: var(--vscode-list-activeSelectionForeground);
  }
  tr.row:focus-visible {
    outline: 1px solid var(--vscode-focusBorder);
    outline-offset: -1px;
  }
  .tag {
    color: var(--vscode-descriptionForeground);
  }
  .error {
    display: flex;
    gap: 8px;
    align-items: flex-start;
    padding: 8px 10px;
    border-left: 3px solid var(--vscode-errorForeground);
    background: var(--vscode-inputValidation-errorBackground, transparent);
    max-width: 80ch;
  }
  .status {
    margin: 6px 0;
    color: var(--vscode-descriptionForeground);
  }
`;
