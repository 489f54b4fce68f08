// Finding literals in documents: every literal with its name, the literal under a cursor, and selections.
import { dataConstructor, shapeConstructor } from './constructors';
import { isLayerName, parseLayerAt } from './layers';
import { DEFAULT_MAX_ELEMENTS } from './nested';
import { Source, guard, isIdentPart, isIdentStart } from './source';
import { resolveLang, scanBrackets, type BracketNode, type Lang } from './structure';
import { parseTensorAt, type ParseContext } from './tensor-expression';
import type { Literal, LiteralError, ParseOptions } from './types';

export interface Located {
  result: Literal | LiteralError;
  /** An explicit constructor or layer call (errors there matter); false for a bare list. */
  explicit: boolean;
}

export function contextFor(text: string, opts: ParseOptions | undefined): { ctx: ParseContext; lang: Lang } {
  const lang = resolveLang(opts?.language, text);
  return { lang, ctx: { maxElements: opts?.maxElements ?? DEFAULT_MAX_ELEMENTS, dialect: lang } };
}

/** Parses whatever literal starts at `start`; null if none does. Never throws. */
export function parseAt(text: string, start: number, ctx: ParseContext, end = text.length): Literal | LiteralError | null {
  const src = new Source(text, start, end);
  src.slashComments = ctx.dialect !== 'python';
  return guard(text, start, () => parseLayerAt(src) ?? parseTensorAt(src, ctx));
}

/** Where a literal rooted at this node would start, or -1 if the node is not a literal candidate. */
export function candidateStart(nodes: BracketNode[], i: number, lang: Lang): { start: number; explicit: boolean } | undefined {
  const node = nodes[i];
  if (node.char === 40 && node.callee) {
    const name = node.callee;
    if (isLayerName(name) || dataConstructor(name) || shapeConstructor(name)) return { start: node.calleeStart, explicit: true };
    return undefined;
  }
  if (node.char === 91 && !node.subscript) return { start: node.open, explicit: false };
  if (node.char === 123) return { start: node.open, explicit: false };
  if (node.char === 40 && lang === 'python' && nodes[i].parent >= 0 && isListLike(nodes[nodes[i].parent])) {
    return { start: node.open, explicit: false };
  }
  return undefined;
}

function isListLike(n: BracketNode): boolean {
  return (n.char === 91 && !n.subscript) || (n.char === 40 && !n.callee);
}

