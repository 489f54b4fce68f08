// Call arguments: positional and keyword, with constant values (numbers, strings, tuples, int arithmetic) evaluated.
import { scanScalar } from './numbers';
import { ParseFailure, Source, isIdentPart, isIdentStart } from './source';

export type ArgValue =
  | { kind: 'number'; value: number; isInt: boolean; isBool: boolean }
  | { kind: 'string'; value: string }
  | { kind: 'none' }
  | { kind: 'tuple'; items: ArgValue[] }
  | { kind: 'name'; value: string }
  /** Anything we do not evaluate (a variable expression, a call...): only its source text is known. */
  | { kind: 'expr' };

export interface Arg {
  name?: string;
  value: ArgValue;
  /** Range of the value expression. */
  start: number;
  end: number;
  text: string;
}

/** Parses arguments up to and including the closing `)`; the cursor must be just after the `(`. */
export function parseArgs(src: Source, open: number): Arg[] {
  const args: Arg[] = [];
  for (;;) {
    src.skipTrivia();
    if (src.code() === 41) {
      src.pos++;
      return args;
    }
    if (args.length > 0) {
      if (src.code() !== 44) {
        if (src.atEnd()) throw new ParseFailure("'(' was never closed", { start: open, end: open + 1 });
        src.fail(`expected ',' or ')', found ${src.describeHere()}`);
      }
      src.pos++;
      src.skipTrivia();
      if (src.code() === 41) {
        src.pos++;
        return args;
      }
    }
    if (src.atEnd()) throw new ParseFailure("'(' was never closed", { start: open, end: open + 1 });
    args.push(parseArg(src));
    if (args.length > 64) src.fail('too many arguments');
  }
}

function parseArg(src: Source): Arg {
  let name: string | undefined;
  const save = src.pos;
  if (isIdentStart(src.code())) {
    let p = src.pos;
    while (isIdentPart(src.code(p))) p++;
    let q = p;
    while (src.code(q) === 32 || src.code(q) === 9) q++;
    if (src.code(q) === 61 && src.code(q + 1) !== 61) {
      name = src.text.slice(save, p);
      src.pos = q + 1;
      src.skipTrivia();
    }
  }
  const start = src.pos;
  let value: ArgValue;
  try {
    value = new ConstEvaluator(src).expression(0);
    src.skipTrivia();
    const c = src.code();
    if (c !== 44 && c !== 41) throw new NotConstant();
  } catch (e) {
    if (!(e instanceof NotConstant)) throw e;
    src.pos = start;
    skipExpression(src);
    value = { kind: 'expr' };
  }
  let end = src.pos;
  while (end > start && /\s/.test(src.text[end - 1])) end--;
  return { name, value, start, end, text: src.text.slice(start, end) };
}

class NotConstant extends Error {}

/** Evaluates constant expressions: `10 * 6 * 6`, `(3, 5)`, `'same'`, `torch.float32`, `-1`, `2 ** 3`. */
class ConstEvaluator {
  private depth = 0;
  constructor(private readonly src: Source) {}

  expression(minPrec: number): ArgValue {
    let left = this.unary();
    for (;;) {
      this.src.skipTrivia();
      const op = this.operator();
      if (!op || PREC[op] < minPrec) return left;
      this.src.pos += op.length;
      const right = this.expression(op === '**' ? PREC[op] : PREC[op] + 1);
      left = apply(op, left, right);
    }
  }

  private operator(): string | undefined {
    const t = this.src.text;
    const p = this.src.pos;
    for (const op of ['**', '//', '+', '-', '*', '/', '%']) if (t.startsWith(op, p) && p + op.length <= this.src.end) return op;
    return undefined;
  }

