// The text "Insert below" adds after the followed literal's statement: `output = torch.tensor(...)` (or a JS const), same indent.
import type { TextRange } from '../core/literals/types';
import type { WireTensor } from '../core/protocol/convolution';
import { formatJson, formatTorchTensor } from '../core/render/tensor-format';

export interface Insertion {
  /** Offset to insert at (the end of the statement's last line). */
  offset: number;
  text: string;
}

/** Languages that can take the output back as code; JSON files cannot hold an assignment. */
export function canInsertInto(languageId: string): boolean {
  return languageId !== 'json' && languageId !== 'jsonc';
}

/** Text this panel inserted earlier and where it is now (followed through edits). */
export interface PreviousInsertion {
  range: TextRange;
  text: string;
}

/**
 * The insertion for a literal at `range` of `text`, or null when the language has no assignment syntax. A `previous`
 * insertion still in place below the literal puts this one below it, so repeated inserts read top to bottom.
 */
export function outputInsertion(
  text: string,
  range: TextRange,
  languageId: string,
  output: WireTensor,
  previous?: PreviousInsertion,
): Insertion | null {
  if (!canInsertInto(languageId)) return null;
  if (previous && previous.range.start >= range.end && text.slice(previous.range.start, previous.range.end) === previous.text) {
    range = { start: range.start, end: previous.range.end };
  }
  const lineStart = text.lastIndexOf('\n', range.start - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
  const js =
    languageId === 'javascript' || languageId === 'typescript' || languageId === 'javascriptreact' || languageId === 'typescriptreact';
  const offset = statementEnd(text, lineStart, range.end, js ? '//' : '#');
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const name = freeName(text, 'output');
  const body = js
    ? `const ${name} = ${formatJson(output.shape, output.data, true)};`
    : formatTorchTensor(output.shape, output.data, { prefix: `${name} = torch.tensor(`, precision: 'round-trip' });
  const indented = body
    .split('\n')
    .map((l) => indent + l)
    .join(eol);
  return { offset, text: `${eol}${indented}` };
}

/** End of the line where the statement holding [lineStart, literalEnd) closes all its brackets. */
function statementEnd(text: string, lineStart: number, literalEnd: number, comment: string): number {
  let depth = 0;
  let quote = '';
  for (let i = lineStart; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (text.startsWith(comment, i)) i = lineEnd(text, i) - 1;
    else if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth--;
    else if (ch === '\n' && i >= literalEnd && depth <= 0) return text[i - 1] === '\r' ? i - 1 : i;
  }
  return text.length;
}

function lineEnd(text: string, from: number): number {
  const i = text.indexOf('\n', from);
  return i < 0 ? text.length : i;
}

/** `output`, or `output_2`, `output_3`… when the file already assigns that name. */
function freeName(text: string, base: string): string {
  const taken = (n: string) => new RegExp(`(^|[^\\w.])${n}\\s*=[^=]`, 'm').test(text);
  if (!taken(base)) return base;
  for (let i = 2; ; i++) if (!taken(`${base}_${i}`)) return `${base}_${i}`;
}
