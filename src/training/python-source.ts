// Python source as logical statements (continuation lines joined, comments dropped) with their 1-based line and indentation.

export interface Statement {
  text: string;
  line: number;
  indent: number;
}

/** One pass over a line, ignoring string literals: the code before any # comment and its bracket depth change. */
function scanLine(line: string): { code: string; depth: number } {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#') return { code: line.slice(0, i), depth };
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
  }
  return { code: line, depth };
}

/** Splits source into statements; lines inside open brackets or after a trailing backslash continue the statement. */
export function statements(text: string): Statement[] {
  const lines = text.split(/\r?\n/);
  const out: Statement[] = [];
  let current: Statement | null = null;
  let depth = 0;
  for (let i = 0; i < lines.length; i++) {
    const scanned = scanLine(lines[i]);
    let body = scanned.code.replace(/\s+$/, '');
    const continued = body.endsWith('\\');
    if (continued) body = body.slice(0, -1);
    if (current) {
      current.text += ` ${body.trim()}`;
    } else {
      if (body.trim() === '') continue;
      current = { text: body.trim(), line: i + 1, indent: body.length - body.trimStart().length };
    }
    depth += scanned.depth;
    if (depth <= 0 && !continued) {
      out.push(current);
      current = null;
      depth = 0;
    }
  }
  if (current) out.push(current);
  return out;
}

/** The statements indented deeper than `header` that directly follow it (its block). */
export function blockAfter(all: Statement[], headerIndex: number): Statement[] {
  const header = all[headerIndex];
  const out: Statement[] = [];
  for (let i = headerIndex + 1; i < all.length && all[i].indent > header.indent; i++) out.push(all[i]);
  return out;
}
