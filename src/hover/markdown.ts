// Small Markdown/HTML builders for hovers: escaping, shapes, images and trusted command links (plain strings, no vscode).

/** Our commands the hover may link to; the provider trusts exactly these. */
export const HOVER_COMMANDS = [
  'tensorLens.openTensor',
  'tensorLens.copyTensor',
  'tensorLens.hover.openTensor',
  'tensorLens.hover.copyTensor',
  'tensorLens.hover.useKernel',
] as const;
export type HoverCommand = (typeof HOVER_COMMANDS)[number];

/** Escapes Markdown and HTML specials so user text (names, error messages) renders literally. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>&~]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`));
}

/** `5×5`, `1×1×5×5`; a scalar is `scalar`. */
export function shapeText(shape: readonly number[]): string {
  return shape.length === 0 ? 'scalar' : shape.join('×');
}

/** `[label](command:id?args)` with the arguments JSON-encoded as VS Code expects. */
export function commandLink(label: string, command: HoverCommand, arg: unknown, tooltip?: string): string {
  // Parentheses are encoded too, so the URI cannot end the Markdown link early.
  const uri = `command:${command}?${encodeURIComponent(JSON.stringify([arg]))
    .replace(/\(/g, '%28')
    .replace(/\)/g, '%29')}`;
  return `[${escapeMarkdown(label)}](${uri}${tooltip ? ` "${tooltip.replace(/"/g, "'")}"` : ''})`;
}

/** An <img> with explicit pixel size so VS Code does not rescale (and blur) it. */
export function imgTag(dataUri: string, width: number, height: number, alt: string): string {
  return `<img src="${dataUri}" width="${width}" height="${height}" alt="${alt.replace(/[<>"&]/g, '')}">`;
}

/** Inline code that survives backticks in the text. */
export function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${text}${fence}`;
}
