// Locating literals: under a cursor, in a selection, across a document (with names), in examples/ and the tutorial.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { literalAt, literalsInDocument, parseSelection, type Literal, type TensorLiteral } from '../../../src/core/literals/index';
import { asError, asLayer, asTensor, assertTensor } from './helpers';
import { readGolden } from '../../goldens';

const example = readFileSync('examples/conv2d_intro.py', 'utf8');
const tutorial = readFileSync('test/unit/literals/fixtures/tutorial.py', 'utf8');

function tensors(found: Array<Literal | { kind: 'error' }>): TensorLiteral[] {
  return found.filter((f): f is TensorLiteral => f.kind === 'tensor');
}

describe('literals: literalAt', () => {
  const imageStart = example.indexOf('torch.tensor([\n    [1, 1, 1, 1, 1]');
  const imageEnd = example.indexOf('.view(1, 1, 5, 5)', imageStart) + '.view(1, 1, 5, 5)'.length;

  it('finds the whole literal from a number deep inside, with its name and range', () => {
    const offset = example.indexOf('[1, 1, 1, 1, 1]', imageStart + 40) + 4;
    const t = asTensor(literalAt(example, offset));
    assert.equal(t.name, 'image_tensor');
    assert.deepEqual(t.range, { start: imageStart, end: imageEnd });
    assertTensor(t, [1, 1, 5, 5], Array(25).fill(1));
  });

  it('finds it from the constructor name, the dtype argument, the .view chain and the variable name', () => {
    for (const offset of [imageStart + 2, example.indexOf('dtype', imageStart) + 3, imageEnd - 3, example.indexOf('image_tensor =') + 4]) {
      assert.deepEqual(asTensor(literalAt(example, offset)).range, { start: imageStart, end: imageEnd }, `offset ${offset}`);
    }
  });

  it('finds a layer call under the cursor', () => {
    const at = example.indexOf('nn.Conv2d(1, 10, 5, 1)');
    const l = asLayer(literalAt(example, at + 12));
    assert.equal(l.name, 'self.conv1');
    assert.deepEqual(l.conv!.kernelSize, [5, 5]);
    assert.deepEqual(l.range, { start: at, end: at + 'nn.Conv2d(1, 10, 5, 1)'.length });
  });

  it('prefers the innermost literal: a tensor inside an F.conv2d call', () => {
    const text = 'y = F.conv2d(torch.tensor([[[[1.0, 2.0], [3.0, 4.0]]]]), w, stride=1)';
    const t = asTensor(literalAt(text, text.indexOf('3.0')));
    assert.deepEqual(t.shape, [1, 1, 2, 2]);
    assert.equal(t.name, undefined);
    assert.equal(asLayer(literalAt(text, text.indexOf('stride'))).layer, 'conv2d');
  });

  it('returns undefined away from literals and the error inside a bad one', () => {
    assert.equal(literalAt(example, example.indexOf('optimizer = optim.Adam') + 3), undefined);
    assert.equal(literalAt(example, example.indexOf('for image, label_tensor in') + 30), undefined);
    assert.equal(literalAt(example, -1), undefined);
    const bad = 'k = torch.tensor([[1, 2], [3]])';
    assert.equal(asError(literalAt(bad, bad.indexOf('3'))).message, 'row 2 has 1 element, expected 2');
  });

  it('takes VS Code language ids', () => {
    const text = 'x = [1, // one\n 2]';
    assert.deepEqual(asTensor(literalAt(text, 5, { language: 'typescriptreact' })).shape, [2]);
    assert.deepEqual(asTensor(literalAt(text, 5, { language: 'jsonc' })).shape, [2]);
  });

  it('handles Windows line endings', () => {
    const text = 'k = torch.tensor([\r\n    [1, 2],  # a\r\n    [3, 4],\r\n]) \\\r\n    .view(1, 4)\r\nbad = [[1], [2, 3]]\r\n';
    const t = asTensor(literalAt(text, text.indexOf('3')));
    assert.equal(t.name, 'k');
    assert.deepEqual(t.shape, [1, 4]);
    const e = asError(literalAt(text, text.indexOf('2, 3')));
    assert.deepEqual([e.line, e.column], [6, 13]);
  });

  it('skips literals in strings and comments', () => {
    const text = 's = "[1, 2, 3]"  # [4, 5]\nt = [6, 7]';
    assert.equal(literalAt(text, text.indexOf('2')), undefined);
    assert.equal(literalAt(text, text.indexOf('5')), undefined);
    assert.equal(asTensor(literalAt(text, text.indexOf('7'))).name, 't');
  });
});

