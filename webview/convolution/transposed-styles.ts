// Styles of the Convolution panel's transposed mode: the view toggle, the plane key, the scatter line.
import { css } from 'lit';

export const transposedStyles = css`
  .transposed-modes {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 6px 12px;
    margin-bottom: 10px;
  }
  .segmented {
    display: inline-flex;
  }
  .segmented button {
    border-radius: 0;
  }
  .segmented button:first-child {
    border-radius: 2px 0 0 2px;
  }
  .segmented button:last-child {
    border-radius: 0 2px 2px 0;
  }
  .segmented button[aria-checked='true'] {
    color: var(--vscode-button-foreground);
    background: var(--vscode-button-background);
  }
  .mode-note {
    flex: 1 1 20em;
    font-size: 0.9em;
  }
  .plane-shape,
  .flipped {
    font-weight: normal;
    font-size: 0.9em;
    color: var(--vscode-descriptionForeground);
  }
  .plane-key {
    display: flex;
    gap: 12px;
    font-size: 0.85em;
    color: var(--vscode-descriptionForeground);
  }
  .swatch {
    display: inline-block;
    width: 10px;
    height: 10px;
    margin-right: 4px;
    vertical-align: middle;
    border: 1px solid var(--vscode-foreground);
  }
  .swatch.input {
    background: var(--vscode-foreground);
  }
  .swatch.inserted {
    border-style: dotted;
    opacity: 0.6;
  }
  .swatch.padding {
    opacity: 0.5;
    background: repeating-linear-gradient(135deg, var(--vscode-foreground) 0 1px, transparent 1px 4px);
  }
  .scatter-line {
    margin: 16px 0 0;
    font-family: var(--vscode-editor-font-family);
  }
  .contribution-title {
    margin-top: 8px;
    font-weight: normal;
  }
`;
