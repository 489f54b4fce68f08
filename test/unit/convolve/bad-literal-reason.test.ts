// A wrong literal gets its true reason on both surfaces (Convolve Selection and the hover), never "computed when the program runs".
import { strict as assert } from 'node:assert';
import { resolveRequest, type ConvolveRequest, type RequestError } from '../../../src/convolve/selection-request';
import { finderFor } from '../../../src/convolve/literal-finder';
import { HoverService } from '../../../src/hover/service';
import { doc, env } from '../hover/helpers';

const py = finderFor('python');
const FILE = 'bad.py';
const err = (r: ConvolveRequest | RequestError): RequestError => {
  assert.ok('message' in r, 'expected a message');
  return r;
};

/** Each bad literal, the true reason PyTorch's user needs, and where (1-based column) it points. */
const BAD: { text: string; reason: string; column: number }[] = [
  { text: 'x = torch.tensor([[1,2,3],[4,5]])', reason: 'row 2 has 2 elements, expected 3', column: 27 },
  { text: 'x = torch.tensor([[1,2,3],[4,5,6]', reason: "'[' was never closed", column: 18 },
  { text: 'x = torch.tensor([3, foo])', reason: "expected a number, found 'foo'", column: 22 },
  { text: 'x = torch.zeros(4097, 4097)', reason: 'tensor has more than 16777216 elements', column: 5 },
  { text: 'x = np.array([[1, 2], [3]])', reason: 'row 2 has 1 element, expected 2', column: 23 },
];

describe('a bad literal: one reason, the true one, on every surface', () => {
  for (const { text, reason, column } of BAD) {
    describe(text, () => {
      it('Convolve Selection on the whole line gives the reason, without offering to debug', () => {
        const r = err(resolveRequest(py, text, { start: 0, end: text.length }, FILE));
        assert.equal(r.message, `${FILE}:1:${column}: ${reason}`);
        assert.equal(r.runtime, undefined);
      });
      it('Convolve Selection with the cursor inside gives the same', () => {
        const at = text.indexOf('(') + 2;
        const r = err(resolveRequest(py, text, { start: at, end: at }, FILE));
        assert.equal(r.message, `${FILE}:1:${column}: ${reason}`);
        assert.equal(r.runtime, undefined);
      });
      it('the hover on the same text gives the same reason', () => {
        const r = new HoverService().provide(doc(text, 'python', FILE), text.indexOf('(') + 2, env());
        assert.ok(r, 'a hover');
        assert.equal(r.answer.kind, 'error');
        const shown = r.answer.markdown.replace(/\\(.)/g, '$1'); // markdown escapes
        assert.equal(shown, `$(error) Tensor Lens: ${FILE}:1:${column}: ${reason}`);
        assert.ok(!/computed when the program runs/.test(r.answer.markdown));
      });
    });
  }

  it('code that is no literal form at all is still "computed when the program runs", with debugging offered', () => {
    for (const [text, why] of [
      ['x = torch.tensor(data)', 'it is computed from `torch.tensor`'],
      ['x = model(y)', 'it is computed from `model`'],
      ['x = torch.randn(3, 3)', 'torch.randn draws random values'],
      ['x = [i * 2 for i in range(3)]', 'it is built by a list comprehension'],
    ]) {
      const r = err(resolveRequest(py, text, { start: 0, end: text.length }, FILE));
      assert.equal(r.runtime, true, text);
      assert.ok(r.message.endsWith(`(${why}).`), r.message);
    }
  });
});
