// The statement structure of a Python file's nn.Module classes: classes, methods with parameters, and method bodies as
// statement trees (assignments, returns, if/elif/else) with everything else kept as an "unsupported" marker.
import { errorMessage } from '../error-message';
import type { Expr } from './python-ast';
import { parseExpr } from './python-expr';
import { blockAfter, statements, type Statement } from './python-source';

interface At {
  /** 1-based first and last line, offsets into the file's text. */
  line: number;
  endLine: number;
  start: number;
  end: number;
}

export type Stmt = At &
  (
    | { kind: 'assign'; targets: Expr[]; value: Expr }
    | { kind: 'augassign'; op: string; target: Expr; value: Expr }
    | { kind: 'expr'; value: Expr }
    | { kind: 'return'; value?: Expr }
    | { kind: 'if'; branches: Array<{ test?: Expr; body: Stmt[]; line: number }> }
    | { kind: 'pass' }
    /** A statement we do not follow: `what` names it for messages ("a for-loop", "a while-loop", "unreadable code: …"). */
    | { kind: 'unsupported'; what: string }
  );

export interface Param {
  name: string;
  default?: Expr;
  /** `*args` or `**kwargs`. */
  star?: '*' | '**';
}

export interface MethodDef extends At {
  name: string;
  params: Param[];
  body: Stmt[];
}

export interface ClassDef extends At {
  name: string;
  bases: string[];
  methods: Map<string, MethodDef>;
  /** Text of the comment lines directly above the class and on its header line (for `# input: 1x1x28x28`). */
  comments: string[];
}

const COMPOUND = /^(if|elif|else|for|while|with|try|except|finally|def|class|async)\b/;

/** Every class of the file (module classes are picked later, by their bases). */
export function parseClasses(text: string): ClassDef[] {
  const all = statements(text);
  const lines = text.split('\n');
  const out: ClassDef[] = [];
  all.forEach((s, i) => {
    const m = /^class\s+(\w+)\s*(?:\((.*)\))?\s*:$/.exec(s.text);
    if (!m) return;
    const bases = (m[2] ?? '')
      .split(',')
      .map((b) => b.trim())
      .filter((b) => b && !b.includes('='));
    const body = blockAfter(all, i);
    const methods = new Map<string, MethodDef>();
    const bodyIndent = body[0]?.indent;
    body.forEach((b, k) => {
      if (b.indent !== bodyIndent) return;
      const def = parseDef(text, b);
      if (def) methods.set(def.name, { ...def, body: block(text, blockAfter(all, i + 1 + k)) });
    });
    const last = body[body.length - 1] ?? s;
    out.push({ name: m[1], bases, methods, comments: commentsAround(lines, s.line), ...at(s, last) });
  });
  return out;
}

/** The comments on the header line and the contiguous comment lines just above it. */
export function commentsAround(lines: string[], line: number): string[] {
  const out: string[] = [];
  const own = lines[line - 1] ?? '';
  const hash = own.indexOf('#');
  if (hash >= 0) out.push(own.slice(hash + 1).trim());
  for (let l = line - 2; l >= 0 && /^\s*#/.test(lines[l]); l--) out.push(lines[l].trim().slice(1).trim());
  return out;
}

function at(first: Statement, last: Statement = first): At {
  return { line: first.line, endLine: last.endLine, start: first.start, end: last.end };
}

function parseDef(text: string, s: Statement): Omit<MethodDef, 'body'> | undefined {
  const m = /^(?:async\s+)?def\s+(\w+)\s*\(/.exec(s.text);
  if (!m) return undefined;
  const open = text.indexOf('(', s.start);
  const close = matchingParen(text, open, s.end);
  const params = splitTopLevel(text.slice(open + 1, close)).map((p): Param => {
    const pm = /^(\*{0,2})\s*(\w*)\s*(?::[^=]*)?(?:=([\s\S]*))?$/.exec(p.text.trim());
    if (!pm) return { name: p.text.trim() };
    const param: Param = { name: pm[2] };
    if (pm[1]) param.star = pm[1] as '*' | '**';
    if (pm[3] !== undefined) {
      const eq = p.text.indexOf('=');
      try {
        param.default = parseExpr(text, open + 1 + p.offset + eq + 1, open + 1 + p.offset + p.text.length);
      } catch {
        // A default we cannot read stays unknown; calls that rely on it say so.
      }
    }
    return param;
  });
  return { name: m[1], params: params.filter((p) => p.name !== '' || p.star), ...at(s) };
}

function matchingParen(text: string, open: number, limit: number): number {
  let depth = 0;
  for (let i = open; i < limit; i++) {
    const c = text[i];
    if (c === '"' || c === "'") i = text.indexOf(c, i + 1);
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c) && --depth === 0) return i;
  }
  return limit;
}

/** Comma-separated pieces at bracket depth 0, with their offsets in `src`. */
function splitTopLevel(src: string): Array<{ text: string; offset: number }> {
  const out: Array<{ text: string; offset: number }> = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '"' || c === "'") {
      const j = src.indexOf(c, i + 1);
      i = j < 0 ? src.length : j;
    } else if (c === '#') {
      const j = src.indexOf('\n', i);
      i = j < 0 ? src.length : j;
    } else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      out.push({ text: src.slice(from, i), offset: from });
      from = i + 1;
    }
  }
  if (src.slice(from).trim()) out.push({ text: src.slice(from), offset: from });
  return out;
}

