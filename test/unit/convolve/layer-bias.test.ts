// A layer's bias reaches the panel as PyTorch's: one value per output channel (Explain This Layer), not one number or none.
import { strict as assert } from 'node:assert';
import { checkKernelConvArgs } from '../../../src/convolve/tensor-args';
import { biasOf, biasVector, DEFAULT_CONV2D_ARGS } from '../../../src/core/protocol/convolution';
import { conv2dSnippet } from '../../../src/core/render/snippet';
import { conv2d, tensor } from '../../../src/core/engine/index';

describe("a layer's per-output-channel bias", () => {
  it('tensorLens.useKernel keeps a bias vector from args (and a single value as before)', () => {
    const args = checkKernelConvArgs({ args: { ...DEFAULT_CONV2D_ARGS, bias: [0.5, -2] } });
    assert.ok(args && typeof args === 'object');
    assert.deepEqual(args.bias, [0.5, -2]);
    const one = checkKernelConvArgs({ args: { ...DEFAULT_CONV2D_ARGS, bias: 3 } });
    assert.ok(one && typeof one === 'object');
    assert.equal(one.bias, 3);
  });

  it('biasVector and biasOf give each output channel its own value', () => {
    assert.deepEqual(Array.from(biasVector([0.5, -2], 2)!), [0.5, -2]);
    assert.deepEqual(Array.from(biasVector(1.5, 3)!), [1.5, 1.5, 1.5]);
    assert.equal(biasVector(null, 3), null);
    assert.deepEqual([biasOf([0.5, -2], 0), biasOf([0.5, -2], 1), biasOf(7, 1), biasOf(null, 0)], [0.5, -2, 7, null]);
  });

  it('the output with the vector is the layer output: F.conv2d(x, w, b) channel by channel', () => {
    const x = tensor(
      Float32Array.from({ length: 16 }, (_, i) => i),
      [1, 1, 4, 4],
    );
    const w = tensor([1, 0, 0, -1, 0.5, 0.5, 0.5, 0.5], [2, 1, 2, 2]);
    const b = biasVector([0.5, -2], 2)!;
    const y = conv2d(x, w, tensor(b, [2]));
    // torch: F.conv2d(torch.arange(16.).view(1,1,4,4), w, torch.tensor([0.5, -2.]))[0, :, 0, 0] = [-4.5, 3.]
    assert.deepEqual([y.data[0], y.data[9]], [-4.5, 3]);
  });

  it('the snippet writes the vector as torch.tensor([...]), so PyTorch computes the same', () => {
    const text = conv2dSnippet({
      input: { shape: [4, 4], data: new Array(16).fill(1) },
      weight: { shape: [2, 1, 2, 2], data: new Array(8).fill(1) },
      args: { ...DEFAULT_CONV2D_ARGS, bias: [0.5, -2] },
    });
    assert.match(text, /^b = torch\.tensor\(\[0\.5, -2\.\]\)$/m);
  });
});
