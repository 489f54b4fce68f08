// The expression tree the Python expression parser builds (nodes with source offsets), and helpers that read it.

/** Half-open offsets [start, end) into the text that was parsed. */
export interface Span {
  start: number;
  end: number;
}

export type Expr = Span &
  (
    | { kind: 'num'; value: number; isInt?: boolean }
    | { kind: 'str'; value: string }
    | { kind: 'name'; id: string }
    | { kind: 'attr'; target: Expr; attr: string }
    | { kind: 'call'; fn: Expr; args: Expr[]; kwargs: Record<string, Expr> }
    | { kind: 'tuple'; items: Expr[]; list?: boolean }
    | { kind: 'binop'; op: string; left: Expr; right: Expr }
    | { kind: 'compare'; op: string; left: Expr; right: Expr }
    | { kind: 'bool'; op: 'and' | 'or'; left: Expr; right: Expr }
    | { kind: 'not'; operand: Expr }
    | { kind: 'neg'; operand: Expr }
    | { kind: 'ternary'; test: Expr; then: Expr; orElse: Expr }
    | { kind: 'index'; target: Expr; index: Expr }
    | { kind: 'slice'; lo?: Expr; hi?: Expr; step?: Expr }
    | { kind: 'starred'; value: Expr }
  );

/** An Expr without its offsets (distributed over the union, so each kind keeps its own fields). */
export type ExprBody = Expr extends infer E ? (E extends Span ? Omit<E, 'start' | 'end'> : never) : never;

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
