// Ownership of pooled large outputs: reused only after dispose() (or GC), never while a tensor still holds them.
import * as assert from 'node:assert/strict';
import { conv2d, tensor } from '../../../src/core/engine/index';

function input(seed: number) {
  const x = Float32Array.from({ length: 3 * 96 * 96 }, (_, i) => Math.sin(i * 0.37 + seed));
  const w = Float32Array.from({ length: 32 * 3 * 3 * 3 }, (_, i) => Math.cos(i * 0.11 + seed));
  return { x: tensor(x, [1, 3, 96, 96]), w: tensor(w, [32, 3, 3, 3]) };
}

describe('memory: pooled conv outputs', () => {
  it('a disposed output’s storage serves the next output of that size, with correct values', () => {
    const a = input(1);
    const y1 = conv2d(a.x, a.w, null, { padding: 1 });
    assert.ok(y1.numel >= 256 * 1024, 'large enough to be pooled');
    const storage = y1.data.buffer;
    const expected = conv2d(a.x, a.w, null, { padding: 1 }).data.slice();
    y1.dispose();
    assert.equal(y1.numel, 0, 'a disposed tensor is empty');
    const y2 = conv2d(a.x, a.w, null, { padding: 1 });
    assert.equal(y2.data.buffer, storage, 'reused the released pages');
    assert.deepEqual(y2.data, expected);
  });

  it('an output still held is never handed out again', () => {
    const a = input(2),
      b = input(3);
    const held = conv2d(a.x, a.w, null, { padding: 1 });
    const snapshot = held.data.slice();
    const outputs = Array.from({ length: 5 }, () => conv2d(b.x, b.w, null, { padding: 1 }));
    for (const y of outputs) assert.notEqual(y.data.buffer, held.data.buffer);
    assert.deepEqual(held.data, snapshot, 'the held output is unchanged');
    outputs.forEach((y) => y.dispose());
  });

  it('dispose() of a tensor the engine did not pool leaves it intact', () => {
    const t = tensor([1, 2, 3]);
    t.dispose();
    assert.deepEqual([...t.data], [1, 2, 3]);
    const small = conv2d(tensor(new Float32Array(16), [1, 1, 4, 4]), tensor(new Float32Array(9).fill(1), [1, 1, 3, 3]));
    small.dispose();
    assert.equal(small.numel, 4, 'small outputs are slab views, not pooled');
  });

  it('disposing twice gives the storage back once', () => {
    const a = input(4);
    const y = conv2d(a.x, a.w, null, { padding: 1 });
    y.dispose();
    y.dispose();
    const u = conv2d(a.x, a.w, null, { padding: 1 }),
      v = conv2d(a.x, a.w, null, { padding: 1 });
    assert.notEqual(u.data.buffer, v.data.buffer);
  });
});
