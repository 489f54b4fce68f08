// Constant arithmetic inside literals (`1/9`, `-1/8`, `2**-3`, `math.sqrt(2)`), evaluated with Python's rules.
import { scanScalar, type Scalar } from './numbers';
import { Source, ParseFailure } from './source';

const CONSTANTS: Record<string, number> = {
  'math.pi': Math.PI,
  'math.e': Math.E,
  'math.tau': 2 * Math.PI,
  'np.pi': Math.PI,
  'np.e': Math.E,
  'numpy.pi': Math.PI,
  'numpy.e': Math.E,
  'torch.pi': Math.PI,
  'Math.PI': Math.PI,
  'Math.E': Math.E,
};

const FUNCTIONS: Record<string, (x: number) => number> = {
  'math.sqrt': Math.sqrt,
  'np.sqrt': Math.sqrt,
  'numpy.sqrt': Math.sqrt,
  'math.exp': Math.exp,
  'math.log': Math.log,
  'math.sin': Math.sin,
  'math.cos': Math.cos,
  'Math.sqrt': Math.sqrt,
};

/** True when an element is followed by something that ends it, so the common case (plain numbers) skips the evaluator. */
function endsElement(c: number): boolean {
  return c === 44 || c === 93 || c === 41 || c === 125 || c < 0;
}

/**
 * Scans one element of a literal: a number or a constant expression over numbers with `+ - * / // % **`, parentheses,
 * `math.pi`, `math.sqrt(...)`. Python's semantics: `/` is true division, `**` binds tighter than unary minus and is
 * right-associative, `//` and `%` floor (ints stay ints). Returns null (cursor unchanged) if no number starts here.
 */
export function scanConstExpr(src: Source, python = !src.slashComments): Scalar | null {
  const start = src.pos;
  const first = scanScalar(src);
  if (first) {
    // Fast path for plain numbers; the cursor stays after the trivia, which the list parser would skip next anyway.
    const c = src.code();
    if (endsElement(c)) return first;
    if (c === 32 || c === 10 || c === 13 || c === 9 || c === 35) {
      src.skipTrivia();
      if (endsElement(src.code())) return first;
    }
  }
  src.pos = start;
  if (!startsOperand(src)) return null;
  return new ConstExpr(src, python).expr();
}

function startsOperand(src: Source): boolean {
  const c = src.code();
  return c === 40 || c === 43 || c === 45 || c === 46 || (c >= 48 && c <= 57) || /[A-Za-z_]/.test(String.fromCharCode(c));
}

/** A constant at multiplicative precedence (what may follow `tensor *`), or null with the cursor unchanged. */
export function scanConstFactor(src: Source): Scalar | null {
  return scanOperand(src, (e) => e.factorOnly());
}

/** A constant at additive precedence (what may follow `tensor +`), or null with the cursor unchanged. */
export function scanConstTerm(src: Source): Scalar | null {
  return scanOperand(src, (e) => e.termOnly());
}

function scanOperand(src: Source, read: (e: ConstExpr) => Scalar): Scalar | null {
  const start = src.pos;
  src.skipTrivia();
  if (!startsOperand(src)) return ((src.pos = start), null);
  try {
    return read(new ConstExpr(src, !src.slashComments));
  } catch (e) {
    if (!(e instanceof ParseFailure)) throw e;
    src.pos = start;
    return null;
  }
}

/** Python's binary arithmetic on two constants; a ParseFailure at `at` for what Python refuses. */
export function pyArith(op: string, a: Scalar, b: Scalar, at: number): Scalar {
  return new ConstExpr(new Source(''), true).arith(op, a, b, at);
}

type Value = Scalar;

const int = (value: number): Value => ({ value, kind: 'int' });
const float = (value: number): Value => ({ value, kind: 'float' });

class ConstExpr {
  constructor(
    private readonly src: Source,
    private readonly python: boolean,
  ) {}

  /** expr := term (('+' | '-') term)* */
  expr(): Value {
    let left = this.term();
    for (;;) {
      this.src.skipTrivia();
      const c = this.src.code();
      if (c !== 43 && c !== 45) return left;
      const at = this.src.pos;
      this.src.pos++;
      const right = this.term();
      left = this.arith(c === 43 ? '+' : '-', left, right, at);
    }
  }

  termOnly(): Value {
    return this.term();
  }

  factorOnly(): Value {
    return this.factor();
  }

