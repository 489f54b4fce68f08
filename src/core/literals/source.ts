// A cursor over source text: skips whitespace, comments and line continuations; raises positioned parse failures.
import type { LiteralError, TextRange } from './types';

/** Internal failure carrying the message and range; converted to a LiteralError at the API boundary. */
export class ParseFailure extends Error {
  constructor(
    message: string,
    readonly range: TextRange,
  ) {
    super(message);
  }
}

export const CH_SPACE = 32;
export const CH_TAB = 9;
export const CH_LF = 10;
export const CH_CR = 13;
export const CH_HASH = 35;
export const CH_SLASH = 47;
export const CH_STAR = 42;
export const CH_BACKSLASH = 92;

export function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36;
}

export function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}

export class Source {
  pos: number;
  /** `//` starts a comment (JS/TS/JSONC); false for Python, where it is floor division. */
  slashComments = true;

  constructor(
    readonly text: string,
    start = 0,
    readonly end = text.length,
  ) {
    this.pos = start;
  }

  code(at = this.pos): number {
    return at < this.end ? this.text.charCodeAt(at) : -1;
  }

  atEnd(): boolean {
    return this.pos >= this.end;
  }

  /** Skips spaces, newlines, `#`, `//` and `/* *\/` comments and backslash continuations. */
  skipTrivia(): void {
    const t = this.text;
    const end = this.end;
    let p = this.pos;
    while (p < end) {
      const c = t.charCodeAt(p);
      if (c === CH_SPACE || c === CH_LF || c === CH_CR || c === CH_TAB || c === 12 || c === 11) {
        p++;
      } else if (c === CH_HASH || (c === CH_SLASH && this.slashComments && t.charCodeAt(p + 1) === CH_SLASH)) {
        while (p < end && t.charCodeAt(p) !== CH_LF) p++;
      } else if (c === CH_SLASH && this.slashComments && t.charCodeAt(p + 1) === CH_STAR) {
        const close = t.indexOf('*/', p + 2);
        if (close < 0 || close + 2 > end) throw new ParseFailure('unterminated comment', { start: p, end: p + 2 });
        p = close + 2;
      } else if (c === CH_BACKSLASH && (t.charCodeAt(p + 1) === CH_LF || t.charCodeAt(p + 1) === CH_CR)) {
        p += 2;
      } else {
        break;
      }
    }
    this.pos = p;
  }

  /** Skips only spaces and tabs (no newline), for lookups that must stay on one line. */
  skipSpaces(): void {
    while (this.pos < this.end) {
      const c = this.text.charCodeAt(this.pos);
      if (c !== CH_SPACE && c !== CH_TAB) break;
      this.pos++;
    }
  }

  /** Consumes `ch` after trivia if present. */
  eat(ch: string): boolean {
    this.skipTrivia();
    if (this.text.startsWith(ch, this.pos) && this.pos + ch.length <= this.end) {
      this.pos += ch.length;
      return true;
    }
    return false;
  }

  expect(ch: string, what?: string): void {
    if (!this.eat(ch)) this.fail(`expected '${ch}'${what ? ' ' + what : ''}, found ${this.describeHere()}`);
  }

  /** Reads a dotted identifier such as `torch.nn.Conv2d` (no trivia inside), or '' if none. */
  dottedName(): string {
    const t = this.text;
    const start = this.pos;
    let p = start;
    for (;;) {
      if (p >= this.end || !isIdentStart(t.charCodeAt(p))) break;
      while (p < this.end && isIdentPart(t.charCodeAt(p))) p++;
      if (t.charCodeAt(p) === 46 && isIdentStart(t.charCodeAt(p + 1))) p++;
      else break;
    }
    this.pos = p;
    return t.slice(start, p);
  }

  /** A short description of the token at the cursor for error messages. */
  describeHere(): string {
    if (this.atEnd()) return 'end of text';
    const m = /^(?:[A-Za-z_$][\w$.]*|'[^'\n]{0,20}'?|"[^"\n]{0,20}"?|[-+]?[\d.][\w.+-]*|\S)/.exec(
      this.text.slice(this.pos, Math.min(this.end, this.pos + 40)),
    );
    return `'${m ? m[0] : this.text[this.pos]}'`;
  }

  tokenEndHere(): number {
    const m = /^(?:[A-Za-z_$][\w$.]*|'[^'\n]*'|"[^"\n]*"|[-+]?[\d.][\w.+-]*|\S)/.exec(
      this.text.slice(this.pos, Math.min(this.end, this.pos + 80)),
    );
    return this.pos + (m ? m[0].length : 1);
  }

  fail(message: string, start = this.pos, end?: number): never {
    const e = end ?? (this.atEnd() ? start : this.tokenEndHere());
    throw new ParseFailure(message, { start, end: Math.max(e, start) });
  }
}

/** 1-based line and column of `offset`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  let p = text.indexOf('\n');
  while (p >= 0 && p < offset) {
    line++;
    lineStart = p + 1;
    p = text.indexOf('\n', lineStart);
  }
  return { line, column: offset - lineStart + 1 };
}

export function toLiteralError(text: string, failure: ParseFailure): LiteralError {
  const start = Math.min(Math.max(failure.range.start, 0), text.length);
  const end = Math.min(Math.max(failure.range.end, start), text.length);
  const { line, column } = lineColumn(text, start);
  return { kind: 'error', message: failure.message, range: { start, end }, line, column };
}

/** Runs `body`; any ParseFailure (or unexpected exception) becomes a LiteralError instead of escaping. */
export function guard<T>(text: string, at: number, body: () => T): T | LiteralError {
  try {
    return body();
  } catch (e) {
    if (e instanceof ParseFailure) return toLiteralError(text, e);
    const message = e instanceof RangeError ? 'input too large to parse' : `internal error: ${String(e)}`;
    return toLiteralError(text, new ParseFailure(message, { start: at, end: at }));
  }
}
