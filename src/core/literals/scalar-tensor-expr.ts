// Constant arithmetic with the tensor on the right (`1 / 16 * torch.tensor(…)`, `-np.array(…)`, `10 - t * 2`), Python precedence.
import { pyArith, scanConstFactor } from './const-expr';
import { scanScalar, type Scalar } from './numbers';
import { ParseFailure, type Source } from './source';
import { applyScalar, negate } from './tensor-arith';
import type { TensorValue } from './method-chain';

/** A tensor operand (a constructor call with its method chain), as tensor-expression.ts parses it. */
export interface TensorPrimary {
  value: TensorValue;
  library: 'torch' | 'numpy' | 'tf';
  syntax: string;
}

type Operand = { scalar: Scalar } | { tensor: TensorPrimary };

/**
 * Parses `expr` over constants and exactly one tensor operand, starting at the cursor: `+ -` over `* / // %` over
 * unary `- +` over `**` (right-associative, binding tighter than a unary minus on its left), as Python does. Returns
 * null (cursor unchanged) when the expression holds no tensor, two tensors, or anything but constants and operators.
 */
export function parseScalarTensorExpr(src: Source, primary: (src: Source) => TensorPrimary | null): TensorPrimary | null {
  const start = src.pos;
  const parser = new Parser(src, primary);
  let result: Operand | null;
  try {
    result = parser.expr();
  } catch (e) {
    if (e instanceof NotOurs) result = null;
    else throw e;
  }
  if (!result || !('tensor' in result)) {
    src.pos = start;
    return null;
  }
  return result.tensor;
}

/** Thrown inside the parser when the text is no such expression (not an error of a literal). */
class NotOurs extends Error {}

class Parser {
  constructor(
    private readonly src: Source,
    private readonly primaryAt: (src: Source) => TensorPrimary | null,
  ) {}

  expr(): Operand {
    let left = this.term();
    for (;;) {
      const op = this.peek(['+', '-']);
      if (!op) return left;
      const at = this.src.pos;
      this.src.pos += op.length;
      left = this.combine(op, left, this.term(), at);
    }
  }

  private term(): Operand {
    let left = this.unary();
    for (;;) {
      const op = this.peek(['//', '*', '/', '%']);
      if (!op) return left;
      const at = this.src.pos;
      this.src.pos += op.length;
      left = this.combine(op, left, this.unary(), at);
    }
  }

  private unary(): Operand {
    const op = this.peek(['-', '+']);
    if (!op) return this.power();
    const at = this.src.pos;
    this.src.pos++;
    const v = this.unary();
    if (op === '+') return v;
    if ('scalar' in v) return { scalar: { ...v.scalar, value: -v.scalar.value, kind: v.scalar.kind === 'bool' ? 'int' : v.scalar.kind } };
    negate(v.tensor.value, { start: at, end: this.src.pos });
    return v;
  }

  private power(): Operand {
    const base = this.primary();
    if (!this.peek(['**'])) return base;
    const at = this.src.pos;
    this.src.pos += 2;
    return this.combine('**', base, this.unary(), at);
  }

  private primary(): Operand {
    this.src.skipTrivia();
    if (this.src.code() === 40) {
      this.src.pos++;
      const inner = this.expr();
      this.src.skipTrivia();
      if (this.src.code() !== 41) throw new NotOurs();
      this.src.pos++;
      return inner;
    }
    const tensor = this.primaryAt(this.src);
    if (tensor) return { tensor };
    // A constant operand: a named constant or call (`math.pi`, `math.sqrt(2)`), else a plain number.
    const named = /[A-Za-z_]/.test(String.fromCharCode(this.src.code())) ? scanConstFactor(this.src) : null;
    const scalar = named ?? scanScalar(this.src);
    if (!scalar) throw new NotOurs();
    return { scalar };
  }

  /** The operator at the cursor (after trivia) among `ops` (longest first), not followed by `=` (an augmented assignment). */
  private peek(ops: string[]): string | null {
    this.src.skipTrivia();
    const t = this.src.text;
    const p = this.src.pos;
    for (const op of ops) {
      if (!t.startsWith(op, p)) continue;
      const next = t[p + op.length];
      if (next === '=' || (op === '*' && next === '*') || (op === '/' && next === '/')) continue;
      return op;
    }
    return null;
  }

  private combine(op: string, a: Operand, b: Operand, at: number): Operand {
    const range = { start: at, end: this.src.pos };
    if ('tensor' in a && 'tensor' in b) throw new NotOurs(); // tensor OP tensor: not constant arithmetic
    if ('tensor' in a) return (applyScalar(a.tensor.value, op, (b as { scalar: Scalar }).scalar, range, a.tensor.library, 'right'), a);
    if ('tensor' in b) return (applyScalar(b.tensor.value, op, a.scalar, range, b.tensor.library, 'left'), b);
    try {
      return { scalar: pyArith(op, a.scalar, b.scalar, at) };
    } catch (e) {
      if (e instanceof ParseFailure) throw e;
      throw new NotOurs();
    }
  }
}
