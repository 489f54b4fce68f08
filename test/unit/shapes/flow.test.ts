// Shape flow through forward constructs: views with x.size(0)/x.shape[0]/-1, residual +, torch.cat of other names,
// functional pooling, conditions on constants, input shapes from comments/settings/literals, and plain stops.
import assert from 'node:assert/strict';
import { analyzeFile, modelSummary, parseShapeText, type FileShapes } from '../../../src/core/shapes';

const HEADER = 'import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n\n\n';

/** A file with one class; `init` and `forward` bodies are indented for you. Lines of the forward body start at 12. */
function model(init: string[], forward: string[], comment = '# input: 2x3x8x8'): string {
  return (
    HEADER +
    [
      `class Net(nn.Module):  ${comment}`,
      '    def __init__(self):',
      '        super().__init__()',
      ...(init.length ? init : ['pass']).map((l) => `        ${l}`),
      '',
      '    def forward(self, x):',
      ...forward.map((l) => `        ${l}`),
    ].join('\n') +
    '\n'
  );
}

/** Hints by the forward body's statement text. */
function hintsByText(text: string, shapes: FileShapes): Record<string, string> {
  const lines = text.split('\n');
  const out: Record<string, string> = {};
  for (const [line, hints] of shapes.hints) out[lines[line - 1].trim()] = hints.join(' ');
  return out;
}

describe('shape flow: forward constructs', () => {
  it('views with x.size(0), x.shape[0] and -1; reshape and x.flatten(1)', () => {
    const text = model(
      [],
      ['a = x.view(x.size(0), -1)', 'b = x.reshape(x.shape[0], 3, -1)', 'c = x.flatten(1)', 'n = x.size(0)', 'return a.view(n, 8, 24)'],
    );
    const shapes = analyzeFile(text);
    assert.deepEqual(hintsByText(text, shapes), {
      'a = x.view(x.size(0), -1)': 'a: [2, 192]',
      'b = x.reshape(x.shape[0], 3, -1)': 'b: [2, 3, 64]',
      'c = x.flatten(1)': 'c: [2, 192]',
      'n = x.size(0)': 'n: 2',
      'return a.view(n, 8, 24)': '→ [2, 8, 24]',
    });
  });

  it('residual + through a shortcut, other names reassigned, torch.cat along channels', () => {
    const text = model(
      ['self.conv = nn.Conv2d(3, 3, 3, padding=1)', 'self.down = nn.Conv2d(3, 4, 1, stride=2)'],
      [
        'identity = x',
        'out = F.relu(self.conv(x))',
        'out = out + identity',
        'both = torch.cat([out, identity], dim=1)',
        'return self.down(both) if False else both',
      ],
    );
    assert.deepEqual(hintsByText(text, analyzeFile(text)), {
      'identity = x': 'identity: [2, 3, 8, 8]',
      'out = F.relu(self.conv(x))': 'out: [2, 3, 8, 8]',
      'out = out + identity': 'out: [2, 3, 8, 8]',
      'both = torch.cat([out, identity], dim=1)': 'both: [2, 6, 8, 8]',
      'return self.down(both) if False else both': '→ [2, 6, 8, 8]',
    });
  });

  it("a residual whose sizes differ fails with PyTorch's broadcasting message on its line", () => {
    const text = model(['self.conv = nn.Conv2d(3, 3, 3, stride=2, padding=1)'], ['out = self.conv(x)', 'out = out + x', 'return out']);
    const m = analyzeFile(text).models[0];
    assert.deepEqual(m.error && { message: m.error.message, line: m.error.line }, {
      message: 'The size of tensor a (4) must match the size of tensor b (8) at non-singleton dimension 3',
      line: 13,
    });
    assert.equal(
      modelSummary(m),
      '$(error) [2, 3, 8, 8] → ✗ line 13: The size of tensor a (4) must match the size of tensor b (8) at non-singleton dimension 3',
    );
  });

  it('functional pooling, dropout, softmax; nn.Flatten and AdaptiveAvgPool2d modules; tuples returned', () => {
    const text = model(
      ['self.gap = nn.AdaptiveAvgPool2d(1)', 'self.flat = nn.Flatten()'],
      [
        'x = F.avg_pool2d(x, 2, stride=2)',
        'x = F.max_pool2d(x, kernel_size=3, stride=1, padding=1)',
        'x = F.dropout(x, 0.2, training=self.training)',
        'g = self.flat(self.gap(x))',
        'return F.softmax(g, dim=1), x.mean(dim=(2, 3))',
      ],
    );
    const shapes = analyzeFile(text);
    assert.deepEqual(hintsByText(text, shapes), {
      'x = F.avg_pool2d(x, 2, stride=2)': 'x: [2, 3, 4, 4]',
      'x = F.max_pool2d(x, kernel_size=3, stride=1, padding=1)': 'x: [2, 3, 4, 4]',
      'x = F.dropout(x, 0.2, training=self.training)': 'x: [2, 3, 4, 4]',
      'g = self.flat(self.gap(x))': 'g: [2, 3]',
      'return F.softmax(g, dim=1), x.mean(dim=(2, 3))': '→ ([2, 3], [2, 3])',
    });
    assert.equal(modelSummary(shapes.models[0]), '[2, 3, 8, 8] → ([2, 3], [2, 3]) · 0 parameters');
  });

  it('an if on a constant attribute is followed; an if on the data stops, said plainly', () => {
    const followed = model(['self.pool = True'], ['if self.pool:', '    x = F.max_pool2d(x, 2)', 'return x']);
    assert.equal(analyzeFile(followed).models[0].output, '[2, 3, 4, 4]');
    const stopped = model([], ['x = F.relu(x)', 'if x.sum() > 0:', '    x = x * 2', 'return x']);
    const m = analyzeFile(stopped).models[0];
    assert.deepEqual(m.stop, { why: 'an if that depends on the data', line: 13 });
    assert.equal(modelSummary(m), '$(warning) [2, 3, 8, 8] → shapes known up to line 13: an if that depends on the data · 0 parameters');
  });

  it('a for-loop over an nn.ModuleList stops at its line, with the shapes before it kept', () => {
    const text = model(
      ['self.blocks = nn.ModuleList([nn.Conv2d(3, 3, 3, padding=1) for _ in range(2)])'],
      ['x = F.relu(x)', 'for block in self.blocks:', '    x = block(x)', 'return x'],
    );
    // The comprehension in __init__ is not followed either: that is said at its line.
    const m = analyzeFile(text).models[0];
    assert.match(m.stop?.why ?? m.notRun ?? '', /comprehension|for-loop/);
    const text2 = model(
      ['self.blocks = nn.ModuleList([nn.Conv2d(3, 3, 3, padding=1), nn.ReLU()])'],
      ['x = F.relu(x)', 'for block in self.blocks:', '    x = block(x)', 'return x'],
    );
    const shapes = analyzeFile(text2);
    assert.deepEqual(shapes.models[0].stop, { why: 'a for-loop', line: 13 });
    assert.deepEqual(hintsByText(text2, shapes), { 'x = F.relu(x)': 'x: [2, 3, 8, 8]' });
    assert.equal(modelSummary(shapes.models[0]), '$(warning) [2, 3, 8, 8] → shapes known up to line 13: a for-loop · 84 parameters');
  });

  it('a call it does not know stops with its name, never a guess', () => {
    const m = analyzeFile(model([], ['x = my_block(x)', 'return x'])).models[0];
    assert.deepEqual(m.stop, { why: 'my_block(…)', line: 12 });
  });
});

