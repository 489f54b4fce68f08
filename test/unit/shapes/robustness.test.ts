// The shape flow never throws and never hangs on half-typed or broken code: every prefix of the golden models file,
// random edits of it, and a few hostile constructs (self-reference, recursion, deep nesting).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeFile } from '../../../src/core/shapes';
import { MODELS_PY } from './golden-models';

const withInput = `${MODELS_PY}\nmodel = TinyResNet()\nout = model(torch.zeros(2, 3, 32, 32))\n`;

describe('shape flow: robustness while typing', () => {
  it('analyses every prefix of the models file (as if typed line by line) without throwing', () => {
    const lines = withInput.split('\n');
    for (let n = 0; n <= lines.length; n++) assert.doesNotThrow(() => analyzeFile(lines.slice(0, n).join('\n')), `prefix of ${n} lines`);
  });

  it('survives random deletions and insertions of characters', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: withInput.length }),
        fc.integer({ min: 0, max: 40 }),
        fc.string({ maxLength: 6 }),
        (at, del, ins) => {
          const text = withInput.slice(0, at) + ins + withInput.slice(at + del);
          analyzeFile(text);
        },
      ),
      { numRuns: 300, seed: 16 },
    );
  });

  it('a module registered as its own child, a recursive forward and deep nesting end with a plain reason', () => {
    const text = `import torch.nn as nn
import torch.nn.functional as F


class Loop(nn.Module):  # input: 1x4
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 4)
        self.me = self

    def forward(self, x):
        return self.me(x)


class Deep(nn.Module):  # input: 1x4
    def __init__(self):
        super().__init__()
        self.body = ${'nn.Sequential('.repeat(40)}nn.Linear(4, 4)${')'.repeat(40)}

    def forward(self, x):
        return self.body(x)
`;
    const shapes = analyzeFile(text);
    const loop = shapes.models.find((m) => m.className === 'Loop')!;
    assert.deepEqual(loop.stop, { why: 'modules calling each other more than 64 deep (a recursion?)', line: 12 });
    assert.equal(loop.parameters, 20);
    assert.equal(shapes.models.find((m) => m.className === 'Deep')!.output, '[1, 4]');
  });
});
