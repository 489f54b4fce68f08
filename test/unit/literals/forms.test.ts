// Every literal form the issue lists parses to the right shape, values and dtype.
import assert from 'node:assert/strict';
import { parseLiteral } from '../../../src/core/literals/index';
import { asError, asTensor, assertTensor } from './helpers';

describe('literals: JSON', () => {
  it('parses nested arrays with surrounding whitespace', () => {
    const t = asTensor(parseLiteral('  \n [[1, 0], [0, 1]] \n'));
    assertTensor(t, [2, 2], [1, 0, 0, 1]);
    assert.equal(t.dtype, 'float32');
    assert.deepEqual(t.range, { start: 4, end: 20 });
  });
  it('parses signs, decimals and exponents exactly as float32', () => {
    const t = asTensor(parseLiteral('[-1.5, +2, 3e-2, -4.25E+3, 0.1, 1e-7, 123456789012345678]', { language: 'json' }));
    assertTensor(t, [7], [-1.5, 2, 0.03, -4250, 0.1, 1e-7, 123456789012345678]);
  });
  it('parses {"shape", "data"} objects', () => {
    const t = asTensor(parseLiteral('{"shape": [1, 1, 2, 2], "data": [1, 2, 3, 4]}'));
    assertTensor(t, [1, 1, 2, 2], [1, 2, 3, 4]);
    assert.equal(t.syntax, 'json-object');
  });
  it('parses empty and scalar-free shapes', () => {
    assertTensor(asTensor(parseLiteral('[]')), [0], []);
    assertTensor(asTensor(parseLiteral('[[], []]')), [2, 0], []);
  });
});

