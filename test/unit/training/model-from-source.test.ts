// Reading a file's model for training through the model IR: the tutorial's class CNN, Sequential/pooling variants,
// residual blocks and torch.cat, with their class count, description, input comment and line-named errors.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ModelSourceError } from '../../../src/training/model-source-error';
import { modelSpecFromSource, trainableFromFile } from '../../../src/training/model-from-source';
import { checkStateDict, classCount, describeModel, parameterShapes } from '../../../src/training/model-spec';
import { stateDictToPython } from '../../../src/training/state-dict';
import { tutorialModel } from '../../../src/training/tutorial';
import type { StateDict } from '../../../src/core/protocol/worker';

const fx = JSON.parse(readFileSync(resolve(__dirname, 'fixtures/ir-training.json'), 'utf8')) as { source: string };
const example = readFileSync(resolve(__dirname, '../../../examples/conv2d_intro.py'), 'utf8');

const grid = (name: string) =>
  `${name} = torch.tensor([${Array.from({ length: 8 }, () => `[${Array(8).fill('0.5').join(', ')}]`).join(', ')}])`;

function errorOf(f: () => unknown): ModelSourceError {
  try {
    f();
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

describe('trainableFromFile', () => {
  it("reads the tutorial's class CNN from examples/conv2d_intro.py as the tutorial's model", () => {
    const { model, images } = trainableFromFile(example);
    const tutorial = tutorialModel();
    assert.deepEqual([model.name, model.inputShape, model.source.classes], [tutorial.name, tutorial.inputShape, 10]);
    assert.equal(describeModel(model), 'Conv2d(1,10,5) → ReLU → Linear(360,10)');
    assert.equal(describeModel(tutorial), 'Conv2d(1,10,5) → ReLU → Linear(360,10)');
    assert.deepEqual(parameterShapes(model), parameterShapes(tutorial));
    assert.deepEqual(
      parameterShapes(tutorial).map((p) => p.key),
      ['conv1.weight', 'conv1.bias', 'linear.weight', 'linear.bias'],
    );
    assert.equal(images.length, 5);
  });

  it('reads nn.Sequential, keyword arguments, F.relu, max pooling, torch.flatten and multi-line calls', () => {
    const src = wrap(
      "self.features = nn.Sequential(\n    nn.Conv2d(in_channels=1, out_channels=4, kernel_size=(3, 3), padding=1, padding_mode='reflect'),\n    nn.ReLU(inplace=True),\n    nn.MaxPool2d(2),\n)\nself.fc = nn.Linear(4 * 5 * 5, 3, bias=False)  # classifier",
      'x = x.view(-1, 1, 10, 10)\nx = self.features(x)\nx = torch.flatten(x, 1)\nreturn F.relu(self.fc(x))',
    );
    const m = modelSpecFromSource(src, [1, 1, 10, 10]);
    assert.equal(describeModel(m), 'Conv2d(1,4,3, padding=1) → ReLU → MaxPool2d(2) → Linear(100,3)');
    assert.equal(classCount(m), 3);
    assert.deepEqual(
      parameterShapes(m).map((p) => `${p.key} [${p.shape.join(', ')}]`),
      ['features.0.weight [4, 1, 3, 3]', 'features.0.bias [4]', 'fc.weight [3, 100]'],
    );
  });

  it('reads x.view(x.size(0), -1) as flatten', () => {
    const m = modelSpecFromSource(
      wrap(
        'self.conv = nn.Conv2d(1, 2, 3)\nself.out = nn.Linear(2 * 8 * 8, 2)',
        'y = F.relu(self.conv(x))\nreturn self.out(y.view(y.size(0), -1))',
      ),
      [1, 1, 10, 10],
    );
    assert.equal(describeModel(m), 'Conv2d(1,2,3) → Linear(128,2)');
  });

  it('names the line of what it cannot follow, the layer PyTorch would fail in, and a file without a model', () => {
    const branch = errorOf(() =>
      modelSpecFromSource(wrap('self.conv = nn.Conv2d(1, 2, 3)', 'if x.sum() > 0:\n    x = -x\nreturn self.conv(x)'), [1, 1, 10, 10]),
    );
    assert.equal(branch.line, 11);
    assert.match(branch.message, /^line 11: class Net: can't follow an if that depends on the data/);
    const unknown = errorOf(() => modelSpecFromSource(wrap('self.conv = nn.Conv2d(1, 2, 3)', 'return self.conv2(x)'), [1, 1, 10, 10]));
    assert.match(unknown.message, /^line 11: class Net: can't follow \.conv2/);
    const linear = errorOf(() =>
      modelSpecFromSource(
        wrap('self.conv = nn.Conv2d(1, 2, 3)\nself.fc = nn.Linear(100, 3)', 'return self.fc(self.conv(x).flatten(1))'),
        [1, 1, 10, 10],
      ),
    );
    assert.equal(linear.message, 'line 12: Linear(100,3) on input [1, 128]: mat1 and mat2 shapes cannot be multiplied (1x128 and 100x3)');
    const logits = errorOf(() => modelSpecFromSource(wrap('self.conv = nn.Conv2d(1, 2, 3)', 'return self.conv(x)'), [1, 1, 10, 10]));
    assert.match(logits.message, /should end with logits \[1, classes\] but ends with \[1, 2, 8, 8\]/);
    assert.match(errorOf(() => trainableFromFile('x = 1\n')).message, /no nn\.Module subclass/);
  });

  it('reads a residual model with torch.cat through the IR: class, input comment, classes, images', () => {
    const src = fx.source.replace('class SmallResNet(nn.Module):', 'class SmallResNet(nn.Module):  # input: 1x1x8x8');
    const text = `${src}\n${grid('one_image_1')}\n${grid('two_image_1')}\n`;
    const { model, images } = trainableFromFile(text);
    assert.equal(model.name, 'SmallResNet');
    assert.deepEqual(model.inputShape, [1, 1, 8, 8]);
    assert.equal(model.source.classes, 3);
    assert.match(describeModel(model), /^SmallResNet: \d+ layers, [\d,]+ parameters$/);
    assert.equal(classCount(model), 3);
    assert.deepEqual(
      images.map((i) => [i.name, i.label]),
      [
        ['one_image_1', 1],
        ['two_image_1', 2],
      ],
    );
  });

  it("names the line of PyTorch's error when the data does not fit the model", () => {
    const bad = fx.source.replace('self.fc = nn.Linear(8 * 4, classes)', 'self.fc = nn.Linear(8 * 5, classes)');
    const text = `${bad}\n${grid('one_image_1')}\n`;
    assert.throws(
      () => trainableFromFile(text),
      (e: unknown) => {
        assert.ok(e instanceof ModelSourceError);
        assert.match(e.message, /mat1 and mat2 shapes cannot be multiplied \(1x32 and 40x3\)/);
        assert.equal(text.split('\n')[e.line - 1].trim(), 'return self.fc(x)');
        return true;
      },
    );
  });
});

describe('weights of a model read through the IR', () => {
  const src = fx.source.replace('class SmallResNet(nn.Module):', 'class SmallResNet(nn.Module):  # input: 1x1x8x8');
  const text = `${src}\n${grid('one_image_1')}\n`;
  const initial = (JSON.parse(readFileSync(resolve(__dirname, 'fixtures/ir-training.json'), 'utf8')) as { initial_state: StateDict })
    .initial_state;

  it("loads PyTorch's state dict and names a wrong shape", () => {
    const { model } = trainableFromFile(text);
    assert.equal(checkStateDict(model, initial), null);
    const bad = { ...initial, 'fc.weight': { shape: [3, 30], data: new Array(90).fill(0) } };
    assert.equal(checkStateDict(model, bad), '"fc.weight" has shape [3, 30] but the model needs [3, 32]');
    const { ['block.conv1.weight']: _dropped, ...missing } = initial;
    assert.match(checkStateDict(model, missing) ?? '', /^the weights file has no "block\.conv1\.weight"/);
  });

  it('exports every parameter and running statistic as Python', () => {
    const { model } = trainableFromFile(text);
    const py = stateDictToPython(initial, model);
    assert.match(py, /^model\.block\.shortcut\[1\]\.running_var\.data = torch\.tensor\(/m);
    assert.match(py, /^model\.stem\[0\]\.weight\.data = torch\.tensor\(/m);
    assert.match(py, /^model\.stem\[1\]\.num_batches_tracked\.fill_\(0\)$/m);
  });
});
