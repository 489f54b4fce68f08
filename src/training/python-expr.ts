// A tiny parser for the Python expressions a model definition uses: names, attributes, calls, numbers, strings, tuples, arithmetic.

export type Expr =
  | { kind: 'num'; value: number }
  | { kind: 'str'; value: string }
  | { kind: 'name'; id: string }
  | { kind: 'attr'; target: Expr; attr: string }
  | { kind: 'call'; fn: Expr; args: Expr[]; kwargs: Record<string, Expr> }
  | { kind: 'tuple'; items: Expr[] }
  | { kind: 'binop'; op: string; left: Expr; right: Expr }
  | { kind: 'neg'; operand: Expr }
  | { kind: 'index'; target: Expr; index: Expr };

type Token = { t: 'num' | 'str' | 'name' | 'op'; v: string };

const TOKEN =
  /\s*(?:(\d+\.\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|\d+(?:[eE][+-]?\d+)?)|('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")|([A-Za-z_]\w*)|(\/\/|\*\*|[()[\],.=*+\-/:]))/y;

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < src.length) {
    if (/^\s*$/.test(src.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(src);
    if (!m) throw new SyntaxError(`unexpected "${src.slice(pos).trim()[0]}"`);
    pos = TOKEN.lastIndex;
    if (m[1] !== undefined) out.push({ t: 'num', v: m[1] });
    else if (m[2] !== undefined) out.push({ t: 'str', v: m[2].slice(1, -1) });
    else if (m[3] !== undefined) out.push({ t: 'name', v: m[3] });
    else out.push({ t: 'op', v: m[4] });
  }
  return out;
}

/** Parses one expression; throws SyntaxError with a short reason for anything outside the subset. */
export function parseExpr(src: string): Expr {
  const toks = tokenize(src);
  let i = 0;
  const peek = (v?: string): boolean => i < toks.length && toks[i].t === 'op' && (v === undefined || toks[i].v === v);
  const expect = (v: string): void => {
    if (!peek(v)) throw new SyntaxError(`expected "${v}"${i < toks.length ? ` before "${toks[i].v}"` : ' at the end'}`);
    i++;
  };

  const sum = (): Expr => {
    let left = product();
    while (peek('+') || peek('-')) {
      const op = toks[i++].v;
      left = { kind: 'binop', op, left, right: product() };
    }
    return left;
  };
  const product = (): Expr => {
    let left = unary();
    while (peek('*') || peek('/') || peek('//')) {
      const op = toks[i++].v;
      left = { kind: 'binop', op, left, right: unary() };
    }
    return left;
  };
  const unary = (): Expr => {
    if (peek('-')) {
      i++;
      return { kind: 'neg', operand: unary() };
    }
    return postfix();
  };
  const postfix = (): Expr => {
    let e = atom();
    for (;;) {
      if (peek('.')) {
        i++;
        const name = toks[i++];
        if (!name || name.t !== 'name') throw new SyntaxError('expected a name after "."');
        e = { kind: 'attr', target: e, attr: name.v };
      } else if (peek('(')) {
        i++;
        const args: Expr[] = [];
        const kwargs: Record<string, Expr> = {};
        while (!peek(')')) {
          if (toks[i]?.t === 'name' && toks[i + 1]?.t === 'op' && toks[i + 1].v === '=') {
            const key = toks[i].v;
            i += 2;
            kwargs[key] = sum();
          } else {
            if (Object.keys(kwargs).length) throw new SyntaxError('positional argument after a keyword argument');
            args.push(sum());
          }
          if (!peek(')')) expect(',');
        }
        i++;
        e = { kind: 'call', fn: e, args, kwargs };
      } else if (peek('[')) {
        i++;
        const index = sum();
        expect(']');
        e = { kind: 'index', target: e, index };
      } else return e;
    }
  };
  const atom = (): Expr => {
    const tok = toks[i++];
    if (!tok) throw new SyntaxError('unexpected end of expression');
    if (tok.t === 'num') return { kind: 'num', value: Number(tok.v) };
    if (tok.t === 'str') return { kind: 'str', value: tok.v };
    if (tok.t === 'name') return { kind: 'name', id: tok.v };
    if (tok.v === '(' || tok.v === '[') {
      const close = tok.v === '(' ? ')' : ']';
      const items: Expr[] = [];
      let comma = false;
      while (!peek(close)) {
        items.push(sum());
        if (!peek(close)) {
          expect(',');
          comma = true;
        }
      }
      i++;
      return items.length === 1 && !comma && close === ')' ? items[0] : { kind: 'tuple', items };
    }
    throw new SyntaxError(`unexpected "${tok.v}"`);
  };

  const e = sum();
  if (i < toks.length) throw new SyntaxError(`unexpected "${toks[i].v}"`);
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
