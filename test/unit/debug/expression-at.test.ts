// Which expression a live hover means, which slice a big tensor opens with, which locals can feed a layer (pure, no debuggee).
import assert from 'node:assert/strict';
import type { LiveEntry } from '../../../src/core/protocol/live-tensor';
import { expressionAt, layerCall, layersForLine } from '../../../src/core/live/expression-at';
import { inputCandidates, maxAbsDiff } from '../../../src/core/live/layer-compare';
import { sliceIndexFor } from '../../../src/core/live/live-session';

const at = (line: string, needle: string, offset = 0): string | undefined => expressionAt(line, line.indexOf(needle) + offset)?.expression;

describe('debug: expressions under the cursor', () => {
  it('takes the dotted chain up to the hovered word, like the debug hover', () => {
    const line = '        y = self.conv1.weight.sum()  # total';
    assert.equal(at(line, 'weight'), 'self.conv1.weight');
    assert.equal(at(line, 'conv1'), 'self.conv1');
    assert.equal(at(line, 'self'), 'self');
    assert.equal(at(line, 'y ='), 'y');
  });

  it('keeps subscripts on the chain and hovers a closing bracket as the whole item', () => {
    const line = 'z = batch[0].mean() + grid[1][2]';
    assert.equal(at(line, 'mean'), 'batch[0].mean');
    assert.equal(at(line, ']', 0), 'batch[0]');
    assert.equal(at(line, '][2]', 3), 'grid[1][2]');
  });

  it('says nothing for keywords, numbers, comments and strings', () => {
    assert.equal(at('return out', 'return'), undefined);
    assert.equal(at('x = 12', '12'), undefined);
    assert.equal(at('x = 1  # the batch', 'batch'), undefined);
    assert.equal(at('print("batch size")', 'batch'), undefined);
  });

  it('reads a selected layer call as module and input', () => {
    assert.deepEqual(layerCall('self.conv1(x)'), { module: 'self.conv1', input: 'x' });
    assert.deepEqual(layerCall(' model.features[0](batch[0:1]) '), { module: 'model.features[0]', input: 'batch[0:1]' });
    assert.equal(layerCall('F.conv2d(x, w)'), undefined);
  });
});

describe('debug: slices and layer inputs', () => {
  it('opens the biggest leading slice that fits the fetch limit', () => {
    assert.deepEqual(sliceIndexFor([1, 64, 112, 112], 4 * 1024 * 1024), []);
    assert.deepEqual(sliceIndexFor([32, 64, 112, 112], 4 * 1024 * 1024), [0]);
    assert.deepEqual(sliceIndexFor([32, 64, 112, 112], 20_000), [0, 0]);
    assert.deepEqual(sliceIndexFor([5000, 5000], 1000), [], 'a single plane is never split: the helper refuses it with a message');
  });

  it('offers as inputs the non-parameter tensors whose channel count matches in_channels', () => {
    const meta = (kind: string, shape: number[]) => ({
      kind,
      dtype: 'float32',
      device: 'cpu',
      shape,
      numel: shape.reduce((a, b) => a * b, 1),
    });
    const entries: LiveEntry[] = [
      { name: 'x', expr: 'x', meta: meta('torch.Tensor', [2, 3, 48, 40]) },
      { name: 'img', expr: 'img', meta: meta('torch.Tensor', [3, 8, 8]) },
      { name: 'y', expr: 'y', meta: meta('torch.Tensor', [2, 16, 48, 40]) },
      { name: 'self.conv1.weight', expr: 'self.conv1.weight', meta: meta('torch.nn.Parameter', [16, 3, 3, 3]) },
    ];
    assert.deepEqual(inputCandidates(entries, 3), ['x', 'img']);
    assert.deepEqual(inputCandidates(entries, 16), ['y']);
  });

  it('reports the largest difference, and a NaN on one side only as infinite', () => {
    assert.equal(maxAbsDiff([1, 2, 3], [1, 2.5, 2]), 1);
    assert.equal(maxAbsDiff([NaN, 1], [NaN, 1]), 0);
    assert.equal(maxAbsDiff([NaN, 1], [0, 1]), Infinity);
  });
});

describe('notebook: which Conv2d a defining line means', () => {
  const convs = ['model.conv1', 'model.conv2', 'stem', 'model.features[0]'].map((expr) => ({ name: expr, expr }));
  it('maps self.attr = nn.Conv2d(…) to the kernel layers ending in .attr', () => {
    assert.deepEqual(layersForLine('        self.conv1 = nn.Conv2d(3, 8, 3)', convs), ['model.conv1']);
  });
  it('maps name = nn.Conv2d(…) to that global', () => {
    assert.deepEqual(layersForLine('stem: nn.Module = torch.nn.Conv2d(3, 8, 3)', convs), ['stem']);
  });
  it('offers every Conv2d when the line names none of them (inside nn.Sequential)', () => {
    assert.deepEqual(
      layersForLine('    nn.Conv2d(3, 8, 3),', convs),
      convs.map((c) => c.expr),
    );
  });
});
