// tensorLens.useKernel's argument: titled 2-D/3-D/4-D tensors with Float32Array or number[] data; one-line reasons otherwise.
import { strict as assert } from 'node:assert';
import { checkKernelArg, checkKernelConvArgs } from '../../../src/convolve/tensor-args';

describe('tensorLens.useKernel argument', () => {
  it('takes a [kH, kW] kernel with Float32Array data (as the debugger and tensor files send it)', () => {
    const k = checkKernelArg({ title: 'sobel', shape: [3, 3], data: Float32Array.from([1, 0, -1, 2, 0, -2, 1, 0, -1]) });
    assert.notEqual(typeof k, 'string');
    assert.deepEqual(k, { title: 'sobel', shape: [3, 3], data: [1, 0, -1, 2, 0, -2, 1, 0, -1], format: undefined });
  });

  it('takes a [C_out, C_in, kH, kW] weight and keeps NaN', () => {
    const k = checkKernelArg({ title: 'conv1.weight', shape: [2, 1, 1, 2], data: [1, NaN, -Infinity, 0] });
    assert.ok(typeof k !== 'string');
    assert.deepEqual(k.shape, [2, 1, 1, 2]);
    assert.ok(Number.isNaN(k.data[1]));
    assert.equal(k.data[2], -Infinity);
  });

  it('refuses 1-D and 5-D tensors, empty kernels, wrong sizes and a missing title', () => {
    assert.match(String(checkKernelArg({ title: 'b', shape: [3], data: [1, 2, 3] })), /needs 2, 3 or 4 dimensions.*shape \[3\]/);
    assert.match(String(checkKernelArg({ title: 'w', shape: [1, 1, 1, 1, 1], data: [1] })), /needs 2, 3 or 4 dimensions/);
    assert.equal(checkKernelArg({ title: 'e', shape: [0, 3], data: [] }), "a kernel can't be empty (shape [0, 3])");
    assert.equal(checkKernelArg({ title: 'k', shape: [2, 2], data: [1] }), 'shape [2, 2] needs 4 values, got 1');
    assert.equal(checkKernelArg({ shape: [2, 2], data: [1, 2, 3, 4] }), 'title must be a string');
  });

  it("takes a layer's own arguments with its weight (Explain this layer), and says what is wrong with bad ones", () => {
    const layer = {
      inChannels: 3,
      outChannels: 16,
      stride: [2, 1],
      padding: [1, 1],
      dilation: [1, 1],
      groups: 1,
      paddingMode: 'reflect',
      bias: true,
    };
    assert.deepEqual(checkKernelConvArgs({ title: 'w', shape: [1, 1], data: [1], args: layer }), {
      stride: [2, 1],
      padding: [1, 1],
      dilation: [1, 1],
      groups: 1,
      paddingMode: 'reflect',
      bias: null,
    });
    assert.equal(checkKernelConvArgs({ title: 'w', shape: [1, 1], data: [1] }), undefined);
    assert.equal(checkKernelConvArgs({ args: { padding: 'same' } }) instanceof Object, true);
    assert.equal(checkKernelConvArgs({ args: { stride: [0, 1] } }), 'stride must be two integers ≥ 1');
    assert.equal(checkKernelConvArgs({ args: { groups: 1.5 } }), 'groups must be an integer ≥ 1');
    assert.match(String(checkKernelConvArgs({ args: { paddingMode: 'mirror' } })), /^paddingMode must be one of zeros/);
  });
});
