// Codicons for the Training view, drawn by code point so they work inside shadow roots (the page's .codicon-* rules don't reach them).
import { html } from 'lit';

const CODEPOINTS = {
  play: 0xeb2c,
  stop: 0xead7,
  discard: 0xeae2,
  beaker: 0xea79,
  download: 0xeac2,
  folder: 0xeaf7,
  save: 0xeb4b,
  copy: 0xebcc,
  open: 0xea94,
  json: 0xeb0f,
  code: 0xeac4,
} as const;

export function ticon(name: keyof typeof CODEPOINTS) {
  return html`<span class="codicon" aria-hidden="true">${String.fromCodePoint(CODEPOINTS[name])}</span>`;
}
