// Convolve Selection's command logic with the real literal parser: selection or cursor → request, titles, candidates, errors.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolveRequest, lineColumn, type ConvolveRequest, type RequestError } from '../../../src/convolve/selection-request';
import { finderFor } from '../../../src/convolve/literal-finder';

const FILE = 'examples/conv2d_intro.py';
const text = readFileSync(new URL('../../../examples/conv2d_intro.py', import.meta.url), 'utf8');
const py = finderFor('python');
const ok = (r: ConvolveRequest | RequestError): ConvolveRequest => {
  if ('message' in r) assert.fail(r.message);
  return r;
};
const err = (r: ConvolveRequest | RequestError): RequestError => {
  assert.ok('message' in r, 'expected an error');
  return r;
};

describe('resolveRequest', () => {
  const imageStart = text.indexOf('torch.tensor([', text.indexOf('image_tensor ='));
  const imageEnd = text.indexOf('.view(1, 1, 5, 5)', imageStart) + '.view(1, 1, 5, 5)'.length;

  it("selecting image_tensor's literal gives the 5×5 ones viewed as 1×1×5×5, titled with name and line", () => {
    const r = ok(resolveRequest(py, text, { start: imageStart, end: imageEnd }, FILE));
    const line = lineColumn(text, imageStart).line;
    assert.equal(r.title, `image_tensor (${FILE}:${line})`);
    assert.deepEqual(r.input.shape, [1, 1, 5, 5]);
    assert.deepEqual(r.input.data, new Array(25).fill(1));
    assert.equal(r.name, 'image_tensor');
    assert.deepEqual(r.range, { start: imageStart, end: imageEnd });
  });

  it('selecting the whole assignment line range works the same', () => {
    const lineStart = text.indexOf('image_tensor =');
    const r = ok(resolveRequest(py, text, { start: lineStart, end: imageEnd }, FILE));
    assert.equal(r.name, 'image_tensor');
    assert.deepEqual(r.input.shape, [1, 1, 5, 5]);
  });

  it('with no selection takes the literal under the cursor', () => {
    const inside = text.indexOf('[0, -1, 0]');
    const r = ok(resolveRequest(py, text, { start: inside, end: inside }, FILE));
    assert.equal(r.name, 'kernel_tensor');
    assert.deepEqual(r.input.data, [1, 0, 0, 0, -1, 0, 0, 0, 1]);
  });

  it("lists the file's other literals as kernels by name, without the input itself", () => {
    const r = ok(resolveRequest(py, text, { start: imageStart, end: imageEnd }, FILE));
    const names = r.candidates.map((c) => c.name);
    assert.ok(names.includes('kernel_tensor'), names.join(','));
    assert.ok(names.includes('diagonal_kernel'));
    assert.ok(!names.includes('image_tensor'));
    const k = r.candidates.find((c) => c.name === 'kernel_tensor');
    assert.deepEqual(k?.shape, [3, 3]);
    assert.equal(k?.line, lineColumn(text, text.indexOf('kernel_tensor =')).line);
  });

  it('a selection holding two literals uses the second as the kernel', () => {
    const src = 'x = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]\nk = [[0, 1], [1, 0]]\n';
    const r = ok(resolveRequest(py, src, { start: 0, end: src.length }, 'two.py'));
    assert.deepEqual(r.input.shape, [3, 3]);
    assert.equal(r.kernel, 'k');
    assert.deepEqual(r.candidates.find((c) => c.name === 'k')?.data, [0, 1, 1, 0]);
  });

  it('explains a cursor outside any literal, with its line and column', () => {
    const at = text.indexOf('import torch.nn as nn') + 3;
    const e = err(resolveRequest(py, text, { start: at, end: at }, FILE));
    const { line, column } = lineColumn(text, at);
    assert.equal(e.line, line);
    assert.equal(e.column, column);
    assert.match(e.message, new RegExp(`^${FILE}:${line}:${column}: no tensor literal at the cursor`));
  });

  it("reports a selection that doesn't parse at the problem's location in the file", () => {
    const src = 'a = 1\nimg = torch.tensor([[1, 2, 3], [4, 5]])\n';
    const start = src.indexOf('img');
    const e = err(resolveRequest(py, src, { start, end: src.length }, 'bad.py'));
    assert.equal(e.line, 2);
    assert.match(e.message, /^bad\.py:2:\d+: /);
    assert.ok(e.column > 1);
  });

  it('a selection without literals says so', () => {
    const src = 'print("hello")\n';
    const e = err(resolveRequest(py, src, { start: 0, end: 14 }, 'x.py'));
    assert.match(e.message, /^x\.py:1:1: /);
  });
});
