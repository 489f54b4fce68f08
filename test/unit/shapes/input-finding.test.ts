// Finding a model's input, fixed once for shape flow, the explorer and the command line: the `# input:` comment inside
// the class body, tensors the literal evaluator computes, and the expression that stops the search when none is found.
import * as assert from 'node:assert/strict';
import { FileInputs, analyzeFile } from '../../../src/core/shapes';
import { readModelFile } from '../../../src/core/pymodel';

const NET = `import torch
import torch.nn as nn

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 2, 3)

    def forward(self, x):
        return self.conv(x)
`;

const report = (text: string, name = 'Net') => analyzeFile(text).models.find((m) => m.className === name)!;

describe('shape flow: where the input comes from', () => {
  it('a `# input:` comment as the first line inside the class body', () => {
    const text = NET.replace('class Net(nn.Module):\n', 'class Net(nn.Module):\n    # input: 2x1x6x6\n');
    const r = report(text);
    assert.deepEqual(r.input?.shape, [2, 1, 6, 6]);
    assert.equal(r.output, '[2, 2, 4, 4]');
  });

  it('the comment after the class docstring, and still above the class', () => {
    const inside = NET.replace('class Net(nn.Module):\n', 'class Net(nn.Module):\n    """A net."""\n\n    # input: 3x1x5x5\n');
    assert.deepEqual(report(inside).input?.shape, [3, 1, 5, 5]);
    const above = NET.replace('class Net(nn.Module):\n', '# input: 4x1x7x7\nclass Net(nn.Module):\n');
    assert.deepEqual(report(above).input?.shape, [4, 1, 7, 7]);
  });

  it('a comment further down the body is not an input comment', () => {
    const text = NET.replace('        super().__init__()\n', '        super().__init__()\n        # input: 2x1x6x6\n');
    assert.equal(report(text).notRun, 'needs an input shape');
  });

  it('`img = torch.arange(36.).view(1, 1, 6, 6) / 10.0; out = net(img)` is followed, with its values', () => {
    const text = `${NET}\nnet = Net()\nimg = torch.arange(36.).view(1, 1, 6, 6) / 10.0\nout = net(img)\n`;
    const r = report(text);
    assert.deepEqual(r.input?.shape, [1, 1, 6, 6]);
    assert.equal(r.output, '[1, 2, 4, 4]');
    const values = new FileInputs(readModelFile(text)).inputValues('net');
    assert.deepEqual(values?.shape, [1, 1, 6, 6]);
    assert.equal(values?.data[35], Math.fround(3.5));
  });

  it('arithmetic between tensors the interpreter follows by shape (x * 2 + y)', () => {
    const text = `${NET}\nnet = Net()\nx = torch.zeros(2, 1, 6, 6)\ny = torch.ones(1, 1, 6, 6)\nout = net(x * 2 + y)\n`;
    assert.deepEqual(report(text).input?.shape, [2, 1, 6, 6]);
  });

  it('says which expression stopped it when no input can be found', () => {
    const text = `${NET}\nnet = Net()\nimg = load_image("cat.png")\nout = net(img)\n`;
    assert.equal(report(text).notRun, 'needs an input shape (net(img) on line 14: load_image(…) cannot be followed)');
    const loaded = `${NET}\nnet = Net()\nout = net(torch.load("x.pt"))\n`;
    assert.match(
      report(loaded).notRun ?? '',
      /^needs an input shape \(net\(torch\.load\("x\.pt"\)\) on line 13: .*torch\.load.* cannot be followed\)$/,
    );
  });
});
