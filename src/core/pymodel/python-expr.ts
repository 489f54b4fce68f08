// A small parser for the Python expressions model code uses, each node with its source offsets: names, attributes,
// calls (keyword, *starred), numbers, strings, tuples/lists, subscripts and slices, arithmetic, comparisons, and/or/not,
// `a if c else b`.

/** Half-open offsets [start, end) into the text that was parsed. */
export interface Span {
  start: number;
  end: number;
}

export type Expr = Span &
  (
    | { kind: 'num'; value: number; isInt?: boolean }
    | { kind: 'str'; value: string }
    | { kind: 'name'; id: string }
    | { kind: 'attr'; target: Expr; attr: string }
    | { kind: 'call'; fn: Expr; args: Expr[]; kwargs: Record<string, Expr> }
    | { kind: 'tuple'; items: Expr[]; list?: boolean }
    | { kind: 'binop'; op: string; left: Expr; right: Expr }
    | { kind: 'compare'; op: string; left: Expr; right: Expr }
    | { kind: 'bool'; op: 'and' | 'or'; left: Expr; right: Expr }
    | { kind: 'not'; operand: Expr }
    | { kind: 'neg'; operand: Expr }
    | { kind: 'ternary'; test: Expr; then: Expr; orElse: Expr }
    | { kind: 'index'; target: Expr; index: Expr }
    | { kind: 'slice'; lo?: Expr; hi?: Expr; step?: Expr }
    | { kind: 'starred'; value: Expr }
  );

type Token = { t: 'num' | 'str' | 'name' | 'op'; v: string; start: number; end: number };

