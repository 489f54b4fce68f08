// The one state-dict matcher (explorer and Load into Training): PyTorch's load_state_dict(strict=True) report.
import * as assert from 'node:assert/strict';
import { buildModel, stateKeys } from '../../../src/core/explore/explore-model';
import { readStateDictFile } from '../../../src/core/explore/inputs';
import { loadStateDictError, matchStateDict } from '../../../src/core/explore/state-dict-match';
import type { ModelSpec, StateDict } from '../../../src/core/protocol/worker';
import { stateDictMismatches } from '../../../src/training/state-dict-match';
import { MODELS_PY, caseBytes, inflate } from './golden-cases';

const s = (...shape: number[]) => ({ shape });

describe('state dict matching as load_state_dict reports it', () => {
  // Net: conv = Conv2d(3, 4, 3); bn = BatchNorm2d(4); fc = Linear(8, 2); r = ReLU()
  const expected = [
    { key: 'conv.weight', shape: [4, 3, 3, 3] },
    { key: 'conv.bias', shape: [4] },
    { key: 'bn.weight', shape: [4] },
    { key: 'bn.bias', shape: [4] },
    { key: 'bn.running_mean', shape: [4] },
    { key: 'bn.running_var', shape: [4] },
    { key: 'bn.num_batches_tracked', shape: [] },
    { key: 'fc.weight', shape: [2, 8] },
    { key: 'fc.bias', shape: [2] },
  ];
  const modules = ['conv', 'bn', 'fc', 'r'];

  it('an exact state dict (BatchNorm buffers included) matches; num_batches_tracked may be absent', () => {
    const all = Object.fromEntries(expected.map((e) => [e.key, s(...e.shape)]));
    assert.equal(loadStateDictError('Net', matchStateDict(expected, all, modules)), undefined);
    delete all['bn.num_batches_tracked'];
    assert.equal(loadStateDictError('Net', matchStateDict(expected, all, modules)), undefined);
  });

  it("reports missing, unexpected and wrong-shape keys in PyTorch's words and order", () => {
    // What PyTorch 1.13 raises for this dict (checked with torch: each module checks the keys under its own prefix, so
    // "fc.weight.x" is not reported — "weight" is fc's own — and "r" names a module).
    const given = {
      'conv.weight': s(4, 1, 3, 3),
      'fc.weight': s(2, 8),
      'head.weight': s(1),
      'bn.weight': s(4),
      'bn.foo': s(1),
      'r.x': s(1),
      r: s(1),
      'fc.weight.x': s(1),
      'bn.running_mean': s(5),
    };
    assert.equal(
      loadStateDictError('Net', matchStateDict(expected, given, modules)),
      'Error(s) in loading state_dict for Net:\n\t' +
        'Missing key(s) in state_dict: "conv.bias", "bn.bias", "bn.running_var", "fc.bias". \n\t' +
        'Unexpected key(s) in state_dict: "head.weight", "bn.foo", "r.x". \n\t' +
        'size mismatch for conv.weight: copying a param with shape torch.Size([4, 1, 3, 3]) from checkpoint, the shape in current model is torch.Size([4, 3, 3, 3]).\n\t' +
        'size mismatch for bn.running_mean: copying a param with shape torch.Size([5]) from checkpoint, the shape in current model is torch.Size([4]).',
    );
  });

  it("TinyResNet's saved state dict (BatchNorm running statistics) fits the model read from models.py", async () => {
    const weights = await readStateDictFile(caseBytes('tiny_resnet_state.pt'), inflate);
    const built = buildModel(MODELS_PY, 'TinyResNet', { weights });
    assert.equal(built.loadError, undefined);
    assert.deepEqual(
      stateKeys(built.net).map((k) => k.key),
      Object.keys(weights),
      "state_dict() order is PyTorch's",
    );
  });

  it('Load into Training accepts an exactly matching state dict of a model with BatchNorm2d (the bug this fixes)', async () => {
    const weights = await readStateDictFile(caseBytes('tiny_resnet_state.pt'), inflate);
    const state: StateDict = Object.fromEntries(
      Object.entries(weights).map(([k, v]) => [k, { shape: [...v.shape], data: Array.from(v.data) }]),
    );
    const spec = { name: 'TinyResNet', source: { text: MODELS_PY, classes: 10 } } as unknown as ModelSpec;
    assert.deepEqual(stateDictMismatches(spec, state), []);
    delete state['fc.bias'];
    assert.deepEqual(stateDictMismatches(spec, state), ['Missing key(s) in state_dict: "fc.bias". ']);
  });

  it('Load into Training: a conv + BatchNorm2d model takes its running statistics without complaint', () => {
    const text = [
      'import torch.nn as nn',
      'class Net(nn.Module):',
      '    def __init__(self):',
      '        super().__init__()',
      '        self.conv = nn.Conv2d(1, 2, 3)',
      '        self.bn = nn.BatchNorm2d(2)',
      '    def forward(self, x):',
      '        return self.bn(self.conv(x))',
    ].join('\n');
    const spec = { name: 'Net', source: { text, classes: 2 } } as unknown as ModelSpec;
    const t = (...shape: number[]) => ({ shape, data: new Array<number>(shape.reduce((a, b) => a * b, 1)).fill(0) });
    const state: StateDict = {
      'conv.weight': t(2, 1, 3, 3),
      'conv.bias': t(2),
      'bn.weight': t(2),
      'bn.bias': t(2),
      'bn.running_mean': t(2),
      'bn.running_var': t(2),
      'bn.num_batches_tracked': t(),
    };
    assert.deepEqual(stateDictMismatches(spec, state), []);
  });
});
