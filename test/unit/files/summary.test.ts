// Statistics, histogram and preview of a tensor: min/max/std as numpy computes them, samples of large tensors.
import { strict as assert } from 'node:assert';
import { close, EXPECTED, openFixture } from './helpers';
import { preview, PREVIEW_ELEMENTS, summarize } from '../../../src/core/tensor-files/tensor-summary';
import { stateDictMismatches } from '../../../src/training/state-dict-match';
import { modelSpecFromSource } from '../../../src/training/model-from-source';
import type { ModelSpec } from '../../../src/core/protocol/worker';

describe('tensor files: summaries', () => {
  for (const [file, key] of [
    ['state_dict.pt', 'conv.weight'],
    ['f8.npy', ''],
    ['weights.safetensors', 'bf16'],
    ['checkpoint.pth', 'model.sl'],
  ] as const) {
    it(`${file}/${key || '(array)'}: min, max, mean and unbiased std equal numpy's`, async () => {
      const f = await openFixture(file);
      const e = f.entries.find((x) => x.name === key)!;
      const want = EXPECTED[file].tensors![key];
      const s = summarize(await f.read(e), e.shape, e.dtype);
      assert.ok(close(s.stats.min, want.min!) && close(s.stats.max, want.max!), `min/max ${s.stats.min} ${s.stats.max}`);
      assert.ok(close(s.stats.mean, want.sum / e.numel), `mean ${s.stats.mean}`);
      assert.ok(close(s.stats.std, want.std!), `std ${s.stats.std} vs ${want.std}`);
      assert.equal(
        s.histogram.counts.reduce((a, b) => a + b, 0),
        e.numel,
      );
      assert.equal(s.preview.sampled, false);
    });
  }

  it('counts NaN and ±Inf apart and keeps them out of the histogram', () => {
    const s = summarize(new Float32Array([1, NaN, Infinity, -Infinity, 0, 3]), [6], 'float32');
    assert.deepEqual([s.stats.nan, s.stats.inf, s.stats.zeros, s.stats.min, s.stats.max], [1, 2, 1, 0, 3]);
    assert.equal(
      s.histogram.counts.reduce((a, b) => a + b, 0),
      3,
    );
  });

  it('a tensor over the preview budget is sampled with one stride per plane, picking the right elements', () => {
    const H = 2048;
    const W = 1024;
    const v = new Float32Array(H * W).map((_, i) => i);
    const p = preview(v, [1, H, W]);
    assert.equal(p.sampled, true);
    assert.ok(p.data.length <= PREVIEW_ELEMENTS);
    const [, h, w] = p.shape;
    const step = Math.ceil(W / w);
    assert.equal(p.data[w + 1], v[step * W + step]);
    assert.equal(h, Math.ceil(H / step));
  });
});

describe('tensor files: previews fit a canvas', () => {
  it('a [4, 200000] matrix is sampled along its long side only; an empty tensor stays empty', () => {
    const v = new Float32Array(4 * 200_000).map((_, i) => i);
    const p = preview(v, [4, 200_000]);
    assert.equal(p.sampled, true);
    assert.equal(p.shape[0], 4);
    assert.ok(p.shape[1] <= 2048);
    const sx = Math.ceil(200_000 / 2048);
    assert.equal(p.data[p.shape[1] + 1], v[200_000 + sx]);
    assert.deepEqual(preview(new Float32Array(0), [0, 5000]).shape, [0, 5000]);
  });
});

describe('Load into Training: matching a state dict to the model', () => {
  const spec: ModelSpec = modelSpecFromSource(
    [
      'import torch',
      'import torch.nn as nn',
      '',
      'class Net(nn.Module):',
      '    def __init__(self):',
      '        super().__init__()',
      '        self.conv = nn.Conv2d(3, 4, 3)',
      '        self.fc = nn.Linear(8, 2)',
      '',
      '    def forward(self, x):',
      '        return self.fc(torch.flatten(self.conv(x), 1))',
      '',
    ].join('\n'),
    [1, 3, 3, 4],
  );
  const t = (shape: number[]) => ({ shape, data: new Array<number>(shape.reduce((a, b) => a * b, 1)).fill(0) });

  it("the fixture state dict's conv and fc keys match; batch-norm buffers are not reported", async () => {
    const f = await openFixture('state_dict.pt');
    const state = Object.fromEntries(f.entries.filter((e) => !e.name.startsWith('bn.')).map((e) => [e.name, t(e.shape)]));
    assert.deepEqual(stateDictMismatches(spec, state), []);
  });

  it('lists every missing key, wrong shape and extra key', () => {
    const problems = stateDictMismatches(spec, { 'conv.weight': t([4, 1, 3, 3]), 'fc.weight': t([2, 8]), 'head.weight': t([1]) });
    assert.deepEqual(problems, [
      'Missing key(s) in state_dict: "conv.bias", "fc.bias". ',
      'Unexpected key(s) in state_dict: "head.weight". ',
      'size mismatch for conv.weight: copying a param with shape torch.Size([4, 1, 3, 3]) from checkpoint, the shape in current model is torch.Size([4, 3, 3, 3]).',
    ]);
  });
});

describe('tensor files: values are owned by the caller', () => {
  it('reading twice after transferring the first result still works (images, deflated npz)', async () => {
    for (const n of ['rgb.png', 'deflated.npz', 'stored.npz']) {
      const f = await openFixture(n);
      const a = await f.read(f.entries[0]);
      structuredClone(a, { transfer: [a.buffer as ArrayBuffer] });
      const b = await f.read(f.entries[0]);
      assert.equal(b.length, f.entries[0].numel);
    }
  });
});