const TOKEN =
  /(\d[\d_]*\.[\d_]*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|0[xX][0-9a-fA-F]+|\d[\d_]*(?:[eE][+-]?\d+)?)|((?:[rRbBuUfF]{1,2})?(?:'''[\s\S]*?'''|"""[\s\S]*?"""|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"))|([A-Za-z_]\w*)|(\*\*|\/\/|==|!=|<=|>=|->|[()[\]{},.=*+\-/:%@<>~|&^])/y;

function tokenize(text: string, start: number, end: number): Token[] {
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

const COMPARE = new Set(['==', '!=', '<', '>', '<=', '>=']);
const KEYWORDS = new Set(['lambda', 'for', 'yield', 'await', 'def', 'class', 'import', 'from', 'return']);

/**
 * Parses one expression from `text` (or its slice [start, end)); offsets in the result index `text`.
 * Throws SyntaxError with a short reason for anything outside the subset (lambdas, comprehensions, dicts…).
 */
export function parseExpr(text: string, start = 0, end = text.length): Expr {
  const toks = tokenize(text, start, end);
  let i = 0;
  const last = (): number => (i > 0 ? toks[i - 1].end : start);
  const isOp = (v: string, k = i): boolean => k < toks.length && toks[k].t === 'op' && toks[k].v === v;
  const isWord = (v: string, k = i): boolean => k < toks.length && toks[k].t === 'name' && toks[k].v === v;
  const expect = (v: string): void => {
    if (!isOp(v)) throw new SyntaxError(`expected "${v}"${i < toks.length ? ` before "${toks[i].v}"` : ' at the end'}`);
    i++;
  };
  const node = <T extends Omit<Expr, 'start' | 'end'>>(from: number, n: T): Expr => ({ ...n, start: from, end: last() }) as Expr;

  const ternary = (): Expr => {
    const from = toks[i]?.start ?? start;
    const then = orExpr();
    if (!isWord('if')) return then;
    i++;
    const test = orExpr();
    if (!isWord('else')) throw new SyntaxError('expected "else" in a conditional expression');
    i++;
    return node(from, { kind: 'ternary', test, then, orElse: ternary() });
  };
  const orExpr = (): Expr => {
    let left = andExpr();
    while (isWord('or')) {
      i++;
      left = node(left.start, { kind: 'bool', op: 'or', left, right: andExpr() });
    }
    return left;
  };
  const andExpr = (): Expr => {
    let left = notExpr();
    while (isWord('and')) {
      i++;
      left = node(left.start, { kind: 'bool', op: 'and', left, right: notExpr() });
    }
    return left;
  };
  const notExpr = (): Expr => {
    if (isWord('not')) {
      const from = toks[i++].start;
      return node(from, { kind: 'not', operand: notExpr() });
    }
    return comparison();
  };
  const comparison = (): Expr => {
    let left = sum();
    for (;;) {
      let op: string | undefined;
      if (i < toks.length && toks[i].t === 'op' && COMPARE.has(toks[i].v)) op = toks[i++].v;
      else if (isWord('is')) {
        i++;
        op = isWord('not') ? (i++, 'is not') : 'is';
      } else if (isWord('in')) op = (i++, 'in');
      else if (isWord('not') && isWord('in', i + 1)) op = ((i += 2), 'not in');
      if (!op) return left;
      left = node(left.start, { kind: 'compare', op, left, right: sum() });
    }
  };
  const sum = (): Expr => {
    let left = product();
    while (isOp('+') || isOp('-')) {
      const op = toks[i++].v;
      left = node(left.start, { kind: 'binop', op, left, right: product() });
    }
    return left;
  };
  const product = (): Expr => {
    let left = unary();
    while (isOp('*') || isOp('/') || isOp('//') || isOp('%') || isOp('@')) {
      const op = toks[i++].v;
      left = node(left.start, { kind: 'binop', op, left, right: unary() });
    }
    return left;
  };
  const unary = (): Expr => {
    if (isOp('-') || isOp('+')) {
      const tok = toks[i++];
      const operand = unary();
      return tok.v === '+' ? operand : node(tok.start, { kind: 'neg', operand });
    }
    return power();
  };
  const power = (): Expr => {
    const base = postfix();
    if (!isOp('**')) return base;
    i++;
    return node(base.start, { kind: 'binop', op: '**', left: base, right: unary() });
  };
  const callArgs = (fn: Expr): Expr => {
    const args: Expr[] = [];
    const kwargs: Record<string, Expr> = {};
    while (!isOp(')')) {
      if (toks[i]?.t === 'name' && isOp('=', i + 1)) {
        const key = toks[i].v;
        i += 2;
        kwargs[key] = ternary();
      } else if (isOp('*')) {
        const from = toks[i++].start;
        args.push(node(from, { kind: 'starred', value: ternary() }));
      } else if (isOp('**')) {
        throw new SyntaxError('**kwargs in a call is not supported');
      } else {
        if (Object.keys(kwargs).length) throw new SyntaxError('positional argument after a keyword argument');
        args.push(ternary());
        if (isWord('for')) throw new SyntaxError('a generator expression is not supported');
      }
      if (!isOp(')')) expect(',');
    }
    i++;
    return node(fn.start, { kind: 'call', fn, args, kwargs });
  };
  const subscriptItem = (): Expr => {
    const from = toks[i]?.start ?? last();
    const lo = isOp(':') ? undefined : ternary();
    if (!isOp(':')) return lo!;
    i++;
    const hi = isOp(':') || isOp(']') || isOp(',') ? undefined : ternary();
    let step: Expr | undefined;
    if (isOp(':')) {
      i++;
      step = isOp(']') || isOp(',') ? undefined : ternary();
    }
    return node(from, { kind: 'slice', lo, hi, step });
  };
  const postfix = (): Expr => {
    let e = atom();
    for (;;) {
      if (isOp('.')) {
        i++;
        const name = toks[i++];
        if (!name || name.t !== 'name') throw new SyntaxError('expected a name after "."');
        e = node(e.start, { kind: 'attr', target: e, attr: name.v });
      } else if (isOp('(')) {
        i++;
        e = callArgs(e);
      } else if (isOp('[')) {
        const open = toks[i++].start;
        const items: Expr[] = [];
        let comma = false;
        while (!isOp(']')) {
          items.push(subscriptItem());
          if (!isOp(']')) {
            expect(',');
            comma = true;
          }
        }
        i++;
        const index = items.length === 1 && !comma ? items[0] : node(open, { kind: 'tuple', items });
        e = node(e.start, { kind: 'index', target: e, index });
      } else return e;
    }
  };
  const atom = (): Expr => {
    const tok = toks[i++];
    if (!tok) throw new SyntaxError('unexpected end of expression');
    if (tok.t === 'num') {
      const isInt = /^(?:\d+|0[xX][0-9a-fA-F]+)$/.test(tok.v);
      return { kind: 'num', value: Number(tok.v), isInt, start: tok.start, end: tok.end };
    }
    if (tok.t === 'str') {
      let value = tok.v;
      let endAt = tok.end;
      while (toks[i]?.t === 'str') {
        value += toks[i].v;
        endAt = toks[i++].end;
      }
      return { kind: 'str', value, start: tok.start, end: endAt };
    }
    if (tok.t === 'name') {
      if (KEYWORDS.has(tok.v)) throw new SyntaxError(`"${tok.v}" is not supported here`);
      return { kind: 'name', id: tok.v, start: tok.start, end: tok.end };
    }
    if (tok.v === '(' || tok.v === '[') {
      const close = tok.v === '(' ? ')' : ']';
      const items: Expr[] = [];
      let comma = false;
      while (!isOp(close)) {
        items.push(isOp('*') ? node(toks[i++].start, { kind: 'starred', value: ternary() }) : ternary());
        if (isWord('for')) throw new SyntaxError('a comprehension is not supported');
        if (!isOp(close)) {
          expect(',');
          comma = true;
        }
      }
      i++;
      if (items.length === 1 && !comma && close === ')') return { ...items[0], start: tok.start, end: last() };
      return node(tok.start, { kind: 'tuple', items, list: close === ']' });
    }
    throw new SyntaxError(`unexpected "${tok.v}"`);
  };

  const e = ternary();
  if (i < toks.length) {
    // A bare tuple without parentheses: `a, b`.
    if (!isOp(',')) throw new SyntaxError(`unexpected "${toks[i].v}"`);
    const items = [e];
    while (isOp(',')) {
      i++;
      if (i < toks.length) items.push(ternary());
    }
    if (i < toks.length) throw new SyntaxError(`unexpected "${toks[i].v}"`);
    return node(e.start, { kind: 'tuple', items });
  }
  return e;
}

/** "nn.Conv2d" for a dotted name expression, undefined otherwise. */
export function dottedName(e: Expr): string | undefined {
  if (e.kind === 'name') return e.id;
  if (e.kind === 'attr') {
    const base = dottedName(e.target);
    return base === undefined ? undefined : `${base}.${e.attr}`;
  }
  return undefined;
}

/** Value of a constant expression (numbers, tuples, True/False/None, strings, + - * / //), or undefined if not constant. */
export function constValue(e: Expr): number | string | boolean | null | Array<unknown> | undefined {
  switch (e.kind) {
    case 'num':
    case 'str':
      return e.value;
    case 'name':
      return e.id === 'True' ? true : e.id === 'False' ? false : e.id === 'None' ? null : undefined;
    case 'tuple': {
      const items = e.items.map(constValue);
      return items.some((v) => v === undefined) ? undefined : items;
    }
    case 'neg': {
      const v = constValue(e.operand);
      return typeof v === 'number' ? -v : undefined;
    }
    case 'binop': {
      const a = constValue(e.left);
      const b = constValue(e.right);
      if (typeof a !== 'number' || typeof b !== 'number') return undefined;
      if (e.op === '+') return a + b;
      if (e.op === '-') return a - b;
      if (e.op === '*') return a * b;
      if (e.op === '/') return a / b;
      if (e.op === '//') return Math.floor(a / b);
      return undefined;
    }
    default:
      return undefined;
  }
}
