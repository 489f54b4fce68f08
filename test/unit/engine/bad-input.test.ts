// Bad input never crashes or hangs: shapes that don't fit, NaN/Infinity data, the size limit, misuse of autograd.
import * as assert from 'node:assert/strict';
import {
  DEFAULT_MAX_ELEMENTS,
  TorchError,
  conv2d,
  crossEntropy,
  getMaxElements,
  linear,
  maxPool2d,
  nn,
  relu,
  setMaxElements,
  tensor,
  zeros,
} from '../../../src/core/engine/index';

const torchError = (type: string, message: string | RegExp) => (err: unknown) => {
  assert.ok(err instanceof TorchError, `expected TorchError, got ${String(err)}`);
  assert.equal(err.type, type);
  if (typeof message === 'string') assert.equal(err.message, message);
  else assert.match(err.message, message);
  return true;
};

describe('engine: size limit', () => {
  afterEach(() => setMaxElements(DEFAULT_MAX_ELEMENTS));

  it('defaults to 16M elements', () => {
    assert.equal(getMaxElements(), 16 * 1024 * 1024);
  });

  it('refuses to build a tensor above the default limit, without allocating it', () => {
    const t0 = Date.now();
    assert.throws(() => zeros([1, 1, 5000, 5000]), /25,000,000 elements, above the limit of 16,777,216/);
    assert.ok(Date.now() - t0 < 500);
  });

  it('applies a configured limit to inputs and to conv2d outputs', () => {
    setMaxElements(1000);
    assert.throws(() => tensor(new Float32Array(1001)), /above the limit of 1,000/);
    const x = zeros([1, 1, 20, 20]); // 400 elements: fine
    assert.throws(() => conv2d(x, zeros([8, 1, 3, 3]), null, { padding: 1 }), /conv2d output of shape \[1, 8, 20, 20\] has 3,200 elements/);
    assert.throws(
      () => conv2d(x, zeros([1, 1, 3, 3]), null, { padding: 20, stride: 10, paddingMode: 'replicate' }),
      /padded input of shape \[1, 1, 60, 60\]/,
    );
  });

  it('rejects a nonsensical limit', () => {
    assert.throws(() => setMaxElements(0), RangeError);
    assert.throws(() => setMaxElements(Number.NaN), RangeError);
  });
});

describe('engine: NaN and Infinity', () => {
  it('conv2d propagates NaN only to the windows that see it, and 0·∞ gives NaN as in PyTorch', () => {
    const data = new Float32Array(25);
    data[0] = Number.NaN;
    const y = conv2d(tensor(data, [1, 1, 5, 5]), tensor(new Float32Array(9).fill(1), [1, 1, 3, 3]));
    assert.ok(Number.isNaN(y.data[0]));
    assert.equal(y.data[8], 0);
    const inf = new Float32Array(9).fill(0);
    inf[4] = Infinity;
    const z = conv2d(tensor(inf, [1, 3, 3]), zeros([1, 1, 3, 3]));
    assert.ok(Number.isNaN(z.data[0]));
  });

  it('relu, max_pool2d, linear and cross_entropy keep NaN/∞ without throwing, and backward runs', () => {
    const x = tensor(
      [
        [
          [
            [Number.NaN, 1],
            [2, Infinity],
          ],
        ],
      ],
      undefined,
      { requiresGrad: true },
    );
    assert.ok(Number.isNaN(relu(x).data[0]));
    assert.ok(Number.isNaN(maxPool2d(x, { kernelSize: 2 }).data[0]));
    const logits = tensor([[Infinity, 0, 1]], undefined, { requiresGrad: true });
    const loss = crossEntropy(logits, tensor([1]));
    assert.ok(!Number.isFinite(loss.item()) || Number.isNaN(loss.item()));
    loss.backward();
    assert.equal(logits.grad!.numel, 3);
    const l = linear(tensor([[Number.NaN, 1]]), tensor([[1, 1]]));
    assert.ok(Number.isNaN(l.data[0]));
  });
});

