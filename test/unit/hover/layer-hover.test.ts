// Layer hovers: full arguments, weight/bias shapes, parameters, formulas, concrete output shapes or PyTorch's errors.
import * as assert from 'node:assert/strict';
import { HoverService } from '../../../src/hover/service';
import { literalsInNotebook } from '../../../src/core/literals';
import { doc, env, example, hoverAt } from './helpers';

const intro = example('conv2d_intro.py');

describe('hover/layer: nn.Conv2d in the tutorial', () => {
  it('Conv2d(1, 10, 5, 1): arguments in full, 260 parameters, output 1×10×6×6 and the match with Linear(360, 10)', () => {
    const md = hoverAt(intro, 'nn.Conv2d(1, 10, 5, 1)', 4);
    assert.match(md, /^\*\*self\\\.conv1\*\* · `nn\.Conv2d`/);
    assert.ok(
      md.includes(
        "nn.Conv2d(in_channels=1, out_channels=10, kernel_size=(5, 5), stride=(1, 1), padding=(0, 0), dilation=(1, 1), groups=1, bias=True, padding_mode='zeros')",
      ),
    );
    assert.ok(md.includes('in 1 → out 10 · kernel 5×5 · stride 1 · padding 0 · 260 parameters  \nweight [10, 1, 5, 5] · bias [10]'));
    assert.match(
      md,
      /input 1×1×10×10 ← image\\_tensor \\\(line 162: image\\_tensor = x\\\.view\\\(1, 1, 10, 10\\\)\\\) → output \*\*1×10×6×6\*\*/,
    );
    assert.ok(md.includes('H_out = ⌊(10 + 2·0 − 1·(5−1) − 1)/1⌋ + 1 = 6'));
    assert.ok(md.includes('flattened: 10 * 6 * 6 = 360 (matches nn.Linear(360, 10) ✓)'));
  });

  it('conv(image_tensor) with Conv2d(1, 1, 3, 1): the 5×5 image gives 1×1×3×3', () => {
    assert.match(hoverAt(intro, 'nn.Conv2d(1, 1, 3, 1)', 4), /input 1×1×5×5 ← image\\_tensor \\\(line 12\\\) → output \*\*1×1×3×3\*\*/);
  });

  it("a 5×5 kernel on the 4×4 data: PyTorch's error and the formula that shows why", () => {
    const md = hoverAt(intro, 'too_big = nn.Conv2d', 12);
    assert.ok(
      md.includes(
        "$(error) `RuntimeError: Calculated padded input size per channel: (4 x 4). Kernel size: (5 x 5). Kernel size can't be greater than actual input size`",
      ),
    );
    assert.ok(md.includes('H_out = ⌊(4 + 2·0 − 1·(5−1) − 1)/1⌋ + 1 = 0'));
  });

  it('one ring of zero padding makes it fit: 1×1×2×2, no bias, 25 parameters', () => {
    const md = hoverAt(intro, 'padded = nn.Conv2d', 12);
    assert.ok(md.includes('bias=False'));
    assert.ok(md.includes('in 1 → out 1 · kernel 5×5 · stride 1 · padding 1 · 25 parameters'));
    assert.ok(md.includes('weight [1, 1, 5, 5] · no bias'));
    assert.match(md, /→ output \*\*1×1×2×2\*\*/);
  });

  it('F.conv2d: input and weight traced through .view, output 1×1×3×3', () => {
    const md = hoverAt(intro, 'F.conv2d(circle_image', 3);
    assert.match(md, /^`F\.conv2d`/);
    assert.ok(md.includes('weight [1, 1, 3, 3]'));
    assert.match(md, /input 1×1×5×5 ← circle\\_image\\\.view\\\(1, 1, 5, 5\\\) \\\(line 54\\\) → output \*\*1×1×3×3\*\*/);
  });
});

