// Results back to code: torch.tensor / JSON / snippet / insertion text, each read back by the literal parser to the same values.
import { strict as assert } from 'node:assert';
import { literalsInDocument, parseLiteral } from '../../../src/core/literals/index';
import type { Literal, LiteralError, TensorLiteral, LayerCall } from '../../../src/core/literals/types';
import { formatJson, formatTorchTensor } from '../../../src/core/render/tensor-format';
import { conv2dSnippet } from '../../../src/core/render/snippet';
import { outputInsertion } from '../../../src/convolve/insert-output';
import { checkTensorArg, tensorText } from '../../../src/convolve/tensor-args';
import { DEFAULT_CONV2D_ARGS } from '../../../src/core/protocol/convolution';

const tensorOf = (l: Literal | LiteralError): TensorLiteral => {
  assert.equal(l.kind, 'tensor', l.kind === 'error' ? l.message : l.kind);
  return l as TensorLiteral;
};

/** Float32 values with awkward decimals, signs, zeros and a wide range, in a few shapes. */
const cases: Array<{ shape: number[]; data: Float32Array }> = [
  { shape: [3, 3], data: Float32Array.from([1, 0, 0, 0, -1, 0, 0, 0, 1]) },
  { shape: [2, 3], data: Float32Array.from([1 / 9, -2 / 3, 0.1, 1e-5, 12345.678, -0]) },
  { shape: [1, 1, 2, 2], data: Float32Array.from([0.0625, 3.4e38, -1.5e-20, 7]) },
  { shape: [2, 2, 2], data: Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8.5]) },
  { shape: [40], data: Float32Array.from({ length: 40 }, (_, i) => Math.sin(i) * 10 ** (i % 7)) },
];

describe('results back to code round-trip through the literal parser', () => {
  for (const c of cases) {
    it(`torch.tensor text of ${c.shape.join('×')} reads back to the same float32 values`, () => {
      const lit = tensorOf(parseLiteral(formatTorchTensor(c.shape, c.data, { precision: 'round-trip' }), { language: 'python' }));
      assert.deepEqual(lit.shape, c.shape);
      // (+0 folds -0 into 0: the sign of zero is not something a literal needs to keep)
      assert.deepEqual(
        Array.from(lit.data).map((v) => v + 0),
        Array.from(c.data).map((v) => v + 0),
      );
    });

    it(`JSON of ${c.shape.join('×')} reads back to the same values`, () => {
      const lit = tensorOf(parseLiteral(formatJson(c.shape, c.data), { language: 'json' }));
      assert.deepEqual(lit.shape, c.shape);
      assert.deepEqual(
        Array.from(lit.data).map((v) => v + 0),
        Array.from(c.data).map((v) => v + 0),
      );
    });
  }

  it('PyTorch-precision text reads back within its 4 decimals', () => {
    const data = Float32Array.from([1 / 9, -2 / 3, 0.5, 2.25]);
    const lit = tensorOf(parseLiteral(formatTorchTensor([2, 2], data), { language: 'python' }));
    lit.data.forEach((v, i) => assert.ok(Math.abs(v - data[i]) <= 5e-5));
  });
});

describe('conv2dSnippet', () => {
  it('holds the input, the weight and an F.conv2d call with the arguments, all readable by the parser', () => {
    const snippet = conv2dSnippet({
      input: { shape: [5, 5], data: new Array(25).fill(1) },
      weight: { shape: [1, 1, 3, 3], data: [1, 0, 0, 0, -1, 0, 0, 0, 1] },
      args: { ...DEFAULT_CONV2D_ARGS, stride: [2, 1], padding: [1, 0], bias: 0.5 },
    });
    const found = literalsInDocument(snippet, { language: 'python' });
    const x = tensorOf(found.find((l) => l.kind === 'tensor' && l.name === 'x')!);
    assert.deepEqual(x.shape, [1, 1, 5, 5]);
    const k = tensorOf(found.find((l) => l.kind === 'tensor' && l.name === 'k')!);
    assert.deepEqual(Array.from(k.data), [1, 0, 0, 0, -1, 0, 0, 0, 1]);
    const call = found.find((l): l is LayerCall => l.kind === 'layer' && l.layer === 'conv2d');
    assert.ok(call?.conv, snippet);
    assert.deepEqual(call.conv.stride, [2, 1]);
    assert.deepEqual(call.conv.padding, [1, 0]);
    assert.match(snippet, /^b = torch\.full\(\(1,\), 0\.5\)$/m);
    assert.match(snippet, /^out = F\.conv2d\(x, k, b, stride=\(2, 1\), padding=\(1, 0\)\)$/m);
  });

  it("pads with F.pad first for reflect/replicate/circular, as nn.Conv2d does; 'same' keeps its per-side split", () => {
    const snippet = conv2dSnippet({
      input: { shape: [1, 1, 4, 4], data: new Array(16).fill(1) },
      weight: { shape: [1, 1, 2, 3], data: new Array(6).fill(1) },
      args: { ...DEFAULT_CONV2D_ARGS, padding: 'same', paddingMode: 'reflect', dilation: [1, 2] },
    });
    assert.match(snippet, /^x = F\.pad\(x, \(2, 2, 0, 1\), mode='reflect'\)$/m);
    assert.match(snippet, /^out = F\.conv2d\(x, k, stride=\(1, 1\), padding=\(0, 0\), dilation=\(1, 2\)\)$/m);
  });
});

