// Reading nn.Module subclasses from Python: the tutorial's class CNN, Sequential/pooling variants, and line-named errors.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { modelFromPython } from '../../../src/training/model-from-python';
import { ModelSourceError } from '../../../src/training/model-source-args';
import { describeModel, inferShapes } from '../../../src/training/model-spec';
import { tutorialModel } from '../../../src/training/tutorial';

const example = readFileSync(resolve(__dirname, '../../../examples/conv2d_intro.py'), 'utf8');

function errorOf(src: string): ModelSourceError {
  try {
    modelFromPython(src);
  } catch (e) {
    assert.ok(e instanceof ModelSourceError, String(e));
    return e;
  }
  assert.fail('expected a ModelSourceError');
}

const wrap = (init: string, forward: string) =>
  `import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n${init
    .split('\n')
    .map((l) => `        ${l}`)
    .join('\n')}\n\n    def forward(self, x):\n${forward
    .split('\n')
    .map((l) => `        ${l}`)
    .join('\n')}\n`;

describe('model from Python', () => {
  it("reads the tutorial's class CNN from examples/conv2d_intro.py into the tutorial's model", () => {
    const parsed = modelFromPython(example);
    const { line, ...spec } = parsed;
    assert.deepEqual(spec, tutorialModel());
    assert.equal(example.split('\n')[line - 1].trim(), 'class CNN(nn.Module):');
    assert.equal(describeModel(tutorialModel()), 'Conv2d(1,10,5) → ReLU → Linear(360,10)');
  });

  it('reads nn.Sequential, keyword arguments, F.relu, max pooling, torch.flatten and multi-line calls', () => {
    const src = wrap(
      "self.features = nn.Sequential(\n    nn.Conv2d(in_channels=1, out_channels=4, kernel_size=(3, 3), padding=1, padding_mode='reflect'),\n    nn.ReLU(inplace=True),\n    nn.MaxPool2d(2),\n)\nself.fc = nn.Linear(4 * 5 * 5, 3, bias=False)  # classifier",
      'x = x.view(-1, 1, 10, 10)\nx = self.features(x)\nx = torch.flatten(x, 1)\nreturn F.relu(self.fc(x))',
    );
    const m = modelFromPython(src);
    assert.deepEqual(m.inputShape, [1, 1, 10, 10]);
    assert.deepEqual(
      m.layers.map((l) => ('name' in l ? `${l.kind}:${l.name}` : l.kind)),
      ['conv2d:features.0', 'relu', 'maxPool2d', 'flatten', 'linear:fc', 'relu'],
    );
    const conv = m.layers[0];
    assert.ok(conv.kind === 'conv2d');
    assert.deepEqual([conv.padding, conv.paddingMode, conv.kernelSize], [[1, 1], 'reflect', [3, 3]]);
    assert.deepEqual(m.layers[2], { kind: 'maxPool2d', kernelSize: [2, 2], stride: [2, 2], padding: [0, 0] });
    const linear = m.layers[4];
    assert.ok(linear.kind === 'linear' && linear.inFeatures === 100 && !linear.bias);
    const shapes = inferShapes({ ...m, inputShape: m.inputShape! });
    assert.ok('shapes' in shapes);
    assert.deepEqual(shapes.shapes.at(-1), [1, 3]);
  });

  it('leaves the input shape to the data when forward does not reshape, and reads x.view(x.size(0), -1) as flatten', () => {
    const m = modelFromPython(
      wrap(
        'self.conv = nn.Conv2d(1, 2, 3)\nself.out = nn.Linear(2 * 8 * 8, 2)',
        'y = F.relu(self.conv(x))\nreturn self.out(y.view(y.size(0), -1))',
      ),
    );
    assert.equal(m.inputShape, null);
    assert.deepEqual(
      m.layers.map((l) => l.kind),
      ['conv2d', 'relu', 'flatten', 'linear'],
    );
  });

  it('names the line of unsupported layers, statements and calls', () => {
    const dropout = errorOf(wrap('self.conv = nn.Conv2d(1, 2, 3)\nself.drop = nn.Dropout(0.5)', 'return self.conv(x)'));
    assert.equal(dropout.line, 9);
    assert.match(dropout.message, /^line 9: nn\.Dropout is not supported \(supported: nn\.Conv2d, nn\.Linear/);
    const branch = errorOf(wrap('self.conv = nn.Conv2d(1, 2, 3)', 'if x.sum() > 0:\n    x = -x\nreturn self.conv(x)'));
    assert.equal(branch.line, 11);
    assert.match(branch.message, /straight chain/);
    const sigmoid = errorOf(wrap('self.conv = nn.Conv2d(1, 2, 3)', 'return torch.sigmoid(self.conv(x))'));
    assert.match(sigmoid.message, /^line 11: "torch\.sigmoid" is not supported in forward/);
    const variable = errorOf(wrap('self.conv = nn.Conv2d(1, k, 3)', 'return self.conv(x)'));
    assert.match(variable.message, /^line 8: nn\.Conv2d: argument out_channels must be a constant/);
    const unknown = errorOf(wrap('self.conv = nn.Conv2d(1, 2, 3)', 'return self.conv2(x)'));
    assert.match(unknown.message, /self\.conv2 is not a layer built in __init__/);
    assert.match(errorOf('x = 1\n').message, /no nn\.Module subclass/);
    assert.match(errorOf(wrap('self.conv = nn.Conv2d(1, 2, 3)', 'y = self.conv(x)\nreturn self.conv(y)')).message, /called twice/);
  });
});