describe('shape flow: where the input shape comes from', () => {
  const net = (comment = '') =>
    HEADER +
    `class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 2)\n\n    def forward(self, x):${comment}\n        return self.fc(x)\n`;

  it('a "# input:" comment on forward, in any of the usual spellings', () => {
    for (const c of ['  # input: 3x4', '  # input: [3, 4]', '  # Input = (3, 4)', '  # input: 3×4']) {
      const m = analyzeFile(net(c)).models[0];
      assert.deepEqual(m.input, { shape: [3, 4], source: 'comment', label: '# input: comment' }, c);
      assert.equal(m.output, '[3, 2]');
    }
  });

  it('a shape the user set for the class (the "Set input shape…" CodeLens)', () => {
    const m = analyzeFile(net(), { inputShapes: { Net: [5, 4] } }).models[0];
    assert.deepEqual(m.input?.source, 'setting');
    assert.equal(modelSummary(m), '[5, 4] → [5, 2] · 10 parameters');
    // It wins over a comment (the most deliberate choice), and only for its class.
    assert.deepEqual(analyzeFile(net('  # input: 3x4'), { inputShapes: { Net: [5, 4] } }).models[0].input?.shape, [5, 4]);
    assert.deepEqual(analyzeFile(net('  # input: 3x4'), { inputShapes: { Other: [5, 4] } }).models[0].input?.shape, [3, 4]);
  });

  it('a tensor literal of the file passed to the model', () => {
    const text = `${net()}\n\nimage_tensor = torch.tensor([[1.0, 2.0, 3.0, 4.0]])\nmodel = Net()\nprint(model(image_tensor))\n`;
    const m = analyzeFile(text).models[0];
    assert.deepEqual(m.input, { shape: [1, 4], source: 'file', label: 'model(image_tensor) on line 17' });
    assert.equal(m.output, '[1, 2]');
  });

  it('none: the CodeLens asks for one instead of guessing', () => {
    const m = analyzeFile(net()).models[0];
    assert.equal(m.notRun, 'needs an input shape');
    assert.equal(modelSummary(m), '$(symbol-ruler) shapes: needs an input shape · 10 parameters');
  });

  it('parses shapes typed into "Set input shape…"', () => {
    assert.deepEqual(parseShapeText('4x1x28x28'), [4, 1, 28, 28]);
    assert.deepEqual(parseShapeText(' [4, 1, 28, 28] '), [4, 1, 28, 28]);
    assert.deepEqual(parseShapeText('(4,1,28,28)'), [4, 1, 28, 28]);
    assert.equal(parseShapeText('4x0x28'), undefined);
    assert.equal(parseShapeText('four'), undefined);
  });
});