describe('literals: parseSelection', () => {
  it('accepts exactly a literal, or a whole assignment', () => {
    const sel = parseSelection('[[1, 0], [0, 1]]');
    assert.equal(sel.literals.length, 1);
    const a = parseSelection('kernel = torch.tensor([[0, 1], [1, 0]], dtype=torch.float32)\n');
    assert.equal(a.literals[0].name, 'kernel');
    assert.equal(a.literals[0].range.start, 'kernel = '.length);
  });

  it('returns every literal in order when the selection holds several', () => {
    const text = example.slice(example.indexOf('image_tensor ='), example.indexOf('# A 3x3 kernel'));
    const sel = parseSelection(text);
    assert.deepEqual(
      sel.literals.map((l) => l.name),
      ['image_tensor', 'kernel_tensor'],
    );
    assert.deepEqual(sel.errors, []);
  });

  it('reads rows selected without their outer bracket as one tensor', () => {
    const text = '    [1, 0, 0],\n    [0, -1, 0],\n    [0, 0, 1],\n';
    const sel = parseSelection(text);
    assert.equal(sel.literals.length, 1);
    assertTensor(asTensor(sel.literals[0]), [3, 3], [1, 0, 0, 0, -1, 0, 0, 0, 1]);
    assert.equal(text.slice(sel.literals[0].range.start, sel.literals[0].range.end), text.trim().slice(0, -1));
    // Two literals on separate lines without a comma stay two (image, kernel).
    assert.equal(parseSelection('[[1, 2], [3, 4]]\n[[1, 0], [0, 1]]').literals.length, 2);
  });

  it('explains why nothing was found', () => {
    const none = parseSelection('print(model)');
    assert.equal(none.literals.length, 0);
    assert.equal(none.errors[0].message, "expected a tensor literal or layer call, found 'print'");
    const bad = parseSelection('a = [[1, 2], [3]]\nb = [[1]]');
    assert.equal(bad.literals.length, 1);
    assert.equal(bad.errors[0].message, 'row 2 has 1 element, expected 2');
  });
});

