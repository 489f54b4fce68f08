// Styles of the Convolution panel root: VS Code colours only, the editor font for numbers, wrapping for narrow panels.
import { css } from 'lit';
import { controlStyles } from '../common/icons';

export const viewStyles = [
  controlStyles,
  css`
    :host {
      display: block;
      padding: 10px 16px 16px;
      color: var(--vscode-foreground);
      font-family: var(--vscode-font-family);
      font-size: var(--vscode-font-size);
    }
    header h2 {
      font-size: 1.1em;
      font-weight: 600;
      margin: 0 0 8px;
    }
    button.link {
      background: none;
      border: none;
      padding: 0;
      font: inherit;
      color: inherit;
      cursor: pointer;
      text-align: left;
    }
    button.link:hover {
      color: var(--vscode-textLink-activeForeground);
      text-decoration: underline;
    }
    .banner {
      padding: 4px 8px;
      margin-bottom: 8px;
      border-radius: 2px;
      border: 1px solid var(--vscode-inputValidation-warningBorder);
      background: var(--vscode-inputValidation-warningBackground);
    }
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 18px;
      padding-bottom: 8px;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
      padding-bottom: 10px;
      border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, transparent));
      margin-bottom: 12px;
    }
    .grids {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      gap: 16px 28px;
    }
    section {
      display: flex;
      flex-direction: column;
      gap: 6px;
      min-width: 0;
    }
    section.output {
      flex: 1 1 220px;
    }
    h3 {
      margin: 0;
      font-size: 0.95em;
      font-weight: 600;
      display: flex;
      align-items: center;
      gap: 6px;
      min-height: 24px;
    }
    .shape,
    .ms {
      font-family: var(--vscode-editor-font-family);
      font-weight: normal;
      color: var(--vscode-descriptionForeground);
    }
    .ms {
      font-size: 0.85em;
    }
    .pickers {
      display: flex;
      gap: 10px;
    }
    .formulas {
      font-family: var(--vscode-editor-font-family);
      color: var(--vscode-foreground);
      line-height: 1.6;
      margin-top: 4px;
    }
    .error {
      color: var(--vscode-errorForeground);
      border: 1px solid var(--vscode-inputValidation-errorBorder);
      background: var(--vscode-inputValidation-errorBackground);
      padding: 6px 8px;
      border-radius: 2px;
      font-family: var(--vscode-editor-font-family);
      max-width: 48em;
      white-space: pre-wrap;
    }
    .empty,
    .note {
      color: var(--vscode-descriptionForeground);
    }
    .both {
      display: flex;
      flex-wrap: wrap;
      gap: 12px 24px;
      margin-top: 10px;
      padding-top: 8px;
      border-top: 1px solid var(--vscode-widget-border, var(--vscode-panel-border, transparent));
    }
    .both figure {
      margin: 0;
      display: flex;
      flex-direction: column;
      gap: 4px;
      max-width: 18em;
    }
    .both figcaption {
      font-size: 0.9em;
      color: var(--vscode-descriptionForeground);
    }
    .badge {
      color: var(--vscode-foreground);
      font-style: italic;
    }
    label.layout {
      margin-bottom: 4px;
    }
    tl-rgb-image.input-rgb {
      margin-bottom: 6px;
    }
    .waiting {
      border: 1px solid var(--vscode-inputValidation-warningBorder);
      background: var(--vscode-inputValidation-warningBackground);
      padding: 6px 8px;
      border-radius: 2px;
      max-width: 48em;
    }
    .strip {
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
      margin-top: 6px;
    }
    .channel-map {
      flex-direction: column;
      padding: 4px;
      gap: 2px;
      background: transparent;
      border: 1px solid transparent;
    }
    .channel-map.selected {
      border-color: var(--vscode-focusBorder);
    }
    .channel-map span {
      font-family: var(--vscode-editor-font-family);
      font-size: 0.85em;
      color: var(--vscode-descriptionForeground);
    }
    tl-window-stepper {
      margin-top: 16px;
      padding-top: 10px;
      border-top: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, transparent));
    }
  `,
];