describe('literals: Python', () => {
  const cases: Array<[string, number[], number[], string, string]> = [
    ['torch.tensor([[1, 2], [3, 4]])', [2, 2], [1, 2, 3, 4], 'int64', 'torch.tensor'],
    ['torch.tensor([[1., 2], [3, 4]])', [2, 2], [1, 2, 3, 4], 'float32', 'torch.tensor'],
    ['torch.Tensor([1, 2])', [2], [1, 2], 'float32', 'torch.Tensor'],
    ['torch.FloatTensor([[1, 2]])', [1, 2], [1, 2], 'float32', 'torch.FloatTensor'],
    ['tensor([True, False])', [2], [1, 0], 'bool', 'torch.tensor'],
    ['np.array([[1, 2], [3, 4]])', [2, 2], [1, 2, 3, 4], 'int64', 'np.array'],
    ['numpy.array([0.5, 1])', [2], [0.5, 1], 'float64', 'np.array'],
    ['np.asarray([1, 2], dtype=np.float32)', [2], [1, 2], 'float32', 'np.array'],
    ['np.array([1, 2], np.uint8)', [2], [1, 2], 'uint8', 'np.array'],
    ['[[1, 2], [3, 4]]', [2, 2], [1, 2, 3, 4], 'int64', 'python-list'],
    ['((1, 2), (3, 4))', [2, 2], [1, 2, 3, 4], 'int64', 'python-list'],
    ['torch.tensor(3.5)', [], [3.5], 'float32', 'torch.tensor'],
    ['torch.tensor([(1), (-2.5)])', [2], [1, -2.5], 'float32', 'torch.tensor'],
  ];
  for (const [text, shape, values, dtype, syntax] of cases) {
    it(`parses ${text}`, () => {
      const t = asTensor(parseLiteral(text, { language: 'python' }));
      assertTensor(t, shape, values);
      assert.equal(t.dtype, dtype);
      assert.equal(t.syntax, syntax);
    });
  }

  it('accepts True/False, nan and inf spellings', () => {
    const t = asTensor(parseLiteral("torch.tensor([True, False, float('nan'), float('inf'), -float('inf'), float(\"-inf\"), 2])"));
    assertTensor(t, [7], [1, 0, NaN, Infinity, -Infinity, -Infinity, 2]);
    assert.equal(t.dtype, 'float32');
  });

  it('accepts trailing commas, comments, blank lines and line continuations', () => {
    const text = [
      'kernel = torch.tensor([  # a comment',
      '',
      '    [1, 0, 0],   # first row',
      '    [0, -1, 0],',
      '',
      '    [0, 0, 1],',
      '], \\',
      '    dtype=torch.float32, requires_grad=True)',
    ].join('\n');
    const t = asTensor(parseLiteral(text));
    assertTensor(t, [3, 3], [1, 0, 0, 0, -1, 0, 0, 0, 1]);
    assert.equal(t.name, 'kernel');
    assert.equal(t.dtype, 'float32');
  });

  it('keeps dtypes: ints truncate toward zero, bool is 0/1, float16 rounds', () => {
    assertTensor(asTensor(parseLiteral('torch.tensor([1.7, -1.7, 2.5, -0.5], dtype=torch.int64)')), [4], [1, -1, 2, 0]);
    assert.equal(asTensor(parseLiteral('torch.tensor([1.9], dtype=torch.long)')).dtype, 'int64');
    assertTensor(asTensor(parseLiteral('torch.tensor([0.0, 2.5, -1], dtype=torch.bool)')), [3], [0, 1, 1]);
    // 1.7 in half precision is 1.7001953125 (PyTorch prints 1.7002).
    assertTensor(asTensor(parseLiteral('torch.tensor([1.7, 70000.0], dtype=torch.float16)')), [2], [1.7001953125, Infinity]);
    assertTensor(asTensor(parseLiteral("torch.tensor([3.9, -3.9], dtype='int32')".replace("'int32'", 'torch.int32'))), [2], [3, -3]);
  });

  it('applies .view/.reshape/.unsqueeze/.squeeze/.flatten/.float chains, including -1', () => {
    const ones = `torch.tensor([${Array(25).fill(1).join(', ')}])`;
    assert.deepEqual(asTensor(parseLiteral(`${ones}.view(1, 1, 5, 5)`)).shape, [1, 1, 5, 5]);
    assert.deepEqual(asTensor(parseLiteral(`${ones}.view(1, -1)`)).shape, [1, 25]);
    assert.deepEqual(asTensor(parseLiteral(`${ones}.reshape((5, 5)).unsqueeze(0)`)).shape, [1, 5, 5]);
    assert.deepEqual(asTensor(parseLiteral(`${ones}.view(1, 5, 1, 5).squeeze()`)).shape, [5, 5]);
    assert.deepEqual(asTensor(parseLiteral(`${ones}.view(5, 5).unsqueeze(-1).squeeze(2)`)).shape, [5, 5]);
    assert.deepEqual(asTensor(parseLiteral(`${ones}.view(5, 5).flatten()`)).shape, [25]);
    const f = asTensor(parseLiteral(`${ones}.view(5, 5).float()`));
    assert.equal(f.dtype, 'float32');
    const l = asTensor(parseLiteral('torch.tensor([1.5, -2.5]).long()'));
    assert.equal(l.dtype, 'int64');
    assertTensor(l, [2], [1, -2]);
    assert.equal(asTensor(parseLiteral('torch.tensor([1, 2]).to(torch.float64)')).dtype, 'float64');
    assert.deepEqual(asTensor(parseLiteral('np.array([1, 2, 3, 4]).reshape(2, -1)')).shape, [2, 2]);
  });

  it('transposes with .t() and .T', () => {
    assertTensor(asTensor(parseLiteral('torch.tensor([[1, 2, 3], [4, 5, 6]]).t()')), [3, 2], [1, 4, 2, 5, 3, 6]);
    assertTensor(asTensor(parseLiteral('np.array([[1, 2], [3, 4]]).T')), [2, 2], [1, 3, 2, 4]);
  });

  it('builds torch.ones / zeros / eye / arange / full', () => {
    assertTensor(asTensor(parseLiteral('torch.ones(2, 3)')), [2, 3], Array(6).fill(1));
    assertTensor(asTensor(parseLiteral('torch.zeros((2, 2))')), [2, 2], [0, 0, 0, 0]);
    assertTensor(asTensor(parseLiteral('torch.eye(3)')), [3, 3], [1, 0, 0, 0, 1, 0, 0, 0, 1]);
    const a = asTensor(parseLiteral('torch.arange(16).view(4, 4)'));
    assertTensor(
      a,
      [4, 4],
      Array.from({ length: 16 }, (_, i) => i),
    );
    assert.equal(a.dtype, 'int64');
    assert.equal(asTensor(parseLiteral('torch.arange(0, 1, 0.25)')).dtype, 'float32');
    assertTensor(asTensor(parseLiteral('torch.arange(0, 1, 0.25)')), [4], [0, 0.25, 0.5, 0.75]);
    assertTensor(asTensor(parseLiteral('torch.full((2, 2), 0.5)')), [2, 2], [0.5, 0.5, 0.5, 0.5]);
    assert.equal(asTensor(parseLiteral('np.ones((2, 2))')).dtype, 'float64');
  });

  it('treats // as floor division, not a comment, in Python', () => {
    assert.deepEqual(asTensor(parseLiteral('torch.ones(10 // 2)', { language: 'python' })).shape, [5]);
  });
});

describe('literals: JavaScript / TypeScript', () => {
  it('parses nested array literals with comments', () => {
    const t = asTensor(parseLiteral('const k = [\n  [1, 0], // top\n  /* bottom */ [0, 1],\n];', { language: 'typescript' }));
    assertTensor(t, [2, 2], [1, 0, 0, 1]);
    assert.equal(t.name, 'k');
    assert.equal(t.syntax, 'js-array');
  });
  it('parses new Float32Array([...])', () => {
    const t = asTensor(parseLiteral('new Float32Array([0.1, 0.2, 0.3])'));
    assertTensor(t, [3], [0.1, 0.2, 0.3]);
    assert.equal(t.syntax, 'Float32Array');
  });
  it('parses tf.tensor2d and tf.tensor with a shape', () => {
    assertTensor(asTensor(parseLiteral('tf.tensor2d([[1, 2], [3, 4]])')), [2, 2], [1, 2, 3, 4]);
    const t = asTensor(parseLiteral('tf.tensor([1, 2, 3, 4, 5, 6], [2, 3])'));
    assertTensor(t, [2, 3], [1, 2, 3, 4, 5, 6]);
    assert.equal(t.syntax, 'tf.tensor');
    assert.equal(
      asError(parseLiteral('tf.tensor([1, 2, 3], [2, 2])')).message,
      'Based on the provided shape, [2,2], the tensor should have 4 values but has 3',
    );
  });
});
