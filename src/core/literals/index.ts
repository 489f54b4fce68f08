// Public API of the literal finder: parse one literal, find the one under the cursor, a selection's, a document's.
import { contextFor, findAt, nameOf, parseAt, scanDocument } from './locate';
import { Source, lineColumn } from './source';
import type { Literal, LiteralError, ParseOptions, SelectionResult, TensorLiteral } from './types';

export type * from './types';
export { literalsInCells, literalsInNotebook } from './notebook';

/**
 * Parses text that is one literal or layer call (optionally `name = ...`, with surrounding whitespace, comments
 * and a trailing `;`). Anything else after it is an error. Never throws.
 */
export function parseLiteral(text: string, opts: ParseOptions = {}): Literal | LiteralError {
  const { ctx } = contextFor(text, opts);
  const src = new Source(text);
  src.slashComments = ctx.dialect !== 'python';
  try {
    src.skipTrivia();
  } catch {
    return errorAt(text, 'unterminated comment', src.pos, src.pos + 2);
  }
  let start = src.pos;
  const m = /^(?:(?:const|let|var)\s+)?[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\s*(?::[^=\n]+)?=(?!=)\s*/.exec(
    text.slice(start, start + 300),
  );
  if (m) start += m[0].length;
  const result = parseAt(text, start, ctx);
  if (!result) {
    src.pos = start;
    return {
      ...errorAt(text, `expected a tensor literal or layer call, found ${src.describeHere()}`, start, src.tokenEndHere()),
      notALiteral: true,
    };
  }
  if (result.kind === 'error') return result;
  const rest = new Source(text, result.range.end);
  rest.slashComments = src.slashComments;
  try {
    rest.skipTrivia();
    if (rest.code() === 59) {
      rest.pos++;
      rest.skipTrivia();
    }
  } catch {
    return errorAt(text, 'unterminated comment', rest.pos, rest.pos + 2);
  }
  if (!rest.atEnd()) return errorAt(text, `unexpected ${rest.describeHere()} after the literal`, rest.pos, rest.tokenEndHere());
  const name = nameOf(text, result);
  if (name) result.name = name;
  return result;
}

/** The innermost complete literal or layer call around `offset` (also on its assigned name), or undefined. */
export function literalAt(text: string, offset: number, opts: ParseOptions = {}): Literal | LiteralError | undefined {
  if (!(offset >= 0 && offset <= text.length)) return undefined;
  return findAt(text, offset, opts);
}

/** Every literal and layer call in a document, in order, with names; bad explicit literals too if asked. */
export function literalsInDocument(text: string, opts: ParseOptions & { includeErrors?: boolean } = {}): Array<Literal | LiteralError> {
  return scanDocument(text, opts);
}

/** A selection: exactly a literal, an assignment, or code containing several literals (all returned, in order). */
export function parseSelection(text: string, opts: ParseOptions = {}): SelectionResult {
  const whole = parseLiteral(text, opts);
  if (whole.kind !== 'error') return { literals: [whole], errors: [] };
  const rows = selectedRows(text, opts);
  if (rows) return { literals: [rows], errors: [] };
  const found = scanDocument(text, { ...opts, includeErrors: true });
  const literals = found.filter((f): f is Literal => f.kind !== 'error');
  const errors = found.filter((f): f is LiteralError => f.kind === 'error');
  if (literals.length === 0 && errors.length === 0) errors.push(whole);
  return { literals, errors };
}

/**
 * Rows selected without their outer bracket (`[1, 0],\n[0, 1],`): parsed as one tensor whose range covers the
 * rows. Only when the pieces are comma-separated lists of one shape, so two separate literals stay two.
 */
function selectedRows(text: string, opts: ParseOptions): TensorLiteral | undefined {
  const first = text.search(/\S/);
  if (first < 0 || text[first] !== '[') return undefined;
  const wrapped = parseLiteral(`[${text}]`, opts);
  if (wrapped.kind !== 'tensor' || wrapped.shape.length < 2 || wrapped.shape[0] < 2) return undefined;
  const end = text.trimEnd().replace(/[,;]$/, '').length;
  const rows: TensorLiteral = { ...wrapped, range: { start: first, end } };
  delete rows.name;
  return rows;
}

/** "line 14, column 5: row 3 has 4 elements, expected 5" — for messages that don't show the range. */
export function formatLiteralError(err: LiteralError): string {
  return `line ${err.line}, column ${err.column}: ${err.message}`;
}

function errorAt(text: string, message: string, start: number, end: number): LiteralError {
  const s = Math.min(start, text.length);
  const { line, column } = lineColumn(text, s);
  return { kind: 'error', message, range: { start: s, end: Math.min(Math.max(s, end), text.length) }, line, column };
}