describe('outputInsertion', () => {
  const out = { shape: [1, 1, 2, 2], data: [1, 2, 3, 4.5] };

  it('inserts `output = torch.tensor(...)` after the statement, indented like the literal', () => {
    const text =
      'def f():\n    img = torch.tensor([\n        [1, 2],\n        [3, 4],\n    ]).view(1, 1, 2, 2)  # the image\n    return img\n';
    const start = text.indexOf('torch.tensor');
    const end = text.indexOf(')  #') + 1;
    const ins = outputInsertion(text, { start, end }, 'python', out)!;
    const after = text.slice(0, ins.offset) + ins.text + text.slice(ins.offset);
    assert.equal(
      after,
      'def f():\n    img = torch.tensor([\n        [1, 2],\n        [3, 4],\n    ]).view(1, 1, 2, 2)  # the image\n' +
        '    output = torch.tensor([[[[ 1.,  2.],\n                             [ 3., 4.5]]]])\n    return img\n',
    );
  });

  it('reads back as the same tensor, and avoids a name already assigned', () => {
    const text = 'output = 3\nx = [[1, 2], [3, 4]]\n';
    const ins = outputInsertion(text, { start: 15, end: 31 }, 'python', out)!;
    const after = text.slice(0, ins.offset) + ins.text + text.slice(ins.offset);
    const lit = tensorOf(literalsInDocument(after, { language: 'python' }).find((l) => l.kind === 'tensor' && l.name === 'output_2')!);
    assert.deepEqual(lit.shape, [1, 1, 2, 2]);
    assert.deepEqual(Array.from(lit.data), [1, 2, 3, 4.5]);
  });

  it('writes a JS const in JavaScript/TypeScript and nothing in JSON', () => {
    const text = 'const img = [[1, 2], [3, 4]];\n';
    const ins = outputInsertion(text, { start: 12, end: 28 }, 'typescript', out)!;
    assert.equal(ins.offset, text.indexOf('\n'));
    assert.match(ins.text, /^\nconst output = \[/);
    assert.equal(outputInsertion('[[1]]', { start: 0, end: 5 }, 'json', out), null);
  });
});

describe('tensorLens.copyTensor / openTensor arguments', () => {
  it('accepts well-formed tensors and formats them', () => {
    const t = checkTensorArg({ shape: [2], data: [1, 0.5], format: 'torch' }, false);
    assert.ok(typeof t !== 'string');
    assert.equal(tensorText(t), 'torch.tensor([ 1., 0.5])');
    assert.equal(tensorText({ shape: [2], data: [1, 0.5], format: 'json' }), '[1, 0.5]');
  });

  it('explains what is wrong with a bad argument', () => {
    assert.equal(checkTensorArg(undefined, false), 'expected { shape, data }');
    assert.equal(checkTensorArg({ shape: [2, 2], data: [1, 2, 3] }, false), 'shape [2, 2] needs 4 values, got 3');
    assert.equal(checkTensorArg({ shape: [1], data: [1] }, true), 'title must be a string');
    assert.equal(checkTensorArg({ shape: [1.5], data: [1] }, false), 'shape must be a list of non-negative integers');
  });
});
