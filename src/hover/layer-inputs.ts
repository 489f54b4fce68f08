// What feeds a layer: the call sites of `conv(...)`/`self.conv1(...)` and the shape of their argument, traced through the file.
import { errorMessage } from '../core/error-message';
import type { Literal, TensorLiteral } from '../core/literals/types';
import { flattenShape, squeezeShape, unsqueezeShape, viewShape } from '../core/literals/shape-ops';

/** A document's text and its literals, in order (positions are offsets into `text`). */
export interface DocModel {
  text: string;
  literals: Literal[];
  /** Where an offset is, for people: "line 12" by default; notebooks say "cell 3, line 2". */
  where?: (offset: number) => string;
}

function whereIs(model: DocModel, offset: number): string {
  return model.where ? model.where(offset) : `line ${lineOf(model.text, offset)}`;
}

export interface TracedShape {
  shape: number[];
  /** How it was found, e.g. "image_tensor.view(1, 1, 5, 5), line 12". */
  via: string;
}

export type ShapeTrace = TracedShape | { error: string; via: string } | undefined;

const SAME_SHAPE = new Set(['float', 'double', 'half', 'to', 'clone', 'detach', 'contiguous', 'cpu', 'cuda', 'requires_grad_', 'type']);
const IDENT_CHAIN = /^([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*?)((?:\s*\.\s*[A-Za-z_]\w*\s*\([^()]*\))*)\s*$/;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function lineOf(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Text of the argument list of a call whose '(' is at `open` (balanced brackets), or undefined if unclosed. */
export function callArguments(text: string, open: number): string | undefined {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return text.slice(open + 1, i);
    }
  }
  return undefined;
}

/** The first call `name(arg)` after `from` whose argument is one expression; its argument and position. */
export function firstCall(text: string, name: string, from: number): { arg: string; at: number } | undefined {
  const re = new RegExp(`(?<![\\w$.])${escapeRegExp(name)}\\s*\\(`, 'g');
  re.lastIndex = from;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const arg = callArguments(text, m.index + m[0].length - 1);
    if (arg !== undefined && arg.trim() && !/^\s*\w+\s*=/.test(arg)) return { arg: arg.trim(), at: m.index };
  }
  return undefined;
}

function intArgs(args: string): number[] | undefined {
  const inner = args.trim().replace(/^[([]\s*(.*?)\s*,?\s*[)\]]$/s, '$1');
  if (!inner) return [];
  const parts = inner.split(',').map((p) => p.trim());
  if (parts.at(-1) === '') parts.pop();
  return parts.every((p) => /^-?\d+$/.test(p)) ? parts.map(Number) : undefined;
}

/** Applies `.view(...)`, `.reshape(...)`, `.unsqueeze(d)`, `.squeeze()`, `.flatten()` and no-op casts to a shape. */
function applyChain(shape: number[] | undefined, chain: string): number[] | { error: string } | undefined {
  const calls = [...chain.matchAll(/\.\s*([A-Za-z_]\w*)\s*\(([^()]*)\)/g)];
  let s = shape;
  for (const [, method, args] of calls) {
    if (SAME_SHAPE.has(method)) continue;
    const ints = intArgs(args);
    if (!ints) return undefined;
    if (method === 'view' || method === 'reshape') {
      // An unknown receiver still has a known shape when every dimension is given.
      if (!s) {
        if (ints.some((d) => d < 0)) return undefined;
        s = ints;
        continue;
      }
      try {
        s = viewShape(
          s.reduce((a, b) => a * b, 1),
          ints,
        );
      } catch (e) {
        return { error: `RuntimeError: ${errorMessage(e)}` };
      }
      continue;
    }
    if (!s) return undefined;
    try {
      if (method === 'unsqueeze' && ints.length === 1) s = unsqueezeShape(s, ints[0]);
      else if (method === 'squeeze' && ints.length <= 1) s = squeezeShape(s, ints[0]);
      else if (method === 'flatten' && ints.length <= 2) s = flattenShape(s, ints[0] ?? 0, ints[1] ?? -1);
      else return undefined;
    } catch (e) {
      return { error: `${errorMessage(e)}` };
    }
  }
  return s;
}

function tensorNamed(model: DocModel, name: string, before: number): TensorLiteral | undefined {
  let best: TensorLiteral | undefined;
  for (const l of model.literals) if (l.kind === 'tensor' && l.name === name && l.range.start < before) best = l;
  return best;
}

/** The latest `name = <expr>` (one line) before `before`, if it comes after any literal of that name. */
function lastAssignment(model: DocModel, name: string, before: number): { rhs: string; at: number } | undefined {
  const re = new RegExp(`^[ \\t]*${escapeRegExp(name)}[ \\t]*(?::[^=\\n]+)?=(?!=)[ \\t]*(.+)$`, 'gm');
  let found: { rhs: string; at: number } | undefined;
  for (let m = re.exec(model.text); m && m.index < before; m = re.exec(model.text))
    found = { rhs: m[1].replace(/\s+#.*$/, ''), at: m.index };
  return found;
}

/** The shape an expression such as `image_tensor.view(1, 1, 5, 5)` has at `at`, traced through literals and assignments. */
export function traceShape(model: DocModel, expr: string, at: number, depth = 0): ShapeTrace {
  const m = IDENT_CHAIN.exec(expr.trim());
  if (!m || depth > 4) return undefined;
  const [, base, chain] = m;
  const lit = tensorNamed(model, base, at);
  const assign = lastAssignment(model, base, at);
  let baseShape: number[] | undefined;
  let via = expr.trim();
  if (lit && (!assign || assign.at <= lit.range.start)) {
    baseShape = lit.shape;
    via += ` (${whereIs(model, lit.range.start)})`;
  } else if (assign) {
    const inner = traceShape(model, assign.rhs, assign.at, depth + 1);
    if (inner && 'error' in inner) return inner;
    baseShape = inner?.shape;
    via += ` (${whereIs(model, assign.at)}: ${base} = ${assign.rhs.trim()})`;
  }
  const shape = applyChain(baseShape, chain);
  if (!shape) return undefined;
  if ('error' in shape) return { error: shape.error, via };
  return { shape, via };
}
