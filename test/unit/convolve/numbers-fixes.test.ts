// Smaller "what the panel writes is what PyTorch would" fixes: repeated Insert below, torch.tensor([]) dtype.
import { strict as assert } from 'node:assert';
import { outputInsertion } from '../../../src/convolve/insert-output';
import { literalAt, parseLiteral } from '../../../src/core/literals/index';
import type { TensorLiteral } from '../../../src/core/literals/types';

describe('Insert below, twice', () => {
  it('the second insert goes below the first (and gets the next free name)', () => {
    let text = 'import torch\nx = torch.tensor([[1.0, 2.0]])\nprint(x)\n';
    const literal = { start: text.indexOf('torch.tensor('), end: text.indexOf('\nprint') };
    const first = outputInsertion(text, literal, 'python', { shape: [1, 1], data: [1] });
    assert.ok(first);
    text = text.slice(0, first.offset) + first.text + text.slice(first.offset);
    const previous = { range: { start: first.offset, end: first.offset + first.text.length }, text: first.text };
    const second = outputInsertion(text, literal, 'python', { shape: [1, 1], data: [2] }, previous);
    assert.ok(second);
    text = text.slice(0, second.offset) + second.text + text.slice(second.offset);
    assert.equal(
      text,
      'import torch\nx = torch.tensor([[1.0, 2.0]])\noutput = torch.tensor([[1.]])\noutput_2 = torch.tensor([[2.]])\nprint(x)\n',
    );
  });

  it('an earlier insert that was undone or edited away no longer moves the next one', () => {
    const text = 'x = torch.tensor([1.0])\nprint(x)\n';
    const literal = { start: 4, end: 23 };
    const gone = { range: { start: 23, end: 40 }, text: '\noutput = torch.tensor([9.])' };
    const ins = outputInsertion(text, literal, 'python', { shape: [1], data: [3] }, gone);
    assert.equal(ins?.offset, 23);
  });
});

describe('dtype of an empty literal', () => {
  it('torch.tensor([]) is float32 as in PyTorch (not bool); np.array([]) is float64', () => {
    assert.equal((parseLiteral('torch.tensor([])', { language: 'python' }) as TensorLiteral).dtype, 'float32');
    assert.equal((parseLiteral('np.array([])', { language: 'python' }) as TensorLiteral).dtype, 'float64');
    assert.equal((parseLiteral('torch.tensor([True, False])', { language: 'python' }) as TensorLiteral).dtype, 'bool');
  });
});

describe('{"shape", "data"} objects from the cursor', () => {
  const json = '{\n  "image": {"shape": [3, 3], "data": [1, 2, 3,\n 4, 5, 6, 7, 8, 9]},\n  "other": 1\n}\n';
  for (const probe of ['"shape"', '3, 3', '2, 3', '8, 9', '"data"']) {
    it(`with the cursor on ${probe} the whole object is the tensor (shape [3, 3], not the flat data [9])`, () => {
      const lit = literalAt(json, json.indexOf(probe) + 2, { language: 'json' }) as TensorLiteral;
      assert.equal(lit?.kind, 'tensor');
      assert.deepEqual(lit.shape, [3, 3]);
      assert.deepEqual(Array.from(lit.data), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    });
  }

  it('a dict of other lists still gives the list under the cursor', () => {
    const py = 'params = {"weights": [[1, 2], [3, 4]], "bias": [0.5]}\n';
    const lit = literalAt(py, py.indexOf('3, 4'), { language: 'python' }) as TensorLiteral;
    assert.deepEqual(lit.shape, [2, 2]);
  });
});

describe('Insert below with NaN and ±Inf', () => {
  it('Python gets float(...) spellings, JavaScript gets NaN / Infinity (JSON copy keeps null: JSON has neither)', () => {
    const out = { shape: [3], data: [NaN, Infinity, -Infinity] };
    assert.match(
      outputInsertion('x = torch.tensor([1.0])\n', { start: 4, end: 23 }, 'python', out)?.text ?? '',
      /output = torch\.tensor\(\[float\('nan'\), +float\('inf'\), -float\('inf'\)\]\)/,
    );
    assert.match(
      outputInsertion('const x = [1];\n', { start: 10, end: 13 }, 'javascript', out)?.text ?? '',
      /const output = \[NaN, Infinity, -Infinity\];/,
    );
  });
});
