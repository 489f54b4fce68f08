// Scalar scanning: Python/JS/JSON numbers, booleans and the spellings of nan and inf, parsed without regexes.
import { Source, isIdentPart } from './source';

export type ScalarKind = 'int' | 'float' | 'bool';

export interface Scalar {
  value: number;
  kind: ScalarKind;
}

const POW10 = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

const NAMED: Record<string, Scalar> = {
  True: { value: 1, kind: 'bool' },
  False: { value: 0, kind: 'bool' },
  true: { value: 1, kind: 'bool' },
  false: { value: 0, kind: 'bool' },
  NaN: { value: NaN, kind: 'float' },
  Infinity: { value: Infinity, kind: 'float' },
  'math.nan': { value: NaN, kind: 'float' },
  'math.inf': { value: Infinity, kind: 'float' },
  'np.nan': { value: NaN, kind: 'float' },
  'np.inf': { value: Infinity, kind: 'float' },
  'numpy.nan': { value: NaN, kind: 'float' },
  'numpy.inf': { value: Infinity, kind: 'float' },
  'torch.nan': { value: NaN, kind: 'float' },
  'torch.inf': { value: Infinity, kind: 'float' },
  'Number.NaN': { value: NaN, kind: 'float' },
  'Number.POSITIVE_INFINITY': { value: Infinity, kind: 'float' },
  'Number.NEGATIVE_INFINITY': { value: -Infinity, kind: 'float' },
};

const FLOAT_STRINGS: Record<string, number> = { nan: NaN, inf: Infinity, infinity: Infinity };

/**
 * Scans a scalar at the cursor (after trivia). Returns null, leaving the cursor unchanged, if none starts here.
 * Fails (with a range) on a malformed number or a bad `float('...')`.
 */
export function scanScalar(src: Source): Scalar | null {
  const t = src.text;
  const start = src.pos;
  let p = start;
  let negative = false;
  // Unary signs: Python accepts any run of them (`--1`); spaces may separate sign and number.
  for (;;) {
    const c = src.code(p);
    if (c === 45) negative = !negative;
    else if (c !== 43) break;
    p++;
    while (src.code(p) === 32) p++;
  }
  const c = src.code(p);
  if ((c >= 48 && c <= 57) || (c === 46 && isDigit(src.code(p + 1)))) {
    src.pos = p;
    const s = scanUnsigned(src);
    // Python's -0 is the integer 0; only -0.0 is a negative zero.
    return { value: negative && (s.value !== 0 || s.kind === 'float') ? -s.value : s.value, kind: s.kind };
  }
  if (c < 0 || !isIdentPart(c)) {
    if (p !== start) src.fail(`expected a number after the sign, found ${((src.pos = p), src.describeHere())}`, p);
    return null;
  }
  src.pos = p;
  const name = src.dottedName();
  const named = NAMED[name];
  if (named) return { value: negative ? -named.value : named.value, kind: named.kind };
  if (name === 'float' && src.eat('(')) {
    src.skipTrivia();
    const q = src.code();
    const argStart = src.pos;
    if (q === 39 || q === 34) {
      const close = t.indexOf(String.fromCharCode(q), argStart + 1);
      if (close < 0 || close >= src.end) src.fail('unterminated string', argStart);
      let raw = t
        .slice(argStart + 1, close)
        .trim()
        .toLowerCase();
      let sign = negative ? -1 : 1;
      if (raw.startsWith('-') || raw.startsWith('+')) {
        if (raw[0] === '-') sign = -sign;
        raw = raw.slice(1);
      }
      let value = FLOAT_STRINGS[raw];
      if (value === undefined) {
        const n = raw === '' ? NaN : Number(raw.replace(/_/g, ''));
        if (Number.isNaN(n)) src.fail(`could not convert string to float: '${t.slice(argStart + 1, close)}'`, argStart, close + 1);
        value = n;
      }
      src.pos = close + 1;
      src.expect(')', 'to close float(...)');
      return { value: sign * value, kind: 'float' };
    }
    const inner = scanScalar(src);
    if (!inner) src.fail(`expected a number or string in float(...), found ${src.describeHere()}`);
    src.expect(')', 'to close float(...)');
    return { value: negative ? -inner.value : inner.value, kind: 'float' };
  }
  src.pos = start;
  return null;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Digits with optional fraction, exponent, `_` separators, or a 0x/0o/0b integer. */
function scanUnsigned(src: Source): Scalar {
  const t = src.text;
  const end = src.end;
  const start = src.pos;
  let p = start;
  let c = t.charCodeAt(p);
  if (c === 48 && p + 1 < end) {
    const x = t.charCodeAt(p + 1) | 32;
    if (x === 120 || x === 111 || x === 98) {
      p += 2;
      while (p < end && isIdentPart(t.charCodeAt(p))) p++;
      const digits = t.slice(start + 2, p).replace(/_/g, '');
      const radix = x === 120 ? 16 : x === 111 ? 8 : 2;
      const valid = radix === 16 ? /^[0-9a-f]+$/i : radix === 8 ? /^[0-7]+$/ : /^[01]+$/;
      if (!valid.test(digits)) src.fail(`invalid number '${t.slice(start, p)}'`, start, p);
      src.pos = p;
      return { value: parseInt(digits, radix), kind: 'int' };
    }
  }
  let mantissa = 0;
  let digits = 0;
  let scale = 0;
  let slow = false;
  let isFloat = false;
  while (p < end) {
    c = t.charCodeAt(p);
    if (c >= 48 && c <= 57) {
      if (digits < 15) mantissa = mantissa * 10 + (c - 48);
      else slow = true;
      if (mantissa !== 0) digits++;
      p++;
    } else if (c === 95) {
      slow = true;
      p++;
    } else break;
  }
  if (c === 46 && p < end) {
    isFloat = true;
    p++;
    while (p < end) {
      c = t.charCodeAt(p);
      if (c >= 48 && c <= 57) {
        if (digits < 15) {
          mantissa = mantissa * 10 + (c - 48);
          scale--;
        } else slow = true;
        if (mantissa !== 0) digits++;
        p++;
      } else if (c === 95) {
        slow = true;
        p++;
      } else break;
    }
  }
  if ((c | 32) === 101 && p < end) {
    p++;
    let esign = 1;
    let ec = t.charCodeAt(p);
    if (ec === 43 || ec === 45) {
      if (ec === 45) esign = -1;
      p++;
    }
    let exp = 0;
    const digitsStart = p;
    while (p < end && (ec = t.charCodeAt(p)) >= 48 && ec <= 57) {
      exp = Math.min(exp * 10 + (ec - 48), 100000);
      p++;
    }
    if (p === digitsStart) src.fail(`invalid number '${t.slice(start, p)}'`, start, p);
    scale += esign * exp;
    isFloat = true;
  }
  // Python's `j` (complex) or letters glued to the number make it invalid.
  if (p < end && isIdentPart(t.charCodeAt(p))) {
    let q = p;
    while (q < end && isIdentPart(t.charCodeAt(q))) q++;
    src.fail(`invalid number '${t.slice(start, q)}'`, start, q);
  }
  src.pos = p;
  let value: number;
  // Clinger's fast path: exact mantissa and exact power of ten give a correctly rounded double.
  if (!slow && scale >= -22 && scale <= 22) value = scale < 0 ? mantissa / POW10[-scale] : mantissa * POW10[scale];
  else value = Number(t.slice(start, p).replace(/_/g, ''));
  return { value, kind: isFloat ? 'float' : 'int' };
}
