// Codicons usable inside shadow roots (the page's .codicon-* rules don't reach them; the font face does) and shared panel styles.
import { css, html } from 'lit';

const CODEPOINTS = {
  copy: 0xebcc,
  insert: 0xec11,
  code: 0xeac4,
  json: 0xeb0f,
  'file-media': 0xeaea,
  play: 0xeb2c,
  pause: 0xead1,
  'chevron-left': 0xeab5,
  'chevron-right': 0xeab6,
  add: 0xea60,
  close: 0xea76,
  edit: 0xea73,
  error: 0xea87,
  warning: 0xea6c,
  'go-to-file': 0xea94,
} as const;

export type IconName = keyof typeof CODEPOINTS;

export function icon(name: IconName) {
  return html`<span class="codicon" aria-hidden="true">${String.fromCodePoint(CODEPOINTS[name])}</span>`;
}

/** Buttons, inputs and selects that look like VS Code's own, for every panel component. */
export const controlStyles = css`
  .codicon {
    font: normal normal normal 16px/1 codicon;
    display: inline-block;
    vertical-align: text-bottom;
    user-select: none;
  }
  button {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    font: inherit;
    cursor: pointer;
    color: var(--vscode-button-secondaryForeground);
    background: var(--vscode-button-secondaryBackground);
    border: 1px solid var(--vscode-button-border, transparent);
    border-radius: 2px;
    padding: 2px 8px;
    min-height: 24px;
  }
  button:hover:not(:disabled) {
    background: var(--vscode-button-secondaryHoverBackground);
  }
  button.primary {
    color: var(--vscode-button-foreground);
    background: var(--vscode-button-background);
  }
  button.primary:hover:not(:disabled) {
    background: var(--vscode-button-hoverBackground);
  }
  button.icon-only {
    padding: 2px 4px;
    background: transparent;
    color: var(--vscode-icon-foreground, var(--vscode-foreground));
  }
  button.icon-only:hover:not(:disabled) {
    background: var(--vscode-toolbar-hoverBackground);
  }
  button:disabled {
    opacity: 0.5;
    cursor: default;
  }
  button:focus-visible,
  input:focus-visible,
  select:focus-visible {
    outline: 1px solid var(--vscode-focusBorder);
    outline-offset: 1px;
  }
  input,
  select {
    font: inherit;
    color: var(--vscode-input-foreground);
    background: var(--vscode-input-background);
    border: 1px solid var(--vscode-input-border, var(--vscode-panel-border, transparent));
    border-radius: 2px;
    padding: 2px 4px;
    min-height: 22px;
    box-sizing: border-box;
  }
  select {
    color: var(--vscode-dropdown-foreground);
    background: var(--vscode-dropdown-background);
    border-color: var(--vscode-dropdown-border, transparent);
  }
  input[type='number'] {
    width: 3.6em;
    font-family: var(--vscode-editor-font-family);
  }
  input[aria-invalid='true'] {
    border-color: var(--vscode-inputValidation-errorBorder);
  }
  label {
    color: var(--vscode-descriptionForeground);
    white-space: nowrap;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`;