/** The assigned name (`x = `, `self.conv1 = `, `const x: T = `, `"key": `) if the literal is the whole value. */
export function nameOf(text: string, lit: { range: { start: number; end: number } }): string | undefined {
  let q = lit.range.end;
  while (q < text.length && (text.charCodeAt(q) === 32 || text.charCodeAt(q) === 9)) q++;
  const after = q < text.length ? text[q] : '\n';
  if (!'\r\n;,)}]#/'.includes(after)) return undefined;
  let p = lit.range.start - 1;
  while (p >= 0 && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p--;
  const c = text[p];
  if (c === '=') {
    if ('=!<>+-*/%&|^:~@'.includes(text[p - 1] ?? '')) return undefined;
    const lineStart = text.lastIndexOf('\n', p) + 1;
    const m = /([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\s*(?::[^=()]+)?$/.exec(text.slice(Math.max(lineStart, p - 200), p));
    return m && !/^(?:const|let|var)$/.test(m[1]) ? m[1] : undefined;
  }
  if (c === ':') {
    let e = p - 1;
    while (e >= 0 && (text.charCodeAt(e) === 32 || text.charCodeAt(e) === 9)) e--;
    const q2 = text[e];
    if (q2 === '"' || q2 === "'") {
      const s = text.lastIndexOf(q2, e - 1);
      return s >= 0 && !text.slice(s, e).includes('\n') ? text.slice(s + 1, e) : undefined;
    }
    let s = e;
    while (s >= 0 && isIdentPart(text.charCodeAt(s))) s--;
    const key = text.slice(s + 1, e + 1);
    return key && !/^(?:lambda|else|try|finally|default|case)$/.test(key) ? key : undefined;
  }
  return undefined;
}

function withName(text: string, result: Literal | LiteralError): Literal | LiteralError {
  if (result.kind !== 'error') {
    const name = nameOf(text, result);
    if (name) result.name = name;
  }
  return result;
}

/** Every literal in document order. Bare lists that are not numeric are skipped; errors only if asked. */
export function scanDocument(text: string, opts: ParseOptions & { includeErrors?: boolean } = {}): Array<Literal | LiteralError> {
  const { ctx, lang } = contextFor(text, opts);
  const nodes = scanBrackets(text, lang);
  const out: Array<Literal | LiteralError> = [];
  let consumedUntil = -1;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    if (node.open < consumedUntil) continue;
    const cand = candidateStart(nodes, i, lang);
    if (!cand || cand.start < consumedUntil) continue;
    if (!cand.explicit && insideLayerCall(nodes, i)) continue;
    const result = parseAt(text, cand.start, ctx);
    if (!result) continue;
    const nodeEnd = node.close < 0 ? text.length : node.close + 1;
    if (result.kind === 'error') {
      if (cand.explicit || !isNonNumeric(result)) {
        if (opts.includeErrors) out.push(result);
        consumedUntil = nodeEnd;
      } else if (node.char !== 123) consumedUntil = nodeEnd;
      continue;
    }
    out.push(withName(text, cand.explicit ? withLeftOperands(text, result, ctx) : result));
    // Layer calls may contain literals (F.conv2d(torch.tensor(...), ...)); tensors swallow their rows.
    if (result.kind === 'tensor') consumedUntil = result.range.end;
  }
  return out;
}

/**
 * `2 * torch.ones(3)`, `1 / 16 * torch.tensor(…)`, `-np.array(…)`: a constructor with constant arithmetic on its left
 * stands for the whole expression (else its hover would show the values before the arithmetic). The expression starts
 * after the `=`, `(`, `,`, `[` or `:` before it on the line; anything but constants there leaves the literal as it is.
 */
function withLeftOperands(text: string, lit: Literal, ctx: ParseContext): Literal {
  if (lit.kind !== 'tensor' || ctx.dialect === 'json') return lit;
  let p = lit.range.start - 1;
  while (p >= 0 && (text[p] === ' ' || text[p] === '\t')) p--;
  if (p < 0 || !'+-*/%('.includes(text[p])) return lit;
  let q = p;
  for (let depth = 0; q >= 0; q--) {
    const ch = text[q];
    if (ch === '\n' || ch === '\r') break;
    if (ch === ')') depth++;
    else if (ch === '(' && depth-- === 0) break;
    else if (depth <= 0 && '=,[:'.includes(ch)) break;
  }
  let s = q + 1;
  while (s < lit.range.start && (text[s] === ' ' || text[s] === '\t')) s++;
  if (s >= lit.range.start) return lit;
  const whole = parseAt(text, s, ctx);
  return whole?.kind === 'tensor' && whole.range.start <= lit.range.start && whole.range.end >= lit.range.end ? whole : lit;
}

/** A bare list whose first problem is a non-number (`[a, b]`, `["x"]`) is not meant as a tensor. */
function isNonNumeric(err: LiteralError): boolean {
  return /^expected a number, found '(?!\d)/.test(err.message) || err.message.startsWith('expected a number, found a list');
}

function insideLayerCall(nodes: BracketNode[], i: number): boolean {
  let p = nodes[i].parent;
  while (p >= 0 && isListLike(nodes[p])) p = nodes[p].parent;
  return p >= 0 && nodes[p].char === 40 && isLayerName(nodes[p].callee);
}

/** The innermost complete literal or layer call around `offset`, or undefined. */
export function findAt(text: string, offset: number, opts: ParseOptions = {}): Literal | LiteralError | undefined {
  const { ctx, lang } = contextFor(text, opts);
  const nodes = scanBrackets(text, lang, statementStart(text, offset, lang), offset);
  const byClose = new Map<number, number>();
  const enclosing: number[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    if (n.close >= 0) byClose.set(n.close, i);
    const end = n.close < 0 ? text.length : n.close;
    if (n.calleeStart <= offset && offset <= end) enclosing.push(i);
  }
  // A cursor on the assigned name: `image_tensor = torch.tensor(...)`.
  const assigned = assignedLiteralStart(text, offset);
  const tried = new Set<number>();
  let firstError: LiteralError | undefined;
  const attempt = (start: number, explicit: boolean): Literal | undefined => {
    if (tried.has(start)) return undefined;
    tried.add(start);
    const r = parseAt(text, start, ctx);
    if (!r) return undefined;
    if (r.kind === 'error') {
      if ((explicit || !isNonNumeric(r)) && !firstError) firstError = r;
      return undefined;
    }
    const lit = withName(text, explicit ? withLeftOperands(text, r, ctx) : r) as Literal;
    return lit.range.start <= offset && offset <= lit.range.end ? lit : assigned === start ? lit : undefined;
  };
  if (assigned >= 0) {
    const lit = attempt(assigned, false);
    if (lit) return lit;
  }
  const visited = new Set<number>();
  for (let k = enclosing.length - 1; k >= 0; k--) {
    let i = enclosing[k];
    // Deeply nested rows all climb to the same outer literal: each node is climbed through once (no O(depth²)).
    if (visited.has(i)) continue;
    visited.add(i);
    // `.view(...)`/`.reshape(...)`: the literal is the receiver before the dot.
    while (nodes[i].callee.startsWith('.')) {
      let p = nodes[i].calleeStart - 1;
      while (p >= 0 && /\s/.test(text[p])) p--;
      const recv = byClose.get(p);
      if (recv === undefined) break;
      i = recv;
    }
    // Climb through enclosing rows to the outermost list, and into its constructor call.
    while (nodes[i].parent >= 0 && isListLike(nodes[i]) && !nodes[i].callee) {
      const parent = nodes[nodes[i].parent];
      if (isListLike(parent) || (parent.char === 40 && dataConstructor(parent.callee))) {
        i = nodes[i].parent;
        if (visited.has(i)) break;
        visited.add(i);
      } else break;
    }
    // The "shape" or "data" list of a {"shape": [...], "data": [...]} object: the tensor is the whole object.
    const owner = nodes[i].parent >= 0 ? nodes[nodes[i].parent] : undefined;
    if (owner?.char === 123 && isListLike(nodes[i])) {
      const whole = attempt(owner.open, false);
      if (whole) return whole;
    }
    const cand = candidateStart(nodes, i, lang);
    if (!cand) continue;
    const lit = attempt(cand.start, cand.explicit);
    if (lit) return lit;
    if (firstError && cand.explicit) return firstError;
  }
  return firstError;
}

/** If `offset` is on `name` in `name = <literal>`, the start of the literal; else -1. */
function assignedLiteralStart(text: string, offset: number): number {
  let s = offset;
  while (s > 0 && (isIdentPart(text.charCodeAt(s - 1)) || text[s - 1] === '.')) s--;
  let e = offset;
  while (e < text.length && isIdentPart(text.charCodeAt(e))) e++;
  if (e === s) return -1;
  let p = e;
  while (p < text.length && /[ \t]/.test(text[p])) p++;
  if (text[p] === ':' && text[p + 1] !== '=') {
    const eq = text.indexOf('=', p);
    const nl = text.indexOf('\n', p);
    if (eq < 0 || (nl >= 0 && nl < eq)) return -1;
    p = eq;
  }
  if (text[p] !== '=' || text[p + 1] === '=') return -1;
  p++;
  while (p < text.length && /[ \t]/.test(text[p])) p++;
  return p;
}

/**
 * A cheap place to start scanning for the literal around `offset`: the last line before it that begins a top-level
 * statement (an identifier in column 0). Falls back to 0 if that point could be inside a string or block comment.
 */
export function statementStart(text: string, offset: number, lang: Lang): number {
  if (lang === 'json') return 0;
  let p = text.lastIndexOf('\n', Math.max(offset - 1, 0));
  while (p >= 0) {
    const c = text.charCodeAt(p + 1);
    if (p + 1 <= offset && (isIdentStart(c) || c === 64) && !text.startsWith('else', p + 1) && !text.startsWith('elif', p + 1)) break;
    p = text.lastIndexOf('\n', p - 1);
  }
  const start = p < 0 ? 0 : p + 1;
  if (start === 0) return 0;
  const head = text.slice(0, start);
  if (lang === 'python') {
    if (count(head, '"""') % 2 === 1 || count(head, "'''") % 2 === 1) return 0;
  } else if (count(head, '`') % 2 === 1 || head.lastIndexOf('/*') > head.lastIndexOf('*/')) return 0;
  return start;
}

function count(text: string, needle: string): number {
  let n = 0;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}
