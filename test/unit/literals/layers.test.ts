// Layer calls bind positional and keyword arguments exactly like PyTorch's signatures, with Python's TypeErrors.
import assert from 'node:assert/strict';
import { parseLiteral } from '../../../src/core/literals/index';
import { asError, asLayer } from './helpers';

describe('literals: layer calls', () => {
  it('nn.Conv2d(1, 10, 5, 1): positional arguments with defaults filled in', () => {
    const l = asLayer(parseLiteral('nn.Conv2d(1, 10, 5, 1)'));
    assert.equal(l.layer, 'Conv2d');
    assert.deepEqual(l.conv, {
      inChannels: 1,
      outChannels: 10,
      kernelSize: [5, 5],
      stride: [1, 1],
      padding: [0, 0],
      dilation: [1, 1],
      groups: 1,
      bias: true,
      paddingMode: 'zeros',
    });
    assert.deepEqual(l.range, { start: 0, end: 22 });
  });

  it('every keyword argument, and torch.nn.Conv2d', () => {
    const l = asLayer(
      parseLiteral(
        "torch.nn.Conv2d(in_channels=3, out_channels=8, kernel_size=(3, 5), stride=2, padding='same', dilation=1, groups=1, bias=False, padding_mode='reflect')",
      ),
    );
    assert.deepEqual(l.conv, {
      inChannels: 3,
      outChannels: 8,
      kernelSize: [3, 5],
      stride: [2, 2],
      padding: 'same',
      dilation: [1, 1],
      groups: 1,
      bias: false,
      paddingMode: 'reflect',
    });
  });

  it('all nine positional arguments in order', () => {
    const l = asLayer(parseLiteral("nn.Conv2d(4, 6, (3, 1), (2, 1), (1, 0), 2, 2, False, 'circular')"));
    assert.deepEqual(l.conv, {
      inChannels: 4,
      outChannels: 6,
      kernelSize: [3, 1],
      stride: [2, 1],
      padding: [1, 0],
      dilation: [2, 2],
      groups: 2,
      bias: false,
      paddingMode: 'circular',
    });
  });

  it('evaluates constant arithmetic and records non-constant arguments', () => {
    assert.deepEqual(asLayer(parseLiteral('nn.Linear(10 * 6 * 6, 10)')).linear, { inFeatures: 360, outFeatures: 10, bias: true });
    const l = asLayer(parseLiteral('nn.Conv2d(channels, 8, kernel_size=k, padding=1)'));
    assert.deepEqual(l.unresolved, ['in_channels', 'kernel_size']);
    assert.equal(l.conv!.inChannels, undefined);
    assert.deepEqual(l.conv!.padding, [1, 1]);
  });

  it('F.conv2d(input, weight, bias=None, stride, padding, dilation, groups)', () => {
    const l = asLayer(parseLiteral('F.conv2d(image.view(1, 1, 5, 5), kernel, stride=2, padding=(1, 2), groups=1)'));
    assert.equal(l.layer, 'conv2d');
    assert.equal(l.conv!.inputExpr, 'image.view(1, 1, 5, 5)');
    assert.equal(l.conv!.weightExpr, 'kernel');
    assert.equal(l.conv!.bias, false);
    assert.deepEqual(l.conv!.stride, [2, 2]);
    assert.deepEqual(l.conv!.padding, [1, 2]);
    const withBias = asLayer(parseLiteral('torch.nn.functional.conv2d(x, w, b, 1, "valid")'));
    assert.equal(withBias.conv!.bias, true);
    assert.equal(withBias.conv!.padding, 'valid');
  });

  it('nn.Linear, nn.ReLU, nn.MaxPool2d (stride defaults to kernel_size), nn.Flatten', () => {
    assert.deepEqual(asLayer(parseLiteral('nn.Linear(360, 10, bias=False)')).linear, { inFeatures: 360, outFeatures: 10, bias: false });
    assert.equal(asLayer(parseLiteral('nn.ReLU()')).layer, 'ReLU');
    assert.equal(asLayer(parseLiteral('nn.ReLU(inplace=True)')).layer, 'ReLU');
    assert.deepEqual(asLayer(parseLiteral('nn.MaxPool2d(2)')).maxPool, { kernelSize: [2, 2], stride: [2, 2], padding: [0, 0] });
    assert.deepEqual(asLayer(parseLiteral('nn.MaxPool2d((3, 2), stride=1, padding=1)')).maxPool, {
      kernelSize: [3, 2],
      stride: [1, 1],
      padding: [1, 1],
    });
    assert.deepEqual(asLayer(parseLiteral('nn.MaxPool2d(2, None)')).maxPool!.stride, [2, 2]);
    assert.deepEqual(asLayer(parseLiteral('nn.Flatten()')).flatten, { startDim: 1, endDim: -1 });
    assert.deepEqual(asLayer(parseLiteral('nn.Flatten(0, 2)')).flatten, { startDim: 0, endDim: 2 });
  });

  const errors: Array<[string, string, string]> = [
    ['nn.Conv2d(1, 10)', "Conv2d.__init__() missing 1 required positional argument: 'kernel_size'", 'nn.Conv2d(1, 10)'],
    ['nn.Conv2d(1)', "Conv2d.__init__() missing 2 required positional arguments: 'out_channels' and 'kernel_size'", 'nn.Conv2d(1)'],
    ['nn.Conv2d(1, 10, 5, strid=2)', "Conv2d.__init__() got an unexpected keyword argument 'strid'", '2'],
    ['nn.Conv2d(1, 10, 5, 1, stride=2)', "Conv2d.__init__() got multiple values for argument 'stride'", '2'],
    [
      "nn.Conv2d(1, 10, 5, 1, 0, 1, 1, True, 'zeros', None, None, 5)",
      'Conv2d.__init__() takes from 4 to 12 positional arguments but 13 were given',
      '5',
    ],
    [
      "nn.Conv2d(1, 10, 5, padding_mode='foo')",
      "padding_mode must be one of {'zeros', 'reflect', 'replicate', 'circular'}, but got padding_mode='foo'",
      "'foo'",
    ],
    ["nn.Conv2d(1, 10, 5, padding='foo')", "Invalid padding string 'foo', should be one of {'valid', 'same'}", "'foo'"],
    ['nn.Linear(3)', "Linear.__init__() missing 1 required positional argument: 'out_features'", 'nn.Linear(3)'],
    ['nn.MaxPool2d()', "_MaxPoolNd.__init__() missing 1 required positional argument: 'kernel_size'", 'nn.MaxPool2d()'],
    ['nn.ReLU(True, 1)', 'ReLU.__init__() takes from 1 to 2 positional arguments but 3 were given', '1'],
    ['nn.Conv2d(1, 10, (5, 5, 5))', 'kernel_size must be an int or a pair of ints', '(5, 5, 5)'],
  ];
  for (const [text, message, covered] of errors) {
    it(`${text} → ${message}`, () => {
      const e = asError(parseLiteral(text));
      assert.equal(e.message, message);
      assert.equal(text.slice(e.range.start, e.range.end), covered);
    });
  }
});
