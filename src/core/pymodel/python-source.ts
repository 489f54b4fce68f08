// Python source as logical statements (continuation lines joined, comments dropped) with their 1-based line, indentation
// and offsets into the text; triple-quoted strings (docstrings) spanning lines are one statement.

export interface Statement {
  text: string;
  line: number;
  indent: number;
  /** Offset of the statement's first character in the text, and just past its last code character. */
  start: number;
  end: number;
  /** 1-based line of the statement's last character. */
  endLine: number;
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

/** Replaces each triple-quoted string by `""` plus spaces (newlines kept), so offsets and lines stay where they were. */
function maskTripleStrings(text: string): string {
  if (!text.includes('"""') && !text.includes("'''")) return text;
  return text.replace(/"""[\s\S]*?(?:"""|$)|'''[\s\S]*?(?:'''|$)/g, (s) => '""' + s.slice(2).replace(/[^\n]/g, ' '));
}

/** Splits source into statements; lines inside open brackets or after a trailing backslash continue the statement. */
export function statements(text: string): Statement[] {
  const lines = maskTripleStrings(text).split('\n');
  const out: Statement[] = [];
  let current: Statement | null = null;
  let depth = 0;
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].endsWith('\r') ? lines[i].slice(0, -1) : lines[i];
    const lineStart = offset;
    offset += lines[i].length + 1;
    const scanned = scanLine(raw);
    let body = scanned.code.replace(/\s+$/, '');
    const continued = body.endsWith('\\');
    if (continued) body = body.slice(0, -1);
    if (current) {
      current.text += ` ${body.trim()}`;
      if (body.trim()) {
        current.end = lineStart + body.length;
        current.endLine = i + 1;
      }
    } else {
      if (body.trim() === '') continue;
      const indent = body.length - body.trimStart().length;
      current = { text: body.trim(), line: i + 1, indent, start: lineStart + indent, end: lineStart + body.length, endLine: i + 1 };
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