/** The statement tree of one block (statements at the block's own indentation, compound ones with their bodies). */
function block(text: string, stmts: Statement[]): Stmt[] {
  const out: Stmt[] = [];
  const indent = stmts[0]?.indent;
  for (let i = 0; i < stmts.length; i++) {
    const s = stmts[i];
    if (s.indent !== indent) continue;
    const kw = COMPOUND.exec(s.text)?.[1];
    if (!kw) {
      out.push(parseStatement(text, s));
      continue;
    }
    const bodyOf = (k: number): Statement[] => blockAfter(stmts, k);
    const body = bodyOf(i);
    const lastOf = (k: number): Statement => {
      const b = bodyOf(k);
      return b[b.length - 1] ?? stmts[k];
    };
    if (kw === 'if') {
      const branches: Array<{ test?: Expr; body: Stmt[]; line: number }> = [];
      let k = i;
      let bad: string | undefined;
      for (;;) {
        const h = stmts[k];
        const head = /^(if|elif|else)\b/.exec(h.text)![1];
        if (!h.text.endsWith(':')) bad = `"${h.text}" on one line`;
        let test: Expr | undefined;
        if (head !== 'else') {
          try {
            test = parseExpr(text, h.start + head.length, h.end - 1);
          } catch (e) {
            bad = `unreadable condition (${errorMessage(e)})`;
          }
        }
        branches.push({ test, body: block(text, bodyOf(k)), line: h.line });
        const next = k + 1 + bodyOf(k).length;
        if (next < stmts.length && stmts[next].indent === indent && /^(elif|else)\b/.test(stmts[next].text) && head !== 'else') k = next;
        else break;
      }
      const end = lastOf(k);
      out.push(bad ? { kind: 'unsupported', what: `an if-statement (${bad})`, ...at(s, end) } : { kind: 'if', branches, ...at(s, end) });
      i = k + bodyOf(k).length;
      continue;
    }
    const what =
      kw === 'for'
        ? 'a for-loop'
        : kw === 'while'
          ? 'a while-loop'
          : kw === 'with'
            ? 'a with-block'
            : kw === 'def'
              ? 'a nested function'
              : `a ${kw}-block`;
    out.push({ kind: 'unsupported', what, ...at(s, lastOf(i)) });
    i += body.length;
  }
  return out;
}

const AUG = /^(\*\*|\/\/|[-+*/%@])$/;

/** One simple (non-compound) statement: assignment, augmented assignment, return, expression, pass. */
export function parseStatement(text: string, s: Statement): Stmt {
  const where = at(s);
  if (s.text === 'pass' || s.text === '...') return { kind: 'pass', ...where };
  if (/^(?:import|from|global|nonlocal|assert|raise|del)\b/.test(s.text)) return { kind: 'pass', ...where };
  try {
    if (/^return\b/.test(s.text)) {
      const rest = s.start + 'return'.length;
      return text.slice(rest, s.end).trim()
        ? { kind: 'return', value: parseExpr(text, rest, s.end), ...where }
        : { kind: 'return', ...where };
    }
    const eqs = topLevelEquals(text, s.start, s.end);
    if (eqs.length === 0) return { kind: 'expr', value: parseExpr(text, s.start, s.end), ...where };
    const first = eqs[0];
    const before = text.slice(first - 2, first);
    const op = before === '//' || before === '**' ? before : AUG.exec(before.slice(1))?.[1];
    if (op && eqs.length === 1) {
      const opStart = first - op.length;
      return { kind: 'augassign', op, target: parseExpr(text, s.start, opStart), value: parseExpr(text, first + 1, s.end), ...where };
    }
    const bounds = [s.start, ...eqs.map((e) => e + 1)];
    const targets = eqs.map((e, k) => {
      const colon = text.slice(bounds[k], e).indexOf(':');
      return parseExpr(text, bounds[k], colon >= 0 && k === 0 ? bounds[k] + colon : e);
    });
    return { kind: 'assign', targets, value: parseExpr(text, eqs[eqs.length - 1] + 1, s.end), ...where };
  } catch (e) {
    return { kind: 'unsupported', what: `code we cannot read (${errorMessage(e)})`, ...where };
  }
}

/** Offsets of `=` signs at bracket depth 0 that are assignments (not ==, <=, >=, != or a keyword argument). */
function topLevelEquals(text: string, start: number, end: number): number[] {
  const out: number[] = [];
  let depth = 0;
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const j = text.indexOf(c, i + 1);
      i = j < 0 || j > end ? end : j;
    } else if (c === '#') {
      const j = text.indexOf('\n', i);
      i = j < 0 ? end : j;
    } else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === '=' && depth === 0 && text[i + 1] !== '=' && !'=<>!'.includes(text[i - 1])) out.push(i);
    else if (c === '=' && text[i + 1] === '=') i++;
  }
  return out;
}
