// Reading a file's model for training: chains through the chain reader, other architectures (residual blocks, torch.cat)
// through the model IR with their class count, input comment and line-named errors.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ModelSourceError } from '../../../src/training/model-source-args';
import { trainableFromFile } from '../../../src/training/model-from-source';
import { checkStateDict, classCount, describeModel } from '../../../src/training/model-spec';
import { stateDictToPython } from '../../../src/training/state-dict';
import type { StateDict } from '../../../src/core/protocol/worker';

const fx = JSON.parse(readFileSync(resolve(__dirname, 'fixtures/ir-training.json'), 'utf8')) as { source: string };
const example = readFileSync(resolve(__dirname, '../../../examples/conv2d_intro.py'), 'utf8');

const grid = (name: string) =>
  `${name} = torch.tensor([${Array.from({ length: 8 }, () => `[${Array(8).fill('0.5').join(', ')}]`).join(', ')}])`;

describe('trainableFromFile', () => {
  it('keeps the chain reader for the tutorial (layers, feature maps)', () => {
    const { model, images } = trainableFromFile(example);
    assert.equal(model.source, undefined);
    assert.equal(model.layers.length, 4);
    assert.equal(images.length, 5);
  });

  it('reads a residual model with torch.cat through the IR: class, input comment, classes, images', () => {
    const src = fx.source.replace('class SmallResNet(nn.Module):', 'class SmallResNet(nn.Module):  # input: 1x1x8x8');
    const text = `${src}\n${grid('one_image_1')}\n${grid('two_image_1')}\n`;
    const { model, images } = trainableFromFile(text);
    assert.equal(model.name, 'SmallResNet');
    assert.deepEqual(model.inputShape, [1, 1, 8, 8]);
    assert.equal(model.source?.classes, 3);
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
