// Parses the Python expressions model code uses (calls, literals, subscripts, slices, arithmetic, logic, ternaries).
import type { Expr, ExprBody } from './python-ast';
import { tokenize, type Token } from './python-tokens';

const COMPARE = new Set(['==', '!=', '<', '>', '<=', '>=']);
const KEYWORDS = new Set(['lambda', 'for', 'yield', 'await', 'def', 'class', 'import', 'from', 'return']);

/**
 * Parses one expression from `text` (or its slice [start, end)); offsets in the result index `text`.
 * Throws SyntaxError with a short reason for anything outside the subset (lambdas, comprehensions, dicts…).
 */
export function parseExpr(text: string, start = 0, end = text.length): Expr {
  return new ExprParser(tokenize(text, start, end), start).parse();
}

/** Recursive descent over the tokens, one method per precedence level (a class: no closures per call). */
class ExprParser {
  private i = 0;

  constructor(
    private readonly toks: Token[],
    private readonly start: number,
  ) {}

  parse(): Expr {
    const e = this.ternary();
    if (this.i < this.toks.length) {
      // A bare tuple without parentheses: `a, b`.
      if (!this.isOp(',')) throw new SyntaxError(`unexpected "${this.toks[this.i].v}"`);
      const items = [e];
      while (this.isOp(',')) {
        this.i++;
        if (this.i < this.toks.length) items.push(this.ternary());
      }
      if (this.i < this.toks.length) throw new SyntaxError(`unexpected "${this.toks[this.i].v}"`);
      return this.node(e.start, { kind: 'tuple', items });
    }
    return e;
  }

  private last(): number {
    return this.i > 0 ? this.toks[this.i - 1].end : this.start;
  }

  private isOp(v: string, k = this.i): boolean {
    return k < this.toks.length && this.toks[k].t === 'op' && this.toks[k].v === v;
  }

  private isWord(v: string, k = this.i): boolean {
    return k < this.toks.length && this.toks[k].t === 'name' && this.toks[k].v === v;
  }

  private expect(v: string): void {
    if (!this.isOp(v))
      throw new SyntaxError(`expected "${v}"${this.i < this.toks.length ? ` before "${this.toks[this.i].v}"` : ' at the end'}`);
    this.i++;
  }

  private node(from: number, n: ExprBody): Expr {
    return { ...n, start: from, end: this.last() } as Expr;
  }

  private ternary(): Expr {
    const from = this.toks[this.i]?.start ?? this.start;
    const then = this.orExpr();
    if (!this.isWord('if')) return then;
    this.i++;
    const test = this.orExpr();
    if (!this.isWord('else')) throw new SyntaxError('expected "else" in a conditional expression');
    this.i++;
    return this.node(from, { kind: 'ternary', test, then, orElse: this.ternary() });
  }

  private orExpr(): Expr {
    let left = this.andExpr();
    while (this.isWord('or')) {
      this.i++;
      left = this.node(left.start, { kind: 'bool', op: 'or', left, right: this.andExpr() });
    }
    return left;
  }

  private andExpr(): Expr {
    let left = this.notExpr();
    while (this.isWord('and')) {
      this.i++;
      left = this.node(left.start, { kind: 'bool', op: 'and', left, right: this.notExpr() });
    }
    return left;
  }

  private notExpr(): Expr {
    if (this.isWord('not')) {
      const from = this.toks[this.i++].start;
      return this.node(from, { kind: 'not', operand: this.notExpr() });
    }
    return this.comparison();
  }

  private comparison(): Expr {
    let left = this.sum();
    for (;;) {
      let op: string | undefined;
      const t = this.toks[this.i];
      if (t && t.t === 'op' && COMPARE.has(t.v)) {
        op = t.v;
        this.i++;
      } else if (this.isWord('is')) {
        this.i++;
        op = 'is';
        if (this.isWord('not')) {
          this.i++;
          op = 'is not';
        }
      } else if (this.isWord('in')) {
        this.i++;
        op = 'in';
      } else if (this.isWord('not') && this.isWord('in', this.i + 1)) {
        this.i += 2;
        op = 'not in';
      }
      if (!op) return left;
      left = this.node(left.start, { kind: 'compare', op, left, right: this.sum() });
    }
  }

