// One cheap pass over a document: every bracket pair with the call name before it, skipping strings and comments.
import { isIdentPart, isIdentStart } from './source';
import type { LiteralLanguage } from './types';

export type Lang = 'python' | 'js' | 'json';

export interface BracketNode {
  open: number;
  /** Index of the closing bracket, or -1 if it is never closed. */
  close: number;
  /** '(' | '[' | '{' as a char code. */
  char: number;
  /** Dotted name right before a '(' (`torch.tensor`, `nn.Conv2d`, `.view` for a method); '' if none. */
  callee: string;
  calleeStart: number;
  /** `x[0]`: an index, not a list. */
  subscript: boolean;
  /** Index of the enclosing node, or -1. */
  parent: number;
}

const KEYWORDS = new Set([
  'in',
  'return',
  'yield',
  'else',
  'and',
  'or',
  'not',
  'is',
  'await',
  'lambda',
  'if',
  'elif',
  'while',
  'assert',
  'print',
  'case',
  'of',
  'typeof',
  'void',
  'new',
  'throw',
  'export',
  'default',
  'from',
  'import',
  'del',
  'with',
  'as',
]);

/** Picks the dialect: an explicit language, or a guess from the first part of the text. */
export function resolveLang(language: LiteralLanguage | string | undefined, text: string): Lang {
  if (language === 'python') return 'python';
  if (language && /^(?:java|type)script(?:react)?$/.test(language)) return 'js';
  if (language === 'json' || language === 'jsonc' || language === 'jsonl') return 'json';
  const head = text.length > 20000 ? text.slice(0, 20000) : text;
  if (/^\s*(?:import|from)\s+[\w.]+|^\s*(?:def|class)\s+\w|\b(?:torch|np|numpy|nn|F)\.\w|\b(?:True|False|None)\b|(?:^|\s)#/m.test(head))
    return 'python';
  if (/\b(?:const|let|var|function|export)\s|=>|\bnew\s+\w|\btf\.\w|\/\/|;\s*$/m.test(head)) return 'js';
  return /^\s*[[{]/.test(head) ? 'json' : 'python';
}

// Character classes for the scan loop: 0 = nothing to do, 1 = opener, 2 = closer, 3 = quote, 4 = '#', 5 = '/'.
const CLASS = new Uint8Array(128);
for (const ch of '([{') CLASS[ch.charCodeAt(0)] = 1;
for (const ch of ')]}') CLASS[ch.charCodeAt(0)] = 2;
for (const ch of '"\'`') CLASS[ch.charCodeAt(0)] = 3;
CLASS[35] = 4;
CLASS[47] = 5;

/** Scans `text` once; O(n). String prefixes (r"", f'') need no care: the quote alone starts the string. */
export function scanBrackets(text: string, lang: Lang, from = 0, stopAfter = Infinity): BracketNode[] {
  const nodes: BracketNode[] = [];
  const stack: number[] = [];
  const n = text.length;
  let p = from;
  while (p < n) {
    const c = text.charCodeAt(p);
    const k = c < 128 ? CLASS[c] : 0;
    if (k === 0) {
      p++;
      continue;
    }
    if (k === 1) {
      const node: BracketNode = {
        open: p,
        close: -1,
        char: c,
        callee: '',
        calleeStart: p,
        subscript: false,
        parent: stack.length ? stack[stack.length - 1] : -1,
      };
      describeOpen(text, node);
      stack.push(nodes.length);
      nodes.push(node);
      p++;
    } else if (k === 2) {
      const want = c === 41 ? 40 : c === 93 ? 91 : 123;
      // Recover from stray closers: close the nearest matching opener, abandoning unclosed ones above it.
      for (let i = stack.length - 1; i >= 0; i--) {
        if (nodes[stack[i]].char === want) {
          nodes[stack[i]].close = p;
          stack.length = i;
          break;
        }
      }
      p++;
      if (stack.length === 0 && p > stopAfter) break;
    } else if (k === 3) {
      p = c === 96 && lang !== 'js' ? p + 1 : skipString(text, p, lang);
    } else if (k === 4) {
      p = lang === 'python' ? lineEnd(text, p) : p + 1;
    } else if (lang !== 'python' && text.charCodeAt(p + 1) === 47) {
      p = lineEnd(text, p);
    } else if (lang !== 'python' && text.charCodeAt(p + 1) === 42) {
      const close = text.indexOf('*/', p + 2);
      p = close < 0 ? n : close + 2;
    } else p++;
  }
  return nodes;
}

function lineEnd(text: string, p: number): number {
  const e = text.indexOf('\n', p);
  return e < 0 ? text.length : e;
}

function skipString(text: string, p: number, lang: Lang): number {
  const q = text.charCodeAt(p);
  const n = text.length;
  const triple = lang === 'python' && text.charCodeAt(p + 1) === q && text.charCodeAt(p + 2) === q;
  if (triple) {
    const quote = text.slice(p, p + 3);
    let i = p + 3;
    for (;;) {
      const e = text.indexOf(quote, i);
      if (e < 0) return n;
      let bs = 0;
      for (let k = e - 1; k >= p + 3 && text.charCodeAt(k) === 92; k--) bs++;
      if (bs % 2 === 0) return e + 3;
      i = e + 1;
    }
  }
  let i = p + 1;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 92) i += 2;
    else if (c === q) return i + 1;
    else if (c === 10 && q !== 96)
      return i; // unterminated on this line: stop, don't swallow the file
    else i++;
  }
  return n;
}

function describeOpen(text: string, node: BracketNode): void {
  let p = node.open - 1;
  while (p >= 0 && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p--;
  const end = p + 1;
  while (p >= 0 && (isIdentPart(text.charCodeAt(p)) || text.charCodeAt(p) === 46)) p--;
  const word = text.slice(p + 1, end);
  const prev = end > 0 ? text.charCodeAt(end - 1) : -1;
  if (node.char === 40) {
    if (word && (isIdentStart(word.charCodeAt(0)) || word.charCodeAt(0) === 46) && !KEYWORDS.has(word)) {
      node.callee = word;
      node.calleeStart = p + 1;
      // `new Float32Array(`: include `new` in the call.
      let q = p;
      while (q >= 0 && (text.charCodeAt(q) === 32 || text.charCodeAt(q) === 9)) q--;
      if (q >= 2 && text.slice(q - 2, q + 1) === 'new' && (q < 3 || !isIdentPart(text.charCodeAt(q - 3)))) node.calleeStart = q - 2;
    }
  } else if (node.char === 91) {
    node.subscript = (word !== '' && !KEYWORDS.has(word) && isIdentPart(prev)) || prev === 41 || prev === 93;
  }
}
