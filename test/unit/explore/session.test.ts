// The explore worker's session: drill-down gives exactly the computation of one conv output channel, thumbnails are
// computed for the channels asked only, explanations carry the real numbers, the class scores are a softmax.
import * as assert from 'node:assert/strict';
import { Tensor, conv2d } from '../../../src/core/engine';
import { ExploreSession } from '../../../src/core/explore/session';
import { MODELS_PY, caseBytes, inflate } from './golden-cases';

const GROUPED = `import torch
import torch.nn as nn
import torch.nn.functional as F

classes = ['cat', 'dog', 'bird']


class Grouped(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(4, 6, 3, stride=2, padding=1, dilation=1, groups=2, padding_mode='reflect')
        self.fc = nn.Linear(6 * 3 * 3, 3)

    def forward(self, x):
        x = F.relu(self.conv(x))
        return self.fc(torch.flatten(x, 1))


net = Grouped()
x = torch.arange(2 * 4 * 5 * 5.).view(2, 4, 5, 5) / 100.0
out = net(x)
`;

/** Runs the drill-down's arguments through conv2d: the Convolution panel's own computation. */
function panelConv(d: ReturnType<ExploreSession['drill']>): Float32Array {
  const x = new Tensor(Float32Array.from(d.input.data), d.input.shape);
  const w = new Tensor(Float32Array.from(d.kernel.data), d.kernel.shape);
  const b = d.args.bias === null ? null : new Tensor(Float32Array.from([d.args.bias]), [1]);
  const { bias: _b, ...opts } = d.args;
  return conv2d(x, w, b, opts).data;
}

/**
 * The panel's conv of one output channel sums the same products in another order than the layer's conv of all channels
 * (a different kernel tile), so values agree to float32 rounding: within 1e-6·(1 + max|x|) (K ≤ 288 products here, so
 * √K·2⁻²⁴ ≈ 1e-6); a wrong channel, group, weight slice, bias or stride changes them by far more.
 */
function assertSameChannel(got: Float32Array, want: Float32Array, what: string): void {
  assert.equal(got.length, want.length, `${what}: size`);
  const max = want.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  want.forEach((v, i) => assert.ok(Math.abs(got[i] - v) <= 1e-6 * (1 + max), `${what}[${i}]: ${got[i]} vs ${v}`));
}

