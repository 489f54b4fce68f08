// Following a literal through edits: shift its range by the document's content changes, then find it again by range or name.
import type { Literal, LiteralError, TensorLiteral, TextRange } from '../core/literals/types';

/** One edit as VS Code reports it (offsets into the text before the edit). */
export interface ContentChange {
  rangeOffset: number;
  rangeLength: number;
  text: string;
}

/** The range after a set of non-overlapping changes of one edit event; edits touching the range grow or shrink it. */
export function shiftRange(range: TextRange, changes: readonly ContentChange[]): TextRange {
  let { start, end } = range;
  // Applying from the end of the document keeps the earlier offsets valid.
  for (const c of [...changes].sort((a, b) => b.rangeOffset - a.rangeOffset)) {
    const cEnd = c.rangeOffset + c.rangeLength;
    const delta = c.text.length - c.rangeLength;
    if (cEnd <= start && !(c.rangeLength === 0 && c.rangeOffset === start)) {
      start += delta;
      end += delta;
    } else if (c.rangeOffset >= end) {
      continue;
    } else {
      start = Math.min(start, c.rangeOffset);
      end = Math.max(end + delta, c.rangeOffset + c.text.length);
    }
  }
  return { start, end };
}

export interface Followed {
  range: TextRange;
  name?: string;
}

export interface FollowFinder {
  parseSelection(text: string): Array<Literal | LiteralError>;
  literalsInDocument(text: string): Array<Literal | LiteralError>;
}

/**
 * Finds the followed literal in the edited text: first what parses inside its shifted range, else the literal with its name.
 * Returns the literal (absolute range) or the parse error to report (absolute range).
 */
export function refind(finder: FollowFinder, text: string, followed: Followed): TensorLiteral | LiteralError | null {
  const { start, end } = followed.range;
  let firstError: LiteralError | null = null;
  if (start >= 0 && end <= text.length && end > start) {
    const found = finder.parseSelection(text.slice(start, end));
    const hit = found.find((l): l is TensorLiteral => l.kind === 'tensor');
    if (hit) return { ...hit, name: hit.name ?? followed.name, range: { start: hit.range.start + start, end: hit.range.end + start } };
    const err = found.find((l): l is LiteralError => l.kind === 'error');
    if (err) firstError = { ...err, range: { start: err.range.start + start, end: err.range.end + start } };
  }
  if (followed.name) {
    const byName = finder.literalsInDocument(text).find((l): l is TensorLiteral => l.kind === 'tensor' && l.name === followed.name);
    if (byName) return byName;
  }
  return firstError;
}