describe('engine: shapes that do not fit', () => {
  it('conv2d reports PyTorch errors as TorchError', () => {
    assert.throws(
      () => conv2d(zeros([1, 2, 4, 4]), zeros([1, 1, 3, 3])),
      torchError(
        'RuntimeError',
        'Given groups=1, weight of size [1, 1, 3, 3], expected input[1, 2, 4, 4] to have 1 channels, but got 2 channels instead',
      ),
    );
    assert.throws(() => conv2d(zeros([4, 4]), zeros([1, 1, 3, 3])), torchError('RuntimeError', /^Expected 3D \(unbatched\) or 4D/));
  });

  it('tensor() rejects ragged nested arrays like torch.tensor', () => {
    assert.throws(() => tensor([[1, 2], [3]]), torchError('ValueError', 'expected sequence of length 2 at dim 1 (got 1)'));
  });

  it('view() rejects impossible shapes', () => {
    assert.throws(() => tensor([1, 2, 3, 4, 5]).view(2, 3), torchError('RuntimeError', "shape '[2, 3]' is invalid for input of size 5"));
    assert.throws(() => tensor([1, 2, 3, 4]).view(-1, -1), torchError('RuntimeError', 'only one dimension can be inferred'));
    assert.deepEqual([...tensor([1, 2, 3, 4, 5, 6]).view(3, -1).shape], [3, 2]);
  });

  it('linear and cross_entropy report mismatches as PyTorch does', () => {
    assert.throws(
      () => linear(zeros([2, 3]), zeros([4, 5])),
      torchError('RuntimeError', 'mat1 and mat2 shapes cannot be multiplied (2x3 and 5x4)'),
    );
    assert.throws(
      () => crossEntropy(zeros([4, 10]), tensor([1, 2, 3])),
      torchError('ValueError', 'Expected input batch_size (4) to match target batch_size (3).'),
    );
    assert.throws(() => crossEntropy(zeros([4, 10]), tensor([1, 2, 3, 10])), torchError('IndexError', 'Target 10 is out of bounds.'));
  });

  it('max_pool2d reports output too small and bad padding', () => {
    assert.throws(
      () => maxPool2d(zeros([3, 2, 2]), { kernelSize: 3 }),
      torchError('RuntimeError', 'Given input size: (3x2x2). Calculated output size: (3x0x0). Output size is too small'),
    );
    assert.throws(
      () => maxPool2d(zeros([1, 3, 5, 5]), { kernelSize: 3, stride: 1, padding: 2 }),
      torchError('RuntimeError', 'pad should be at most half of kernel size, but got pad=2 and kernel_size=3'),
    );
  });

  it('loadStateDict rejects missing keys and wrong shapes', () => {
    const m = new nn.Linear(3, 2);
    assert.throws(
      () => m.loadStateDict({ weight: { shape: [2, 3], data: new Float32Array(6) } }),
      /Missing key\(s\) in state_dict: "bias"/,
    );
    assert.throws(
      () => m.loadStateDict({ weight: { shape: [3, 2], data: new Float32Array(6) }, bias: { shape: [2], data: [0, 0] } }),
      /size mismatch for weight/,
    );
  });
});

describe('engine: autograd misuse', () => {
  it('backward on a tensor without grad, or a non-scalar without a gradient, throws PyTorch errors', () => {
    assert.throws(
      () => tensor([1, 2]).backward(),
      torchError('RuntimeError', 'element 0 of tensors does not require grad and does not have a grad_fn'),
    );
    const y = relu(tensor([1, -2], undefined, { requiresGrad: true }));
    assert.throws(() => y.backward(), torchError('RuntimeError', 'grad can be implicitly created only for scalar outputs'));
    assert.throws(() => y.backward(tensor([1, 2, 3])), torchError('RuntimeError', /^Mismatch in shape/));
  });

  it('gradients accumulate across backward calls like PyTorch', () => {
    const x = tensor([1, -2, 3], undefined, { requiresGrad: true });
    relu(x).backward(tensor([1, 1, 1]));
    relu(x).backward(tensor([1, 1, 1]));
    assert.deepEqual([...x.grad!.data], [2, 0, 2]);
  });

  it('linear and conv2d add into an existing .grad exactly like a fresh backward twice', () => {
    const x = tensor(
      [
        [0.5, -1, 2],
        [1.5, 0.25, -0.75],
      ],
      undefined,
      { requiresGrad: true },
    );
    const w = tensor(
      [
        [1, 2, 3],
        [-1, 0.5, 0],
      ],
      undefined,
      { requiresGrad: true },
    );
    const b = tensor([0.1, -0.2], undefined, { requiresGrad: true });
    const gy = tensor([
      [1, -2],
      [0.5, 3],
    ]);
    linear(x, w, b).backward(gy);
    const once = [w.grad!.data.slice(), b.grad!.data.slice(), x.grad!.data.slice()];
    linear(x, w, b).backward(gy);
    [w.grad!.data, b.grad!.data, x.grad!.data].forEach((g, i) => g.forEach((v, j) => assert.equal(v, Math.fround(2 * once[i][j]))));
    const img = tensor(
      Float32Array.from({ length: 36 }, (_, i) => Math.sin(i)),
      [1, 1, 6, 6],
      { requiresGrad: true },
    );
    const k = tensor(
      Float32Array.from({ length: 18 }, (_, i) => Math.cos(i)),
      [2, 1, 3, 3],
      { requiresGrad: true },
    );
    const g2 = tensor(
      Float32Array.from({ length: 32 }, (_, i) => (i % 5) - 2),
      [1, 2, 4, 4],
    );
    conv2d(img, k).backward(g2);
    const kOnce = k.grad!.data.slice();
    conv2d(img, k).backward(g2);
    k.grad!.data.forEach((v, j) => assert.ok(Math.abs(v - 2 * kOnce[j]) <= 1e-6 * Math.max(1, Math.abs(v))));
  });

  it('recycled gradient buffers never leak into user tensors or later backward passes', () => {
    const gy = tensor([[1, -2, 3]]);
    const keep = gy.data.slice();
    const x = tensor([[0.5, -1, 2]], undefined, { requiresGrad: true });
    relu(x).backward(gy);
    assert.deepEqual([...gy.data], [...keep]);
    const firstGrad = x.grad!.data.slice();
    for (let i = 0; i < 5; i++) {
      const a = tensor([[1, 2, 3]], undefined, { requiresGrad: true });
      relu(a).backward(tensor([[7, 7, 7]]));
      assert.deepEqual([...a.grad!.data], [7, 7, 7]);
      const b = tensor([[-1, 2, -3]], undefined, { requiresGrad: true });
      relu(b).backward(tensor([[5, 5, 5]]));
      assert.deepEqual([...b.grad!.data], [0, 5, 0]);
    }
    assert.deepEqual([...x.grad!.data], [...firstGrad]);
  });
});
