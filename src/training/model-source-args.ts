// ModelSourceError, and reading a layer call's constant arguments (ints, pairs, flags, padding) with messages naming the line.
import { samePads } from '../core/engine/geometry-conv-args';
import { constValue, type Expr } from '../core/pymodel/python-ast';
import { parseExpr } from '../core/pymodel/python-expr';
import type { Statement } from '../core/pymodel/python-source';

export class ModelSourceError extends Error {
  constructor(
    message: string,
    /** 1-based line the problem is on (0 when it is about the whole file). */
    readonly line: number,
  ) {
    super(line > 0 ? `line ${line}: ${message}` : message);
  }
}

/** Parses one expression of statement `s`; a syntax error becomes a ModelSourceError naming its line. */
export function parseStatementExpr(src: string, s: Statement): Expr {
  try {
    return parseExpr(src);
  } catch (e) {
    throw new ModelSourceError(`cannot read "${src}": ${(e as Error).message}`, s.line);
  }
}

/** Binds a call's constant arguments to parameter names, with messages that name the layer and line. */
export class LayerArgs {
  constructor(
    private readonly call: Extract<Expr, { kind: 'call' }>,
    private readonly type: string,
    private readonly s: Statement,
  ) {}

  private fail(msg: string): never {
    throw new ModelSourceError(`nn.${this.type}: ${msg}`, this.s.line);
  }

  bind(names: string[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (this.call.args.length > names.length) this.fail(`takes at most ${names.length} positional arguments`);
    const put = (key: string, e: Expr) => {
      const v = constValue(e);
      if (v === undefined) this.fail(`argument ${key} must be a constant (numbers, tuples, True/False or a string)`);
      out[key] = v;
    };
    this.call.args.forEach((e, i) => put(names[i], e));
    for (const [k, e] of Object.entries(this.call.kwargs)) {
      if (!names.includes(k)) this.fail(`argument ${k} is not supported`);
      put(k, e);
    }
    return out;
  }

  int(v: unknown, what: string): number {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
      this.fail(`${what} must be a non-negative whole number${v === undefined ? ' (missing)' : ''}`);
    return v;
  }

  pair(v: unknown, what: string): [number, number] {
    if (Array.isArray(v) && v.length === 2) return [this.int(v[0], what), this.int(v[1], what)];
    const n = this.int(v, what);
    return [n, n];
  }

  bool(v: unknown, what: string): boolean {
    if (typeof v !== 'boolean') this.fail(`${what} must be True or False`);
    return v;
  }

  oneOf<T extends string>(v: unknown, options: T[], what: string): T {
    if (!options.includes(v as T)) this.fail(`${what} must be one of ${options.map((o) => `'${o}'`).join(', ')}`);
    return v as T;
  }

  padding(v: unknown, k: [number, number], d: [number, number]): [number, number] {
    if (v === 'valid') return [0, 0];
    if (v === 'same') {
      const p = samePads([0, 0, k[0], k[1]], d);
      if (p.top !== p.bottom || p.left !== p.right)
        this.fail("padding='same' with an even kernel pads unevenly, which is not supported; give the padding as numbers");
      return [p.top, p.left];
    }
    return this.pair(v, 'padding');
  }
}
