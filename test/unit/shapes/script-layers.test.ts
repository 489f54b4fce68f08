// Script-level shapes: layers built and called outside any class (the tutorial's `conv(image_tensor)`, `F.conv2d(...)`)
// get their input, output or PyTorch's error from the shape flow's run of the module-level statements.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyzeFile, type ScriptLayerShape } from '../../../src/core/shapes';

const intro = readFileSync(resolve(__dirname, '../../../examples/conv2d_intro.py'), 'utf8');
const HEADER = 'import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n';

/** The script-level entry of the layer whose constructor (or F.conv2d call) starts at the first `needle`. */
function entryAt(text: string, needle: string): ScriptLayerShape | undefined {
  const start = text.indexOf(needle);
  assert.ok(start >= 0, `needle not found: ${needle}`);
  return analyzeFile(text).script.find((s) => s.start === start);
}

describe('shapes/script: layers called at module level', () => {
  it('conv = nn.Conv2d(1, 1, 3, 1); conv(image_tensor): the 5×5 literal gives 1×1×3×3', () => {
    const e = entryAt(intro, 'nn.Conv2d(1, 1, 3, 1)');
    assert.deepEqual(e && { input: e.input, output: e.output, arg: e.arg, line: e.line }, {
      input: [1, 1, 5, 5],
      output: [1, 1, 3, 3],
      arg: 'image_tensor',
      line: 31,
    });
  });

  it("a 5×5 kernel on 4×4 data: PyTorch's RuntimeError, not an output", () => {
    const e = entryAt(intro, 'nn.Conv2d(1, 1, 5, 1)');
    assert.equal(e?.output, undefined);
    assert.equal(
      e?.error,
      "RuntimeError: Calculated padded input size per channel: (4 x 4). Kernel size: (5 x 5). Kernel size can't be greater than actual input size",
    );
  });

  it('padding=1 makes the 5×5 kernel fit: 1×1×2×2', () => {
    assert.deepEqual(entryAt(intro, "nn.Conv2d(1, 1, 5, 1, padding=1, padding_mode='zeros', bias=False)")?.output, [1, 1, 2, 2]);
  });

  it('F.conv2d with input and weight traced through .view: 1×1×3×3', () => {
    const e = entryAt(intro, 'F.conv2d(circle_image');
    assert.deepEqual(e && { input: e.input, output: e.output, arg: e.arg }, {
      input: [1, 1, 5, 5],
      output: [1, 1, 3, 3],
      arg: 'circle_image.view(1, 1, 5, 5)',
    });
  });

  it('a chain of script layers: each gets the previous output (Conv2d → MaxPool2d → flatten → Linear)', () => {
    const text =
      HEADER +
      [
        'x = torch.randn(2, 3, 32, 32)',
        'conv = nn.Conv2d(3, 8, kernel_size=3, padding=1)',
        'pool = nn.MaxPool2d(2)',
        'fc = nn.Linear(8 * 16 * 16, 10)',
        'h = pool(conv(x))',
        'y = fc(h.view(h.size(0), -1))',
      ].join('\n');
    const byType = Object.fromEntries(analyzeFile(text).script.map((s) => [s.type, [s.input, s.output]]));
    assert.deepEqual(byType, {
      Conv2d: [
        [2, 3, 32, 32],
        [2, 8, 32, 32],
      ],
      MaxPool2d: [
        [2, 8, 32, 32],
        [2, 8, 16, 16],
      ],
      Linear: [
        [2, 2048],
        [2, 10],
      ],
    });
  });

  it('a Linear fed the wrong width: mat1 and mat2 error with both shapes', () => {
    const text = HEADER + 'fc = nn.Linear(100, 10)\nout = fc(torch.zeros(4, 99))\n';
    assert.equal(entryAt(text, 'nn.Linear(100, 10)')?.error, 'RuntimeError: mat1 and mat2 shapes cannot be multiplied (4x99 and 100x10)');
  });

  it('an input that cannot be known (a function result) records nothing and stops nothing after it', () => {
    const text = HEADER + 'conv = nn.Conv2d(1, 4, 3)\nimg = load_image()\na = conv(img)\nb = conv(torch.ones(1, 1, 9, 9))\n';
    const e = entryAt(text, 'nn.Conv2d(1, 4, 3)');
    assert.deepEqual(e && [e.input, e.output, e.line], [[1, 1, 9, 9], [1, 4, 7, 7], 7]);
  });

  it('a name rebound to something unknown does not keep its old shape', () => {
    const text = HEADER + 'conv = nn.Conv2d(1, 4, 3)\nimg = torch.ones(1, 1, 9, 9)\nimg = undefined_thing(img)[0]\nout = conv(img)\n';
    assert.equal(entryAt(text, 'nn.Conv2d(1, 4, 3)'), undefined);
  });

  it('layers inside model classes are not script layers', () => {
    const text =
      HEADER + 'class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.c = nn.Conv2d(1, 2, 3)\n';
    assert.deepEqual(analyzeFile(text).script, []);
  });
});