  /** term := factor (('*' | '/' | '//' | '%') factor)* */
  private term(): Value {
    let left = this.factor();
    for (;;) {
      this.src.skipTrivia();
      const t = this.src.text;
      const p = this.src.pos;
      const c = this.src.code();
      let op: string;
      if (c === 42 && t.charCodeAt(p + 1) !== 42) op = '*';
      else if (c === 47 && t.charCodeAt(p + 1) === 47 && this.python) op = '//';
      else if (c === 47 && t.charCodeAt(p + 1) !== 47 && t.charCodeAt(p + 1) !== 42) op = '/';
      else if (c === 37) op = '%';
      else return left;
      this.src.pos += op.length;
      const right = this.factor();
      left = this.arith(op, left, right, p);
    }
  }

  /** factor := ('+' | '-') factor | power */
  private factor(): Value {
    this.src.skipTrivia();
    const c = this.src.code();
    if (c === 45 || c === 43) {
      this.src.pos++;
      const v = this.factor();
      const kind = v.kind === 'bool' ? 'int' : v.kind;
      // Python's -0 is the integer 0; only -0.0 is a negative zero.
      return c === 45 ? { value: kind === 'int' ? 0 - v.value : -v.value, kind } : { value: v.value, kind };
    }
    return this.power();
  }

  /** power := atom ['**' factor] */
  private power(): Value {
    const base = this.atom();
    this.src.skipTrivia();
    const p = this.src.pos;
    if (this.src.code() === 42 && this.src.text.charCodeAt(p + 1) === 42) {
      this.src.pos += 2;
      const exp = this.factor();
      return this.arith('**', base, exp, p);
    }
    return base;
  }

  /** atom := number | constant | fn '(' expr ')' | float(...) | '(' expr ')' */
  private atom(): Value {
    const src: Source = this.src;
    src.skipTrivia();
    const at = src.pos;
    if (src.code() === 40) {
      src.pos++;
      const v = this.expr();
      src.skipTrivia();
      src.expect(')');
      return v;
    }
    const name = /^[A-Za-z_][\w.]*/.exec(src.text.slice(at, Math.min(src.end, at + 64)))?.[0];
    if (name !== undefined && name in CONSTANTS) {
      src.pos = at + name.length;
      return float(CONSTANTS[name]);
    }
    if (name !== undefined && name in FUNCTIONS) {
      src.pos = at + name.length;
      src.skipTrivia();
      src.expect('(', `to call ${name}`);
      const arg = this.expr();
      src.skipTrivia();
      src.expect(')', `to close ${name}(...)`);
      const v = FUNCTIONS[name](arg.value);
      if (Number.isNaN(v) && !Number.isNaN(arg.value)) throw new ParseFailure('ValueError: math domain error', { start: at, end: src.pos });
      return float(v);
    }
    if (src.code() !== 45 && src.code() !== 43) {
      const s = scanScalar(src);
      if (s) return s;
    }
    src.fail(`expected a number, found ${src.describeHere()}`);
  }

  arith(op: string, a: Value, b: Value, at: number): Value {
    const ints = a.kind !== 'float' && b.kind !== 'float';
    const x = a.value;
    const y = b.value;
    const fail = (message: string): never => {
      throw new ParseFailure(message, { start: at, end: at + op.length });
    };
    switch (op) {
      case '+':
        return ints ? int(x + y) : float(x + y);
      case '-':
        return ints ? int(x - y) : float(x - y);
      case '*':
        return ints ? int(x * y) : float(x * y);
      case '/':
        if (y === 0) fail(ints ? 'ZeroDivisionError: division by zero' : 'ZeroDivisionError: float division by zero');
        return float(x / y);
      case '//':
        if (y === 0)
          fail(ints ? 'ZeroDivisionError: integer division or modulo by zero' : 'ZeroDivisionError: float floor division by zero');
        return ints ? int(Math.floor(x / y)) : float(Math.floor(x / y));
      case '%': {
        if (y === 0) fail(ints ? 'ZeroDivisionError: integer division or modulo by zero' : 'ZeroDivisionError: float modulo');
        // Python's modulo takes the divisor's sign.
        const r = x % y;
        const m = r !== 0 && r < 0 !== y < 0 ? r + y : r;
        return ints ? int(m) : float(m === 0 ? (y < 0 ? -0 : 0) : m);
      }
      default: {
        if (x === 0 && y < 0) fail('ZeroDivisionError: 0.0 cannot be raised to a negative power');
        const v = x ** y;
        if (Number.isNaN(v) && !Number.isNaN(x) && !Number.isNaN(y))
          fail('negative number raised to a fractional power gives a complex number');
        return ints && y >= 0 ? int(v) : float(v);
      }
    }
  }
}
