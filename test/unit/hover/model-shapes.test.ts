// Layer hovers in a model file: the concrete input and output shape of that layer in each model that runs it, and
// PyTorch's error (with the Quick Fix named) on the layer that fails.
import * as assert from 'node:assert/strict';
import { hoverAt } from './helpers';
import { MODELS_PY } from '../shapes/golden-models';

const file = (variant: string) => `${MODELS_PY}\n\nmodel = ${variant}\nout = model(torch.zeros(4, 1, 28, 28))\n`;

describe('hover/layer: shapes of the layer in this model (shape flow)', () => {
  it('nn.Conv2d(32, 64, 3, 1) in MnistNet: input [4, 32, 26, 26] → output [4, 64, 24, 24]', () => {
    const md = hoverAt(file('MnistNet()'), 'nn.Conv2d(32, 64, 3, 1)', 4);
    assert.ok(md.includes('in **MnistNet** (`conv2`): input [4, 32, 26, 26] → output **[4, 64, 24, 24]**'), md);
  });

  it("the failing nn.Linear of MnistNet(9200): PyTorch's message and the Quick Fix", () => {
    const md = hoverAt(file('MnistNet(9200)'), 'nn.Linear(fc1_in, 128)', 4);
    assert.ok(
      md.includes(
        'in **MnistNet** (`fc1`): input [4, 9216] → $(error) `RuntimeError: mat1 and mat2 shapes cannot be multiplied (4x9216 and 9200x128)` — Quick Fix: Change in\\_features to 9216',
      ),
      md,
    );
  });

  it('a layer of a model that is not run says nothing about shapes in models', () => {
    assert.ok(!hoverAt(file('MnistNet()'), 'nn.Linear(16 * 5 * 5, 120)', 4).includes('in **'));
  });
});
