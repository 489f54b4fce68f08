// Following the panel's literal through edits: range shifting by content changes and finding it again by range or name.
import { strict as assert } from 'node:assert';
import { refind, shiftRange, type ContentChange } from '../../../src/convolve/follow-literal';
import { finderFor } from '../../../src/convolve/literal-finder';

const py = finderFor('python');
const edit = (text: string, c: ContentChange) => text.slice(0, c.rangeOffset) + c.text + text.slice(c.rangeOffset + c.rangeLength);

describe('shiftRange', () => {
  const r = { start: 10, end: 20 };
  it('moves with edits before it and ignores edits after it', () => {
    assert.deepEqual(shiftRange(r, [{ rangeOffset: 2, rangeLength: 0, text: 'abc' }]), { start: 13, end: 23 });
    assert.deepEqual(shiftRange(r, [{ rangeOffset: 0, rangeLength: 5, text: '' }]), { start: 5, end: 15 });
    assert.deepEqual(shiftRange(r, [{ rangeOffset: 20, rangeLength: 3, text: 'xyz!' }]), r);
  });
  it('grows and shrinks with edits inside it; typing at its start stays inside', () => {
    assert.deepEqual(shiftRange(r, [{ rangeOffset: 12, rangeLength: 1, text: '22' }]), { start: 10, end: 21 });
    assert.deepEqual(shiftRange(r, [{ rangeOffset: 10, rangeLength: 0, text: 'x' }]), { start: 10, end: 21 });
    assert.deepEqual(shiftRange(r, [{ rangeOffset: 15, rangeLength: 10, text: '' }]), { start: 10, end: 15 });
  });
  it('applies several changes of one event (non-overlapping, any order)', () => {
    const changes = [
      { rangeOffset: 12, rangeLength: 0, text: 'aa' },
      { rangeOffset: 0, rangeLength: 0, text: 'b' },
      { rangeOffset: 30, rangeLength: 0, text: 'c' },
    ];
    assert.deepEqual(shiftRange(r, changes), { start: 11, end: 23 });
  });
});

describe('refind', () => {
  const text = 'a = 1\nimg = torch.tensor([[1, 1], [1, 1]])\nk = [[1, 0], [0, 1]]\n';
  const start = text.indexOf('torch');
  const followed = { range: { start, end: text.indexOf(')\n') + 1 }, name: 'img' };

  it('finds the edited literal inside its shifted range, with new values', () => {
    const change = { rangeOffset: text.indexOf('1, 1]]'), rangeLength: 1, text: '7' };
    const after = edit(text, change);
    const r = refind(py, after, { ...followed, range: shiftRange(followed.range, [change]) });
    assert.equal(r?.kind, 'tensor');
    assert.deepEqual(r?.kind === 'tensor' && Array.from(r.data), [1, 1, 7, 1]);
    assert.equal(r?.kind === 'tensor' && r.name, 'img');
  });

  it('falls back to the variable name when the range no longer holds it', () => {
    const after = `# moved\n${text.replace('img = ', 'img  =  ')}`;
    const r = refind(py, after, followed);
    assert.equal(r?.kind, 'tensor');
    assert.equal(r?.kind === 'tensor' && r.name, 'img');
  });

  it('reports a parse error at its place in the document while the user is mid-edit', () => {
    const change = { rangeOffset: text.indexOf(', [1, 1]]'), rangeLength: 0, text: ', [1,' };
    const after = edit(text, change);
    const r = refind(py, after, { ...followed, range: shiftRange(followed.range, [change]), name: undefined });
    assert.equal(r?.kind, 'error');
    assert.ok(r && r.range.start >= start, 'error offset is absolute');
  });
});