describe('shape flow: parameters and functional layers', () => {
  it('nn.Parameter weights with F.conv2d and F.linear: shapes, errors and the parameter count', () => {
    const text = model(
      [
        'self.w = nn.Parameter(torch.randn(4, 3, 3, 3))',
        'self.b = nn.Parameter(torch.zeros(4))',
        'self.fc = nn.Parameter(torch.randn(10, 4 * 6 * 6))',
      ],
      ['x = F.conv2d(x, self.w, self.b)', 'x = x.flatten(1)', 'return F.linear(x, self.fc)'],
    );
    const shapes = analyzeFile(text);
    assert.deepEqual(hintsByText(text, shapes), {
      'x = F.conv2d(x, self.w, self.b)': 'x: [2, 4, 6, 6]',
      'x = x.flatten(1)': 'x: [2, 144]',
      'return F.linear(x, self.fc)': '→ [2, 10]',
    });
    assert.equal(shapes.models[0].parameters, 4 * 27 + 4 + 10 * 144);
    const wrong = analyzeFile(text.replace('torch.randn(4, 3, 3, 3)', 'torch.randn(4, 2, 3, 3)')).models[0];
    assert.equal(
      wrong.error?.message,
      'Given groups=1, weight of size [4, 2, 3, 3], expected input[2, 3, 8, 8] to have 2 channels, but got 3 channels instead',
    );
  });

  it('a layer the shape flow does not know: no parameter count (it would be wrong), and a plain stop where it is called', () => {
    const text = model(['self.rnn = nn.LSTM(8, 16)', 'self.fc = nn.Linear(16, 2)'], ['y, _ = self.rnn(x)', 'return self.fc(y)']);
    const m = analyzeFile(text).models[0];
    assert.equal(m.parameters, undefined);
    assert.deepEqual(m.stop, { why: 'nn.LSTM (not supported by the shape flow yet)', line: 13 });
    assert.equal(modelSummary(m), '$(warning) [2, 3, 8, 8] → shapes known up to line 13: nn.LSTM (not supported by the shape flow yet)');
  });
});

describe('shape flow: statements over several lines', () => {
  it('puts the hint after the last line of a statement that spans lines', () => {
    const text = model([], ['y = torch.cat(', '    [x, x],', '    dim=1,', ')', 'return y']);
    const shapes = analyzeFile(text);
    assert.deepEqual(
      [...shapes.hints.entries()],
      [
        [15, ['y: [2, 6, 8, 8]']],
        [16, ['→ [2, 6, 8, 8]']],
      ],
    );
  });
});

describe('shape flow: up-sampling', () => {
  // torch 1.13: nn.Upsample(scale_factor=2) on 2×3×7×7 → [2, 3, 14, 14]; size=(5, 9) → [2, 3, 5, 9];
  // scale_factor=(1.5, 2) → [2, 3, 10, 14] (floor of size × scale).
  it('nn.Upsample and F.interpolate with a size or a scale factor', () => {
    const text = model(
      ['self.up = nn.Upsample(scale_factor=2)'],
      ['a = self.up(x)', 'b = F.interpolate(x, size=(5, 9))', "c = F.interpolate(x, scale_factor=(1.5, 2), mode='bilinear')", 'return a'],
      '# input: 2x3x7x7',
    );
    assert.deepEqual(hintsByText(text, analyzeFile(text)), {
      'a = self.up(x)': 'a: [2, 3, 14, 14]',
      'b = F.interpolate(x, size=(5, 9))': 'b: [2, 3, 5, 9]',
      "c = F.interpolate(x, scale_factor=(1.5, 2), mode='bilinear')": 'c: [2, 3, 10, 14]',
      'return a': '→ [2, 3, 14, 14]',
    });
  });
});
