// Constant arithmetic in literals (`1/9`, `-1/8`, `2**-3`, `math.sqrt(2)`, `torch.tensor(...) / 16`): values PyTorch 1.13 gives.
import { strict as assert } from 'node:assert';
import { parseLiteral } from '../../../src/core/literals/index';
import type { Literal, LiteralError, TensorLiteral } from '../../../src/core/literals/types';
import { assertAllClose } from '../../support/close';

const tensorOf = (l: Literal | LiteralError): TensorLiteral => {
  assert.equal(l.kind, 'tensor', l.kind === 'error' ? l.message : l.kind);
  return l as TensorLiteral;
};
const py = (text: string) => parseLiteral(text, { language: 'python' });
const close = (a: ArrayLike<number>, b: number[]) => assertAllClose(a, b, 'vs PyTorch');

// Expected values: print(torch.tensor(<same text>).tolist(), .dtype) with /usr/bin/python3, torch 1.13.
describe('constant arithmetic inside literals', () => {
  it('a blur kernel of 1/9 and an edge kernel of -1/8 and 2**-3', () => {
    const t = tensorOf(py('torch.tensor([[1/9, 1/9], [-1/8, 2**-3]])'));
    assert.deepEqual(t.shape, [2, 2]);
    assert.equal(t.dtype, 'float32');
    close(t.data, [0.1111111119389534, 0.1111111119389534, -0.125, 0.125]);
  });

  it("Python's rules: ** before unary minus, floor // and % on ints, true division, math.pi and math.sqrt", () => {
    const t = tensorOf(py('torch.tensor([-2**2, (1+2)/3, 7//2, -7//2, -7%3, 7.5%-2, math.pi, math.sqrt(2)])'));
    close(t.data, [-4.0, 1.0, 3.0, -4.0, 2.0, -0.5, 3.1415927410125732, 1.4142135381698608]);
    assert.equal(t.dtype, 'float32');
  });

  it('integer-only arithmetic keeps int64; true division makes float32', () => {
    assert.equal(tensorOf(py('torch.tensor([1//2, 3*4, -7%3])')).dtype, 'int64');
    assert.equal(tensorOf(py('torch.tensor([1/2, 3])')).dtype, 'float32');
    assert.equal(tensorOf(py('np.array([1/2, 3])')).dtype, 'float64');
  });

  it('a bare list of fractions is a tensor, and (1.5) is a number while (1, 2) is a row', () => {
    close(tensorOf(py('[[1/4, 1/2], [(1 + 2) / 4, 1]]')).data, [0.25, 0.5, 0.75, 1]);
    assert.deepEqual(tensorOf(py('[(1, 2), (3, 4)]')).shape, [2, 2]);
    assert.deepEqual(tensorOf(py('[(1.5), (2)]')).shape, [2]);
  });

  it('arithmetic on the whole literal: torch.tensor([[1, 2, 1], [2, 4, 2], [1, 2, 1]]) / 16 is a float32 Gaussian', () => {
    const t = tensorOf(py('gauss = torch.tensor([[1, 2, 1], [2, 4, 2], [1, 2, 1]]) / 16'));
    assert.equal(t.dtype, 'float32');
    assert.equal(t.name, 'gauss');
    close(t.data, [0.0625, 0.125, 0.0625, 0.125, 0.25, 0.125, 0.0625, 0.125, 0.0625]);
    const ints = tensorOf(py('torch.tensor([7, -7]) // 2 * 3 + 1'));
    assert.equal(ints.dtype, 'int64');
    close(ints.data, [10, -11]);
    close(tensorOf(py('torch.ones(3, 3) / 9')).data, new Array(9).fill(0.1111111119389534));
    close(tensorOf(py('np.array([1, 2]) / 4')).data, [0.25, 0.5]);
  });

  it('anything not constant stays an error with its location', () => {
    const e = py('[[1, 2], [x * 2, 1]]');
    assert.equal(e.kind, 'error');
    assert.equal((e as LiteralError).message, "expected a number, found 'x'");
    assert.equal((e as LiteralError).column, 11);
    const z = py('[1, 1/0]') as LiteralError;
    assert.equal(z.message, 'ZeroDivisionError: division by zero');
    assert.equal(z.column, 6);
    const scaled = py('torch.tensor([1.0, 2.0]) * scale') as LiteralError;
    assert.equal(scaled.kind, 'error');
    assert.equal(scaled.column, 26);
    assert.equal(
      (py('torch.tensor([1, 2]) ** -1') as LiteralError).message,
      'RuntimeError: Integers to negative integer powers are not allowed.',
    );
  });

  it('JavaScript arrays take the same arithmetic, with // still a comment', () => {
    const t = tensorOf(parseLiteral('[1/4, 2 ** 3] // note', { language: 'javascript' }));
    close(t.data, [0.25, 8]);
  });
});

describe('cheap deterministic constructors are computed', () => {
  it('torch.linspace / np.linspace as PyTorch 1.13 and NumPy give them', () => {
    const t = tensorOf(py('torch.linspace(-1, 1, 5)'));
    assert.equal(t.dtype, 'float32');
    close(t.data, [-1.0, -0.5, 0.0, 0.5, 1.0]);
    close(tensorOf(py('torch.linspace(0, 1, steps=4)')).data, [0.0, 0.3333333432674408, 0.6666666269302368, 1.0]);
    const n = tensorOf(py('np.linspace(0, 1, 4)'));
    assert.equal(n.dtype, 'float64');
    close(n.data, [0.0, 0.3333333333333333, 0.6666666666666666, 1.0]);
    assert.equal(tensorOf(py('np.linspace(0, 1)')).shape[0], 50);
    assert.deepEqual(tensorOf(py('torch.linspace(-1, 1, 6).view(2, 3)')).shape, [2, 3]);
  });

  it('torch.arange, torch.ones, torch.eye and np.zeros (already supported) stay computed', () => {
    close(tensorOf(py('torch.arange(6).view(2, 3) / 2')).data, [0, 0.5, 1, 1.5, 2, 2.5]);
    close(tensorOf(py('torch.eye(2)')).data, [1, 0, 0, 1]);
    assert.deepEqual(tensorOf(py('np.zeros((2, 3))')).shape, [2, 3]);
  });
});
