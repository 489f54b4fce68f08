// Trusted command links of live hovers (our debug commands, which the literal hover's link helper does not know).
import { escapeMarkdown } from '../hover/markdown';

export type LiveCommand = 'tensorLens.openExpression' | 'tensorLens.explainLayer';

export function liveLink(label: string, command: LiveCommand, arg: unknown, tooltip: string): string {
  const uri = `command:${command}?${encodeURIComponent(JSON.stringify([arg]))
    .replace(/\(/g, '%28')
    .replace(/\)/g, '%29')}`;
  return `[${escapeMarkdown(label)}](${uri} "${tooltip.replace(/"/g, "'")}")`;
}
