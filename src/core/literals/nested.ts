// Nested lists/tuples of scalars → shape + flat values, with ragged-row, nesting and element-limit errors.
import { scanConstExpr } from './const-expr';
import { ParseFailure, Source } from './source';

export const MAX_NESTING = 8;
export const DEFAULT_MAX_ELEMENTS = 16 * 1024 * 1024;

export interface NestedValues {
  shape: number[];
  values: Float64Array;
  count: number;
  sawFloat: boolean;
  sawInt: boolean;
  sawBool: boolean;
  start: number;
  end: number;
}

const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const OPEN_PAREN = 40;
const CLOSE_PAREN = 41;
const COMMA = 44;

/** Parses the list or tuple at the cursor (which must be on `[` or `(`); leaves the cursor after its closer. */
export function parseNested(src: Source, maxElements = DEFAULT_MAX_ELEMENTS): NestedValues {
  return new NestedParser(src, maxElements).run();
}

/** The message for a literal over the element limit. */
export function tooManyElements(limit: number): string {
  return `tensor has more than ${limit} elements`;
}

class NestedParser {
  private dims: number[] = [];
  private leafDepth = -1;
  private values = new Float64Array(1024);
  private count = 0;
  private sawFloat = false;
  private sawInt = false;
  private sawBool = false;

  constructor(
    private readonly src: Source,
    private readonly maxElements: number,
  ) {}

  run(): NestedValues {
    const start = this.src.pos;
    this.parseList(0, 0);
    const shape = this.leafDepth >= 0 ? this.dims.slice(0, this.leafDepth) : this.dims.slice();
    return {
      shape,
      values: this.values,
      count: this.count,
      sawFloat: this.sawFloat,
      sawInt: this.sawInt,
      sawBool: this.sawBool,
      start,
      end: this.src.pos,
    };
  }

  private push(v: number): void {
    if (this.count === this.values.length) {
      const bigger = new Float64Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.count++] = v;
  }

  /** Parses one list at `depth`; `index` is its position among its parent's elements (for "row N"). */
  private parseList(depth: number, index: number): void {
    const src: Source = this.src;
    const open = src.pos;
    const openCode = src.code();
    if (depth >= MAX_NESTING) src.fail(`nesting deeper than ${MAX_NESTING} levels`, open, open + 1);
    const closeCode = openCode === OPEN_BRACKET ? CLOSE_BRACKET : CLOSE_PAREN;
    src.pos++;
    let n = 0;
    for (;;) {
      src.skipTrivia();
      let c = src.code();
      if (c === closeCode) break;
      if (n > 0) {
        if (c !== COMMA) this.unexpected(open, openCode, closeCode);
        src.pos++;
        src.skipTrivia();
        c = src.code();
        if (c === closeCode) break;
      }
      if (c < 0 || c === CLOSE_BRACKET || c === CLOSE_PAREN || c === 125) this.unexpected(open, openCode, closeCode);
      if (c === OPEN_BRACKET || (c === OPEN_PAREN && !this.groupedScalar(depth))) {
        if (this.leafDepth >= 0 && depth + 1 >= this.leafDepth) src.fail('expected a number, found a list', src.pos, src.pos + 1);
        this.parseList(depth + 1, n);
      } else if (c !== OPEN_PAREN) {
        this.scalar(depth);
      }
      n++;
    }
    src.pos++;
    const expected = this.dims[depth];
    if (expected === undefined) this.dims[depth] = n;
    else if (expected !== n) {
      src.fail(`row ${index + 1} has ${n} element${n === 1 ? '' : 's'}, expected ${expected}`, open, src.pos);
    }
  }

  /** `(1.5)` or `(1 + 2) / 3` inside a list is a number, not a tuple: a tuple has a comma (or is empty). */
  private groupedScalar(depth: number): boolean {
    const src: Source = this.src;
    const save = src.pos;
    let s = null;
    try {
      s = scanConstExpr(src);
    } catch (e) {
      if (!(e instanceof ParseFailure)) throw e;
    }
    src.pos = save;
    if (!s) return false;
    this.scalar(depth);
    return true;
  }

  private scalar(depth: number): void {
    const src: Source = this.src;
    const at = src.pos;
    const s = scanConstExpr(src);
    if (!s) src.fail(`expected a number, found ${src.describeHere()}`);
    if (this.leafDepth < 0) this.leafDepth = depth + 1;
    else if (this.leafDepth !== depth + 1) {
      const n = this.dims[depth + 1];
      src.fail(`expected a list${n === undefined ? '' : ` of ${n} element${n === 1 ? '' : 's'}`}, found a number`, at, src.pos);
    }
    if (this.count >= this.maxElements) src.fail(tooManyElements(this.maxElements), at, src.pos);
    if (s.kind === 'float') this.sawFloat = true;
    else if (s.kind === 'int') this.sawInt = true;
    else this.sawBool = true;
    this.push(s.value);
  }

  /** The token after an element is neither a comma nor the closer: say which bracket is wrong, like Python. */
  private unexpected(open: number, openCode: number, closeCode: number): never {
    const src: Source = this.src;
    const c = src.code();
    const opener = String.fromCharCode(openCode);
    if (c < 0) throw new ParseFailure(`'${opener}' was never closed`, { start: open, end: open + 1 });
    if (c === CLOSE_BRACKET || c === CLOSE_PAREN || c === 125) {
      src.fail(`closing parenthesis '${String.fromCharCode(c)}' does not match opening parenthesis '${opener}'`, src.pos, src.pos + 1);
    }
    src.fail(`expected ',' or '${String.fromCharCode(closeCode)}', found ${src.describeHere()}`);
  }
}
