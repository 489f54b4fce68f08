// Each shape error PyTorch 1.13 raised in gen-shape-errors.py, reproduced through a small model file: the same type and
// message, on the forward line that raised it, with the fix where one number of a layer is wrong.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyzeFile } from '../../../src/core/shapes';

const FIXTURE: { cases: Array<{ name: string; type: string; message: string }> } = JSON.parse(
  readFileSync(resolve(__dirname, 'fixtures/shape-errors.json'), 'utf8'),
);

/** The same calls as gen-shape-errors.py, as a layer in __init__ (optional) and one forward line on `x`. */
const MODELS: Record<string, { input: string; layer?: string; forward: string; fix?: [string, string] }> = {
  linear_2d: { input: '4x9216', layer: 'nn.Linear(9200, 128)', forward: 'y = self.layer(x)', fix: ['9200', '9216'] },
  linear_3d: { input: '2x4x5', layer: 'nn.Linear(6, 3)', forward: 'y = self.layer(x)', fix: ['6', '5'] },
  linear_1d: { input: '5', layer: 'nn.Linear(6, 3)', forward: 'y = self.layer(x)', fix: ['6', '5'] },
  conv_channels: { input: '4x16x26x26', layer: 'nn.Conv2d(32, 64, 3)', forward: 'y = self.layer(x)', fix: ['32', '16'] },
  conv_2d_input: { input: '4x784', layer: 'nn.Conv2d(1, 8, 3)', forward: 'y = self.layer(x)' },
  conv_too_small: { input: '1x1x4x4', layer: 'nn.Conv2d(1, 8, 5)', forward: 'y = self.layer(x)' },
  conv_transpose_channels: {
    input: '1x6x8x8',
    layer: 'nn.ConvTranspose2d(8, 4, 2, stride=2)',
    forward: 'y = self.layer(x)',
    fix: ['8', '6'],
  },
  batchnorm_channels: { input: '2x32x8x8', layer: 'nn.BatchNorm2d(16)', forward: 'y = self.layer(x)', fix: ['16', '32'] },
  batchnorm_2d_input: { input: '2x16', layer: 'nn.BatchNorm2d(16)', forward: 'y = self.layer(x)' },
  batchnorm1d_3d_channels: { input: '2x8', layer: 'nn.BatchNorm1d(16)', forward: 'y = self.layer(x)', fix: ['16', '8'] },
  view_size: { input: '4x64x12x12', forward: 'y = x.view(4, 9200)' },
  view_two_inferred: { input: '4x64x12x12', forward: 'y = x.view(-1, -1)' },
  view_infer_invalid: { input: '4x10', forward: 'y = x.view(-1, 3)' },
  reshape_size: { input: '4x64x12x12', forward: 'y = x.reshape(4, 9200)' },
  flatten_dim: { input: '4x10', forward: 'y = torch.flatten(x, 2)' },
  size_dim: { input: '4x10', forward: 'y = x.size(2)' },
  cat_sizes: { input: '1x4x16x16', forward: 'y = torch.cat([x, torch.zeros(1, 3, 15, 15)], dim=1)' },
  cat_ndim: { input: '1x4x16x16', forward: 'y = torch.cat([x, torch.zeros(1, 3)], dim=1)' },
  cat_dim_range: { input: '1x4', forward: 'y = torch.cat([x, torch.zeros(1, 3)], dim=2)' },
  add_broadcast: { input: '2x32x16x16', forward: 'y = x + torch.zeros(2, 16, 32, 32)' },
  softmax_dim: { input: '4x10', forward: 'y = F.log_softmax(x, dim=2)' },
  adaptive_avg_2d_input: { input: '4x10', layer: 'nn.AdaptiveAvgPool2d((1, 1))', forward: 'y = self.layer(x)' },
  max_pool_2d_input: { input: '4x10', forward: 'y = F.max_pool2d(x, 2)' },
  max_pool_too_small: { input: '1x8x1x1', forward: 'y = F.max_pool2d(x, 2)' },
  avg_pool_too_small: { input: '1x8x1x1', forward: 'y = F.avg_pool2d(x, 2)' },
};

function source(m: (typeof MODELS)[string]): string {
  return [
    'import torch',
    'import torch.nn as nn',
    'import torch.nn.functional as F',
    '',
    '',
    `class Net(nn.Module):  # input: ${m.input}`,
    '    def __init__(self):',
    '        super().__init__()',
    m.layer ? `        self.layer = ${m.layer}` : '        self.scale = 2',
    '',
    '    def forward(self, x):',
    `        ${m.forward}`,
    '        return y',
    '',
  ].join('\n');
}

describe("shape errors with PyTorch's exact messages (fixtures/shape-errors.json)", () => {
  it('covers every recorded case', () => {
    assert.deepEqual(Object.keys(MODELS).sort(), FIXTURE.cases.map((c) => c.name).sort());
  });

  for (const c of FIXTURE.cases) {
    const m = MODELS[c.name];
    it(`${c.name}: ${m.layer ? `${m.layer} then ` : ''}${m.forward} on ${m.input} → ${c.type}: ${c.message}`, () => {
      const text = source(m);
      const model = analyzeFile(text).models[0];
      assert.equal(model.stop, undefined, model.stop?.why);
      assert.deepEqual(
        { type: model.error?.type, message: model.error?.message, line: model.error?.line },
        { type: c.type, message: c.message, line: 12 },
      );
      if (m.fix) {
        const fix = model.error!.fix!;
        assert.equal(text.slice(fix.start, fix.end), m.fix[0]);
        assert.equal(fix.newText, m.fix[1]);
        const fixed = text.slice(0, fix.start) + fix.newText + text.slice(fix.end);
        assert.equal(analyzeFile(fixed).models[0].error, undefined, 'the fixed model runs');
      } else assert.equal(model.error!.fix, undefined);
    });
  }
});