  private sum(): Expr {
    let left = this.product();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.toks[this.i++].v;
      left = this.node(left.start, { kind: 'binop', op, left, right: this.product() });
    }
    return left;
  }

  private product(): Expr {
    let left = this.unary();
    while (this.isOp('*') || this.isOp('/') || this.isOp('//') || this.isOp('%') || this.isOp('@')) {
      const op = this.toks[this.i++].v;
      left = this.node(left.start, { kind: 'binop', op, left, right: this.unary() });
    }
    return left;
  }

  private unary(): Expr {
    if (this.isOp('-') || this.isOp('+')) {
      const tok = this.toks[this.i++];
      const operand = this.unary();
      return tok.v === '+' ? operand : this.node(tok.start, { kind: 'neg', operand });
    }
    return this.power();
  }

  private power(): Expr {
    const base = this.postfix();
    if (!this.isOp('**')) return base;
    this.i++;
    return this.node(base.start, { kind: 'binop', op: '**', left: base, right: this.unary() });
  }

  private callArgs(fn: Expr): Expr {
    const args: Expr[] = [];
    const kwargs: Record<string, Expr> = {};
    while (!this.isOp(')')) {
      if (this.toks[this.i]?.t === 'name' && this.isOp('=', this.i + 1)) {
        const key = this.toks[this.i].v;
        this.i += 2;
        kwargs[key] = this.ternary();
      } else if (this.isOp('*')) {
        const from = this.toks[this.i++].start;
        args.push(this.node(from, { kind: 'starred', value: this.ternary() }));
      } else if (this.isOp('**')) {
        throw new SyntaxError('**kwargs in a call is not supported');
      } else {
        if (Object.keys(kwargs).length) throw new SyntaxError('positional argument after a keyword argument');
        args.push(this.ternary());
        if (this.isWord('for')) throw new SyntaxError('a generator expression is not supported');
      }
      if (!this.isOp(')')) this.expect(',');
    }
    this.i++;
    return this.node(fn.start, { kind: 'call', fn, args, kwargs });
  }

  private subscriptItem(): Expr {
    const from = this.toks[this.i]?.start ?? this.last();
    const lo = this.isOp(':') ? undefined : this.ternary();
    if (!this.isOp(':')) return lo!;
    this.i++;
    const hi = this.isOp(':') || this.isOp(']') || this.isOp(',') ? undefined : this.ternary();
    let step: Expr | undefined;
    if (this.isOp(':')) {
      this.i++;
      step = this.isOp(']') || this.isOp(',') ? undefined : this.ternary();
    }
    return this.node(from, { kind: 'slice', lo, hi, step });
  }

  private postfix(): Expr {
    let e = this.atom();
    for (;;) {
      if (this.isOp('.')) {
        this.i++;
        const name = this.toks[this.i++];
        if (!name || name.t !== 'name') throw new SyntaxError('expected a name after "."');
        e = this.node(e.start, { kind: 'attr', target: e, attr: name.v });
      } else if (this.isOp('(')) {
        this.i++;
        e = this.callArgs(e);
      } else if (this.isOp('[')) {
        const open = this.toks[this.i++].start;
        const items: Expr[] = [];
        let comma = false;
        while (!this.isOp(']')) {
          items.push(this.subscriptItem());
          if (!this.isOp(']')) {
            this.expect(',');
            comma = true;
          }
        }
        this.i++;
        const index = items.length === 1 && !comma ? items[0] : this.node(open, { kind: 'tuple', items });
        e = this.node(e.start, { kind: 'index', target: e, index });
      } else return e;
    }
  }

  private atom(): Expr {
    const tok = this.toks[this.i++];
    if (!tok) throw new SyntaxError('unexpected end of expression');
    if (tok.t === 'num') {
      const isInt = /^(?:\d+|0[xX][0-9a-fA-F]+)$/.test(tok.v);
      return { kind: 'num', value: Number(tok.v), isInt, start: tok.start, end: tok.end };
    }
    if (tok.t === 'str') {
      let value = tok.v;
      let endAt = tok.end;
      while (this.toks[this.i]?.t === 'str') {
        value += this.toks[this.i].v;
        endAt = this.toks[this.i++].end;
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
      while (!this.isOp(close)) {
        items.push(this.isOp('*') ? this.node(this.toks[this.i++].start, { kind: 'starred', value: this.ternary() }) : this.ternary());
        if (this.isWord('for')) throw new SyntaxError('a comprehension is not supported');
        if (!this.isOp(close)) {
          this.expect(',');
          comma = true;
        }
      }
      this.i++;
      if (items.length === 1 && !comma && close === ')') return { ...items[0], start: tok.start, end: this.last() };
      return this.node(tok.start, { kind: 'tuple', items, list: close === ']' });
    }
    throw new SyntaxError(`unexpected "${tok.v}"`);
  }
}