  private unary(): ArgValue {
    const src = this.src;
    if (++this.depth > 32) throw new NotConstant();
    src.skipTrivia();
    const c = src.code();
    let out: ArgValue;
    if (c === 45 || c === 43) {
      // scanScalar handles signed numbers; a sign before a parenthesis or name negates an expression.
      const save = src.pos;
      const s = scanScalar(src);
      if (s) out = { kind: 'number', value: s.value, isInt: s.kind !== 'float', isBool: false };
      else {
        src.pos = save + 1;
        const v = this.unary();
        if (v.kind !== 'number') throw new NotConstant();
        out = { kind: 'number', value: c === 45 ? -v.value : v.value, isInt: v.isInt, isBool: false };
      }
    } else if (c === 39 || c === 34) {
      const close = src.text.indexOf(String.fromCharCode(c), src.pos + 1);
      if (close < 0 || close >= src.end || src.text.slice(src.pos, close).includes('\n')) throw new NotConstant();
      out = { kind: 'string', value: src.text.slice(src.pos + 1, close) };
      src.pos = close + 1;
    } else if (c === 40 || c === 91) {
      out = this.tuple(c === 40 ? 41 : 93);
    } else {
      const s = scanScalar(src);
      if (s) out = { kind: 'number', value: s.value, isInt: s.kind !== 'float', isBool: s.kind === 'bool' };
      else if (isIdentStart(c)) {
        const name = src.dottedName();
        if (name === 'None' || name === 'null' || name === 'undefined') out = { kind: 'none' };
        else {
          const save = src.pos;
          src.skipSpaces();
          if (src.code() === 40 || src.code() === 91) throw new NotConstant();
          src.pos = save;
          out = { kind: 'name', value: name };
        }
      } else throw new NotConstant();
    }
    this.depth--;
    return out;
  }

  private tuple(close: number): ArgValue {
    const src = this.src;
    src.pos++;
    const items: ArgValue[] = [];
    let comma = false;
    for (;;) {
      src.skipTrivia();
      if (src.code() === close) break;
      if (items.length > 0) {
        if (src.code() !== 44) throw new NotConstant();
        src.pos++;
        comma = true;
        src.skipTrivia();
        if (src.code() === close) break;
      }
      if (src.atEnd() || items.length > 64) throw new NotConstant();
      items.push(this.expression(0));
    }
    src.pos++;
    if (close === 41 && items.length === 1 && !comma) return items[0];
    return { kind: 'tuple', items };
  }
}

const PREC: Record<string, number> = { '+': 1, '-': 1, '*': 2, '/': 2, '//': 2, '%': 2, '**': 4 };

function apply(op: string, a: ArgValue, b: ArgValue): ArgValue {
  if (a.kind !== 'number' || b.kind !== 'number') throw new NotConstant();
  const x = a.value;
  const y = b.value;
  const isInt = a.isInt && b.isInt && op !== '/';
  let v: number;
  switch (op) {
    case '+':
      v = x + y;
      break;
    case '-':
      v = x - y;
      break;
    case '*':
      v = x * y;
      break;
    case '/':
      v = x / y;
      break;
    case '//':
      v = Math.floor(x / y);
      break;
    case '%':
      v = x - y * Math.floor(x / y);
      break;
    default:
      v = x ** y;
  }
  if (!Number.isFinite(v) && Number.isFinite(x) && Number.isFinite(y)) throw new NotConstant();
  return { kind: 'number', value: v, isInt, isBool: false };
}

/** Skips one argument expression: balanced brackets and strings, up to a top-level `,` or `)`. */
export function skipExpression(src: Source): void {
  const t = src.text;
  let depth = 0;
  const openAt: number[] = [];
  while (src.pos < src.end) {
    const c = t.charCodeAt(src.pos);
    if (c === 40 || c === 91 || c === 123) {
      depth++;
      openAt.push(src.pos);
    } else if (c === 41 || c === 93 || c === 125) {
      if (depth === 0) return;
      depth--;
      openAt.pop();
    } else if (c === 44 && depth === 0) return;
    else if (c === 39 || c === 34 || c === 96) {
      const close = t.indexOf(String.fromCharCode(c), src.pos + 1);
      if (close < 0 || close >= src.end) src.fail('unterminated string');
      src.pos = close;
    } else if (c === 35 || (c === 47 && t.charCodeAt(src.pos + 1) === 47) || (c === 47 && t.charCodeAt(src.pos + 1) === 42)) {
      src.skipTrivia();
      continue;
    }
    src.pos++;
  }
  if (openAt.length > 0) {
    const at = openAt[openAt.length - 1];
    throw new ParseFailure(`'${t[at]}' was never closed`, { start: at, end: at + 1 });
  }
}

/** Reads an int or an (int, int) pair, as PyTorch's `_pair` does. Returns undefined for non-constant values. */
export function intPair(v: ArgValue): [number, number] | undefined {
  if (v.kind === 'number' && v.isInt) return [v.value, v.value];
  if (v.kind === 'tuple' && v.items.length === 2 && v.items.every((i) => i.kind === 'number' && i.isInt)) {
    return [(v.items[0] as { value: number }).value, (v.items[1] as { value: number }).value];
  }
  return undefined;
}

export function intValue(v: ArgValue): number | undefined {
  return v.kind === 'number' && v.isInt ? v.value : undefined;
}
