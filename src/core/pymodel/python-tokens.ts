// Tokens of a Python expression with their offsets: numbers, strings (prefixes, triple quotes), names and operators;
// whitespace, comments and backslash continuations skipped.

export type Token = { t: 'num' | 'str' | 'name' | 'op'; v: string; start: number; end: number };

const TOKEN =
  /(\d[\d_]*\.[\d_]*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|0[xX][0-9a-fA-F]+|\d[\d_]*(?:[eE][+-]?\d+)?)|((?:[rRbBuUfF]{1,2})?(?:'''[\s\S]*?'''|"""[\s\S]*?"""|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"))|([A-Za-z_]\w*)|(\*\*|\/\/|==|!=|<=|>=|->|[()[\]{},.=*+\-/:%@<>~|&^])/y;

export function tokenize(text: string, start: number, end: number): Token[] {
  const out: Token[] = [];
  let pos = start;
  while (pos < end) {
    const c = text[pos];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f') {
      pos++;
      continue;
    }
    if (c === '\\' && (text[pos + 1] === '\n' || text[pos + 1] === '\r')) {
      pos += 2;
      continue;
    }
    if (c === '#') {
      while (pos < end && text[pos] !== '\n') pos++;
      continue;
    }
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(text);
    if (!m || TOKEN.lastIndex > end) throw new SyntaxError(`unexpected "${c}"`);
    const tokEnd = TOKEN.lastIndex;
    if (m[1] !== undefined) out.push({ t: 'num', v: m[1].replace(/_/g, ''), start: pos, end: tokEnd });
    else if (m[2] !== undefined) {
      const body = m[2].replace(/^[rRbBuUfF]+/, '');
      const q = body.startsWith('"""') || body.startsWith("'''") ? 3 : 1;
      out.push({ t: 'str', v: body.slice(q, body.length - q), start: pos, end: tokEnd });
    } else if (m[3] !== undefined) out.push({ t: 'name', v: m[3], start: pos, end: tokEnd });
    else out.push({ t: 'op', v: m[4], start: pos, end: tokEnd });
    pos = tokEnd;
  }
  return out;
}