describe('explore session', () => {
  it("drill-down of every TinyResNet conv channel recomputes that channel's output", async () => {
    const s = new ExploreSession(inflate);
    const r = await s.explore({
      text: MODELS_PY,
      model: 'TinyResNet',
      weights: { label: 'w', bytes: caseBytes('tiny_resnet_state.pt') },
      input: { label: 'x', bytes: caseBytes('tiny_resnet_input.npy') },
      train: false,
      seed: 0,
    });
    const convs = r.steps.filter((st) => st.drill);
    assert.equal(convs.length, 6);
    for (const st of convs) {
      const [, C, H, W] = st.shape;
      for (const c of [0, C - 1]) {
        const d = s.drill(st.index, c);
        const got = panelConv(d);
        const page = s.thumbs(st.index, 0, 0, 'shared');
        assert.equal(page.count, 0);
        const plane = H * W;
        const want = (s as unknown as { run: { steps: Array<{ output: Tensor }> } }).run.steps[st.index].output.data.subarray(
          c * plane,
          (c + 1) * plane,
        );
        assertSameChannel(got, want, `${st.name} channel ${c}`);
      }
    }
  });

  it('a grouped, strided, reflect-padded conv: the group of input channels, weight[c], bias[c], the layer arguments', async () => {
    const s = new ExploreSession();
    const r = await s.explore({ text: GROUPED, model: 'Grouped', train: false, seed: 1 });
    assert.deepEqual(r.input.shape, [2, 4, 5, 5], "the file's literal is the input");
    const conv = r.steps.find((st) => st.name === 'conv')!;
    const d = s.drill(conv.index, 4);
    assert.deepEqual(d.input.shape, [1, 2, 5, 5], 'group 1: input channels 2–3 of batch 0');
    assert.match(d.title, /input channels 2–3 \(group 1\)/);
    assert.deepEqual(d.kernel.shape, [1, 2, 3, 3]);
    assert.deepEqual(
      { stride: d.args.stride, padding: d.args.padding, mode: d.args.paddingMode },
      { stride: [2, 2], padding: [1, 1], mode: 'reflect' },
    );
    const out = (s as unknown as { run: { steps: Array<{ output: Tensor }> } }).run.steps[conv.index].output.data;
    assertSameChannel(panelConv(d), out.subarray(4 * 9, 5 * 9), 'conv channel 4');
    assert.deepEqual(r.output.topK.map((c) => c.label).sort(), ['bird', 'cat', 'dog'], 'labels from classes = [...]');
    const p = r.output.topK.reduce((a, c) => a + c.probability, 0);
    assert.ok(Math.abs(p - 1) < 1e-12);
  });

  it('thumbnails: only the channels asked for, 8-bit levels spanning the shared or per-channel range', async () => {
    const s = new ExploreSession();
    await s.explore({ text: GROUPED, model: 'Grouped', train: false, seed: 1 });
    const page = s.thumbs(0, 2, 3, 'channel');
    assert.deepEqual([page.from, page.count, page.w, page.h, page.pixels.length], [2, 3, 3, 3, 27]);
    for (let k = 0; k < 3; k++) {
      const px = page.pixels.subarray(k * 9, (k + 1) * 9);
      if (page.ranges[k][1] > page.ranges[k][0]) assert.deepEqual([Math.min(...px), Math.max(...px)], [0, 255]);
    }
    const shared = s.thumbs(0, 0, 6, 'shared');
    assert.equal(shared.ranges.length, 1);
    assert.equal(Math.max(...shared.pixels), 255);
  });

  it('BatchNorm in eval mode is explained with its running statistics', async () => {
    const s = new ExploreSession(inflate);
    const r = await s.explore({
      text: MODELS_PY,
      model: 'TinyResNet',
      weights: { label: 'w', bytes: caseBytes('tiny_resnet_state.pt') },
      input: { label: 'x', text: '2x3x8x8' },
      train: false,
      seed: 0,
    });
    const bn = r.steps.find((st) => st.name === 'stem.1')!;
    assert.match(
      bn.explain[0],
      /^out\[0, \d+, \d+, \d+\] = \(x − mean\)\/√\(var \+ eps\)·γ \+ β = \(.+ − .+\)\/√\(.+ \+ 0\.00001\)·.+ \+ .+ = .+$/,
    );
    const wrong = await s.explore({
      text: MODELS_PY,
      model: 'LeNet5',
      weights: { label: 'w', bytes: caseBytes('tiny_resnet_state.pt') },
      input: { label: 'x', text: '1x1x28x28' },
      train: false,
      seed: 0,
    });
    assert.match(wrong.weightProblems![0], /^Missing key\(s\) in state_dict: "conv1\.weight"/);
  });
});

describe('explorer input when none is chosen', () => {
  const text = `import torch.nn as nn


class Net(nn.Module):
    # input: 2x1x6x6
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 2, 3)

    def forward(self, x):
        return self.conv(x)
`;

  it("the class's # input: comment gives a seeded torch.rand of that shape, said so", async () => {
    const r = await new ExploreSession().explore({ text, model: 'Net', train: false, seed: 0 });
    assert.deepEqual(r.input.shape, [2, 1, 6, 6]);
    assert.match(r.input.label, /^torch\.rand\(2, 1, 6, 6\) for # input: 2x1x6x6$/);
    assert.deepEqual(r.output.shape, [2, 2, 4, 4]);
  });

  it('with neither a literal nor a comment, one sentence asks for an input', async () => {
    await assert.rejects(
      new ExploreSession().explore({ text: text.replace('    # input: 2x1x6x6\n', ''), model: 'Net', train: false, seed: 0 }),
      /^Error: Net needs an input: an image, a tensor file, a literal or a shape/,
    );
  });
});