describe('literals: literalsInDocument and examples/', () => {
  it('finds every tensor and layer of examples/conv2d_intro.py with names', () => {
    const found = literalsInDocument(example);
    const named = found.filter((f) => f.kind !== 'error' && f.name).map((f) => (f as Literal).name);
    assert.deepEqual(named, [
      'image_tensor',
      'kernel_tensor',
      'conv',
      'diagonal_image',
      'diagonal_kernel',
      'horizontal_kernel',
      'circle_image',
      'circle_kernel',
      'data',
      'too_big',
      'padded',
      'one_image_1',
      'one_image_2',
      'one_image_3',
      'one_image_4',
      'two_image_1',
      'self.conv1',
      'self.relu',
      'self.linear',
      'label_one',
      'label_two',
    ]);
    const byName = new Map(found.map((f) => [(f as Literal).name, f]));
    assertTensor(
      asTensor(byName.get('one_image_3')),
      [10, 10],
      Array.from({ length: 100 }, (_, i) => (i % 10 === 2 ? 1 : 0)),
    );
    assert.equal(
      asTensor(byName.get('two_image_1')).data.reduce((a, b) => a + b, 0),
      32,
    );
    assert.deepEqual(asLayer(byName.get('self.linear')).linear, { inFeatures: 360, outFeatures: 10, bias: true });
    assert.deepEqual(asTensor(byName.get('label_one')).shape, [1, 10]);
    assert.equal(found.filter((f) => f.kind === 'layer' && f.layer === 'conv2d').length, 3);
  });

  it('reads the tutorial: each image/kernel pair matches the PyTorch goldens', () => {
    const goldens = readGolden<{
      cases: { name: string; image: number[][]; kernel: number[][] }[];
    }>('seed_examples.json');
    const found = tensors(literalsInDocument(tutorial));
    const images = found.filter((t) => t.name === 'image_tensor');
    const kernels = found.filter((t) => t.name === 'kernel_tensor');
    assert.equal(images.length, 4);
    for (let i = 0; i < 4; i++) {
      assertTensor(images[i], [5, 5], goldens.cases[i].image.flat());
      assertTensor(kernels[i], [3, 3], goldens.cases[i].kernel.flat());
      assert.equal(images[i].dtype, 'float32');
    }
    const data = found.filter((t) => t.name === 'data');
    assert.deepEqual(
      data.map((d) => d.shape),
      [
        [4, 4],
        [1, 1, 4, 4],
        [1, 1, 4, 4],
      ],
    );
    const layers = literalsInDocument(tutorial)
      .filter((f) => f.kind === 'layer')
      .map((f) => asLayer(f));
    assert.deepEqual(
      layers.map((l) => [l.name, l.layer]),
      [
        ['conv', 'Conv2d'],
        ['conv', 'Conv2d'],
        ['conv', 'Conv2d'],
        ['self.conv1', 'Conv2d'],
        ['self.linear', 'Linear'],
      ],
    );
    assert.equal(layers[2].conv!.bias, false);
    assert.deepEqual(layers[2].conv!.padding, [1, 1]);
    const labels = found.filter((t) => t.name === 'label_tensor');
    assert.deepEqual(
      labels.map((l) => Array.from(l.data).indexOf(1)),
      [1, 2],
    );
  });

  it('reads examples/tensors.json with keys as names', () => {
    const found = tensors(literalsInDocument(readFileSync('examples/tensors.json', 'utf8'), { language: 'json' }));
    assert.deepEqual(
      found.map((t) => [t.name, t.shape]),
      [
        ['image', [5, 5]],
        ['kernel', [3, 3]],
        ['circle', [5, 5]],
        ['sobel_x', [1, 1, 3, 3]],
        ['rgb_pixel', [3, 1, 1]],
      ],
    );
    assertTensor(found[3], [1, 1, 3, 3], [-1, 0, 1, -2, 0, 2, -1, 0, 1]);
    assertTensor(found[4], [3, 1, 1], [0.5, 0.25, 0.15]);
  });

  it('reads examples/tensors.ts', () => {
    const found = tensors(literalsInDocument(readFileSync('examples/tensors.ts', 'utf8'), { language: 'typescript' }));
    assert.deepEqual(
      found.map((t) => [t.name, t.syntax, t.shape]),
      [
        ['diagonalImage', 'js-array', [5, 5]],
        ['diagonalKernel', 'Float32Array', [9]],
        ['horizontalKernel', 'tf.tensor2d', [3, 3]],
        ['sobelX', 'js-array', [3, 3]],
      ],
    );
  });

  it('reports errors only when asked, and skips non-numeric lists and subscripts', () => {
    const text = 'a = x[0]\nnames = ["a", "b"]\nbad = torch.tensor([[1], [2, 3]])\nok = [1.5]';
    assert.deepEqual(
      literalsInDocument(text).map((f) => (f as Literal).name),
      ['ok'],
    );
    const withErrors = literalsInDocument(text, { includeErrors: true });
    assert.equal(withErrors.length, 2);
    assert.equal(asError(withErrors[0]).message, 'row 2 has 2 elements, expected 1');
  });
});