describe('hover/layer: nn.Linear and nn.MaxPool2d', () => {
  it('Linear(360, 10) agrees with the flattened conv output', () => {
    const md = hoverAt(intro, 'nn.Linear(10 * 6 * 6, 10)', 4);
    assert.ok(md.includes('nn.Linear(in_features=360, out_features=10, bias=True)'));
    assert.ok(md.includes('in 360 → out 10 · weight [10, 360] · bias [10] · 3,610 parameters'));
    assert.ok(md.includes('flattened: 10 * 6 * 6 = 360 (matches nn.Linear(360, 10) ✓)'));
  });

  it('warns when in_features does not match 10 * 6 * 6 = 360', () => {
    const wrong = intro.replace('nn.Linear(10 * 6 * 6, 10)', 'nn.Linear(300, 10)');
    const md = hoverAt(wrong, 'nn.Linear(300, 10)', 4);
    assert.ok(md.includes('$(warning) flattened: 10 * 6 * 6 = 360, but nn.Linear expects in_features=300'));
    assert.ok(md.includes('`RuntimeError: mat1 and mat2 shapes cannot be multiplied (1x360 and 300x10)`'));
    // The conv layer's hover says the same.
    assert.ok(
      hoverAt(wrong, 'nn.Conv2d(1, 10, 5, 1)', 4).includes('$(warning) flattened: 10 * 6 * 6 = 360, but nn.Linear expects in_features=300'),
    );
  });

  const pooled = [
    'class Net(nn.Module):',
    '    def __init__(self):',
    '        super().__init__()',
    '        self.conv = nn.Conv2d(1, 4, 3, padding=1)',
    '        self.pool = nn.MaxPool2d(2)',
    '        self.fc = nn.Linear(4 * 5 * 5, 2)',
    '',
    '    def forward(self, x):',
    '        x = x.view(1, 1, 10, 10)',
    '        return self.fc(self.pool(self.conv(x)).flatten(1))',
    '',
  ].join('\n');

  it('MaxPool2d(2): window, stride, formula and the pooled shape of the conv output', () => {
    const md = hoverAt(pooled, 'nn.MaxPool2d(2)', 4);
    assert.ok(md.includes('nn.MaxPool2d(kernel_size=(2, 2), stride=(2, 2), padding=(0, 0), dilation=1, ceil_mode=False)'));
    assert.ok(md.includes('window 2×2 · stride 2 · padding 0 · no parameters'));
    assert.ok(md.includes('H_out = ⌊(H_in + 2·0 − 1·(2−1) − 1)/2⌋ + 1'));
    assert.match(md, /input 1×4×10×10 ← output of self\\\.conv → output \*\*1×4×5×5\*\*/);
    assert.ok(hoverAt(pooled, 'nn.Linear(4 * 5 * 5, 2)', 4).includes('flattened: 4 * 5 * 5 = 100 (matches nn.Linear(100, 2) ✓)'));
  });

  it("MaxPool2d with too much padding gives PyTorch's message", () => {
    const md = hoverAt(pooled.replace('nn.MaxPool2d(2)', 'nn.MaxPool2d(2, padding=2)'), 'nn.MaxPool2d(2', 4);
    assert.ok(md.includes('`RuntimeError: pad should be at most half of kernel size, but got pad=2 and kernel_size=2`'));
  });
});

describe('hover/layer: arguments and errors without an input', () => {
  it("padding='same' with stride 2 is PyTorch's ValueError", () => {
    const md = hoverAt("conv = nn.Conv2d(3, 8, 3, stride=2, padding='same')\n", 'nn.Conv2d', 4);
    assert.ok(md.includes("$(error) `ValueError: padding='same' is not supported for strided convolutions`"));
  });

  it('no input in the file: the symbolic output-size formula', () => {
    const md = hoverAt('conv = nn.Conv2d(3, 8, kernel_size=5, padding=1, stride=2)\n', 'nn.Conv2d', 4);
    assert.ok(md.includes('in 3 → out 8 · kernel 5×5 · stride 2 · padding 1 · 608 parameters'));
    assert.ok(md.includes('H_out = ⌊(H_in + 2·1 − 1·(5−1) − 1)/2⌋ + 1'));
  });

  it('names the arguments that are not constants', () => {
    const md = hoverAt('conv = nn.Conv2d(c, 8, k)\n', 'nn.Conv2d', 4);
    assert.ok(md.includes('nn.Conv2d(in_channels=?, out_channels=8, kernel_size=?, stride=(1, 1)'));
    assert.ok(md.includes('$(info) not constants, so not evaluated: `in_channels`, `kernel_size`'));
    assert.doesNotMatch(md, /parameters|H_out/);
  });

  it('notebook: F.conv2d in one cell sees image_tensor from another', () => {
    const cells = literalsInNotebook(example('conv2d_intro.ipynb'));
    assert.ok(Array.isArray(cells));
    const texts = cells.map((c) => c.text);
    const cell = texts.find((t) => t.startsWith('F.conv2d'))!;
    let context = '';
    const starts = cells.map((c) => {
      const start = context.length;
      context += `${c.text}\n`;
      return { start, label: `cell ${c.cellIndex + 1}` };
    });
    const d = {
      ...doc(cell, 'python', 'examples/conv2d_intro.ipynb cell 6'),
      context: { text: context, offset: context.indexOf(cell), cells: starts },
    };
    const r = new HoverService().provide(d, 3, env());
    assert.ok(r);
    assert.match(r.answer.markdown, /input 1×1×5×5 ← image\\_tensor \\\(cell 3, line 1\\\) → output \*\*1×1×5×5\*\*/);
  });
});
