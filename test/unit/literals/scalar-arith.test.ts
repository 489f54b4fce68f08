// Constant arithmetic with the tensor on either side of the operator, against PyTorch 1.13's and NumPy's own results.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { literalAt, parseLiteral } from '../../../src/core/literals';

interface Case {
  expr: string;
  dtype: string;
  shape: number[];
  data: (number | string)[];
}
const fixture = JSON.parse(readFileSync(new URL('./fixtures/scalar-arith.json', import.meta.url), 'utf8')) as { cases: Case[] };
const num = (v: number | string) => (typeof v === 'number' ? v : Number(v.replace('inf', 'Infinity')));
const ulp32 = (x: number) => (x === 0 ? 2 ** -149 : 2 ** (Math.floor(Math.log2(Math.abs(x))) - 23));

describe('constant arithmetic with the tensor on either side (fixtures/scalar-arith.json, from PyTorch and NumPy)', () => {
  it('the fixture holds both orders', () => {
    assert.ok(fixture.cases.some((c) => /^[-\d(]/.test(c.expr)));
    assert.ok(fixture.cases.some((c) => /^(torch|np)\./.test(c.expr)));
  });
  for (const c of fixture.cases) {
    it(`x = ${c.expr} → ${c.dtype} ${JSON.stringify(c.shape)}`, () => {
      const text = `x = ${c.expr}`;
      const lit = parseLiteral(text, { language: 'python' });
      assert.equal(lit.kind, 'tensor', lit.kind === 'error' ? lit.message : '');
      if (lit.kind !== 'tensor') return;
      assert.equal(lit.name, 'x');
      assert.equal(lit.dtype, c.dtype);
      assert.deepEqual(lit.shape, c.shape);
      c.data.forEach((v, i) => {
        // Literal data is float32 (a float64 array is shown to float32 precision): compare with PyTorch's value so rounded.
        const want = Math.fround(num(v));
        const got = lit.data[i];
        // + − × ÷ // % of float32 values are correctly rounded in float32 either way: exact. `**` goes through
        // pow (powf in PyTorch, a double pow rounded here): one float32 rounding apart at most.
        const tol = c.expr.includes('**') && c.dtype === 'float32' ? ulp32(want) : 0;
        if (Number.isNaN(want)) assert.ok(Number.isNaN(got), `[${i}] ${got}`);
        else if (!Number.isFinite(want) || want === 0) assert.ok(Object.is(got, want), `[${i}]: got ${got}, PyTorch ${want}`);
        else assert.ok(Math.abs(got - want) <= tol, `[${i}]: got ${got}, PyTorch ${want}`);
      });
      // The hover finds the same tensor with the cursor inside the constructor's brackets.
      const at = literalAt(text, text.lastIndexOf('[') + 1, { language: 'python' });
      assert.ok(at && at.kind === 'tensor', `hover: ${at && at.kind === 'error' ? at.message : 'none'}`);
      assert.deepEqual(Array.from(at.data), Array.from(lit.data));
    });
  }

  it("PyTorch's refusals: negating a bool tensor, an integer to a negative integer power", () => {
    const neg = parseLiteral('x = -torch.tensor([True, False])', { language: 'python' });
    assert.equal(neg.kind, 'error');
    assert.match(neg.kind === 'error' ? neg.message : '', /^RuntimeError: Negation, the `-` operator, on a bool tensor is not supported/);
    const pow = parseLiteral('x = 2 ** torch.tensor([1, -1])', { language: 'python' });
    assert.equal(pow.kind === 'error' ? pow.message : '', 'RuntimeError: Integers to negative integer powers are not allowed.');
  });

  it('two tensors, or a variable, are not constant arithmetic (no literal, no wrong numbers)', () => {
    assert.equal(parseLiteral('x = torch.ones(2) * torch.ones(2)', { language: 'python' }).kind, 'error');
    assert.equal(parseLiteral('x = scale * torch.ones(2)', { language: 'python' }).kind, 'error');
  });
});
