// tidy() hands a step's activations back to the pool; the bitwise ReLU and the 2×2 max-pool path equal their plain loops.
import * as assert from 'node:assert/strict';
import { conv2d, maxPool2d, relu, tensor, tidy } from '../../../src/core/engine/index';

const big = (seed: number, n = 300_000) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.7 + seed) * 3);

describe('tidy: a step scope for large outputs', () => {
  it('outputs made inside and not returned serve the next outputs of their size', () => {
    const x = tensor(big(1), [300_000]);
    let inner: ArrayBufferLike | null = null;
    tidy(() => {
      inner = relu(x).data.buffer;
      return 0;
    });
    const next = relu(x);
    assert.equal(next.data.buffer, inner, 'the released storage was reused');
  });

  it('a returned tensor keeps its storage (it is never handed out while held)', () => {
    const x = tensor(big(2), [300_000]);
    const kept = tidy(() => relu(relu(x)));
    const copy = kept.data.slice();
    const others = Array.from({ length: 3 }, () => relu(x));
    for (const o of others) assert.notEqual(o.data.buffer, kept.data.buffer);
    assert.deepEqual(kept.data, copy);
  });

  it('a nested scope passes what it keeps to the outer scope, which gives it back at its end', () => {
    const x = tensor(big(3), [300_000]);
    let fromInner: ArrayBufferLike | null = null;
    tidy(() => {
      const y = tidy(() => relu(x));
      fromInner = y.data.buffer;
      assert.equal(relu(x).data.buffer === fromInner, false, 'still held inside the outer scope');
      return 0;
    });
    const seen = new Set(Array.from({ length: 3 }, () => relu(x).data.buffer));
    assert.ok(seen.has(fromInner!), 'given back when the outer scope ended');
  });

  it('a step that throws still gives its outputs back, and the error reaches the caller', () => {
    const x = tensor(big(4), [300_000]);
    let made: ArrayBufferLike | null = null;
    assert.throws(
      () =>
        tidy(() => {
          made = relu(x).data.buffer;
          throw new Error('bad step');
        }),
      /bad step/,
    );
    assert.equal(relu(x).data.buffer, made);
  });

  it('a conv output made inside a scope is reused by the same conv in the next scope, with the same values', () => {
    const x = tensor(big(5, 3 * 96 * 96), [1, 3, 96, 96]),
      w = tensor(big(6, 32 * 27), [32, 3, 3, 3]);
    const want = conv2d(x, w, null, { padding: 1 }).data.slice();
    let first: ArrayBufferLike | null = null;
    tidy(() => {
      first = conv2d(x, w, null, { padding: 1 }).data.buffer;
      return 0;
    });
    const again = tidy(() => conv2d(x, w, null, { padding: 1 }));
    assert.equal(again.data.buffer, first);
    assert.deepEqual(again.data, want);
  });
});

describe('relu on the float bits (large tensors) equals the branchy loop bit for bit', () => {
  it('±0, ±∞, NaNs of either sign, subnormals, and the gradient where the output is 0, NaN or positive', () => {
    const n = 5000;
    const f = Float32Array.from({ length: n }, (_, i) => Math.sin(i * 1.3) * 5);
    [0, -0, 1, -1, Infinity, -Infinity, NaN, 1e-45, -1e-45, 3.4e38, -3.4e38].forEach((v, i) => (f[i] = v));
    const bits = new Int32Array(f.buffer);
    bits[20] = 0xffc00000 | 0; // a negative quiet NaN (x86's default NaN)
    bits[21] = 0x7fc00001;
    bits[22] = 0xff800001 | 0;
    const g = Float32Array.from({ length: n }, (_, i) => Math.cos(i * 0.9));
    g[3] = NaN;
    g[4] = Infinity;
    g[5] = -0;
    const x = tensor(f, [n], { requiresGrad: true });
    const y = relu(x);
    y.backward(tensor(g, [n]));
    const same = (a: number, b: number) => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));
    for (let i = 0; i < n; i++) {
      const want = f[i] <= 0 ? 0 : f[i];
      assert.ok(same(y.data[i], want), `relu [${i}] ${f[i]}: ${y.data[i]} ≠ ${want}`);
      const wantG = want > 0 ? g[i] : 0;
      assert.ok(same(x.grad!.data[i], wantG), `grad [${i}]: ${x.grad!.data[i]} ≠ ${wantG}`);
    }
  });
});

describe('max_pool2d(2): the unrolled 2×2 path', () => {
  it('values, first maximum on ties, NaN wins, and the gradient goes to the argmax', () => {
    const [n, c, h, w] = [2, 3, 9, 8]; // odd height: the last row is left out, as PyTorch does
    const f = Float32Array.from({ length: n * c * h * w }, (_, i) => Math.round(Math.sin(i * 2.1) * 3));
    f[9] = NaN;
    const x = tensor(f, [n, c, h, w], { requiresGrad: true });
    const y = maxPool2d(x, { kernelSize: 2 });
    assert.deepEqual(y.shape, [n, c, 4, 4]);
    const g = Float32Array.from({ length: y.numel }, (_, i) => i + 1);
    y.backward(tensor(g, y.shape));
    const gx = new Float32Array(f.length);
    for (let p = 0; p < n * c; p++)
      for (let oh = 0; oh < 4; oh++)
        for (let ow = 0; ow < 4; ow++) {
          let best = -Infinity,
            at = -1;
          for (let i = 0; i < 2; i++)
            for (let j = 0; j < 2; j++) {
              const k = p * h * w + (2 * oh + i) * w + 2 * ow + j;
              if (at < 0 || f[k] > best || Number.isNaN(f[k])) [best, at] = [f[k], k];
            }
          const o = (p * 4 + oh) * 4 + ow;
          assert.ok(Object.is(y.data[o], best) || (Number.isNaN(best) && Number.isNaN(y.data[o])), `out [${o}]`);
          gx[at] += g[o];
        }
    assert.deepEqual(x.grad!.data, gx);
  });
});
