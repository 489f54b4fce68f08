// Tensors computed by code: Convolve Selection says so (and offers debugging) instead of a parse error at the first `*`.
import { strict as assert } from 'node:assert';
import { resolveRequest, type ConvolveRequest, type RequestError } from '../../../src/convolve/selection-request';
import { finderFor } from '../../../src/convolve/literal-finder';
import { computedAtRunTime, runtimeMessage } from '../../../src/core/literals/runtime-tensor';

const py = finderFor('python');
const FILE = 'ramp.py';
const TEXT = [
  'import torch',
  '',
  'ramp = torch.tensor([[0.5 * c - 1.0 for c in range(6)] for _ in range(4)])',
  'noise = torch.randn(1, 1, 8, 8)',
  "weights = torch.load('cnn.pt')",
  'out = conv(ramp)',
  'grid = [[r * c for c in range(3)] for r in range(3)]',
  'blur = torch.tensor([[1/9, 1/9, 1/9], [1/9, 1/9, 1/9], [1/9, 1/9, 1/9]])',
  'ragged = [[1, 2], [3]]',
  '',
].join('\n');

const line = (n: number) => {
  const lines = TEXT.split('\n');
  const start = lines.slice(0, n - 1).join('\n').length + (n > 1 ? 1 : 0);
  return { start, end: start + lines[n - 1].length };
};
const err = (r: ConvolveRequest | RequestError): RequestError => {
  assert.ok('message' in r, 'expected a message');
  return r;
};

describe('tensors computed when the program runs', () => {
  it("the issue's ramp comprehension: named, explained, with debugging offered (not \"expected ',' or ']', found '*'\")", () => {
    const r = err(resolveRequest(py, TEXT, line(3), FILE));
    assert.equal(
      r.message,
      'ramp.py:3:8: `ramp` is computed when the program runs: start debugging and hover it to see it live (its values come from a list comprehension).',
    );
    assert.equal(r.runtime, true);
  });

  it('the same with the cursor on the line (no selection)', () => {
    const at = line(3).start + 10;
    const r = err(resolveRequest(py, TEXT, { start: at, end: at }, FILE));
    assert.match(r.message, /`ramp` is computed when the program runs/);
    assert.equal(r.runtime, true);
  });

  it('random and file-reading calls, names and bare comprehensions say what they are', () => {
    assert.match(err(resolveRequest(py, TEXT, line(4), FILE)).message, /`noise` is computed .* \(torch\.randn draws random values\)\.$/);
    assert.match(err(resolveRequest(py, TEXT, line(5), FILE)).message, /`weights` is computed .* \(torch\.load reads a file\)\.$/);
    assert.match(err(resolveRequest(py, TEXT, line(6), FILE)).message, /`out` is computed .* \(it is computed from `conv`\)\.$/);
    assert.match(err(resolveRequest(py, TEXT, line(7), FILE)).message, /`grid` is computed .* \(it is built by a list comprehension\)\.$/);
  });

  it('literals are still literals (fractions included) and a ragged literal keeps its own error', () => {
    const blur = resolveRequest(py, TEXT, line(8), FILE);
    assert.ok(!('message' in blur));
    assert.deepEqual(blur.input.shape, [3, 3]);
    const ragged = err(resolveRequest(py, TEXT, line(9), FILE));
    assert.equal(ragged.runtime, undefined);
    assert.match(ragged.message, /row 2 has 1 element, expected 2/);
  });

  it('an unnamed expression is "this tensor"', () => {
    const r = computedAtRunTime('[x * 2 for x in range(4)]');
    assert.ok(r);
    assert.equal(
      runtimeMessage(r),
      'This tensor is computed when the program runs: start debugging and hover its variable to see it live (it is built by a list comprehension).',
    );
    assert.equal(computedAtRunTime('[1, 2, 3]'), null);
    assert.equal(computedAtRunTime('True'), null);
  });
});
