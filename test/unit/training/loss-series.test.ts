// The loss chart's data: the per-epoch moving average and the min/max decimation that keeps spikes in long runs.
import assert from 'node:assert/strict';
import { chartSeries, movingAverage } from '../../../webview/training/loss-series';

describe('loss chart series', () => {
  it('averages over the last epoch (fewer steps at the start)', () => {
    assert.deepEqual(movingAverage([2, 4, 6, 8, 10], 2), [2, 3, 5, 7, 9]);
    assert.deepEqual(movingAverage([1, 2, 3], 5), [1, 1.5, 2]);
  });

  it('draws every step of the tutorial run as is', () => {
    const losses = Array.from({ length: 500 }, (_, i) => 1 / (i + 1));
    const [x, y, avg] = chartSeries(losses, 5);
    assert.equal(x.length, 500);
    assert.deepEqual(y, losses);
    assert.equal(x[499], 500);
    assert.equal(avg[4], (1 + 1 / 2 + 1 / 3 + 1 / 4 + 1 / 5) / 5);
  });

  it('reduces 100,000 steps to at most 2,000 points in step order, keeping the largest spike', () => {
    const losses = Array.from({ length: 100_000 }, (_, i) => 1 / Math.sqrt(i + 1));
    losses[77_777] = 50;
    const [x, y] = chartSeries(losses, 5);
    assert.ok(x.length <= 2000 && x.length > 1000, `${x.length} points`);
    assert.ok(
      x.every((v, i) => i === 0 || v > x[i - 1]),
      'x increases',
    );
    assert.ok(y.includes(50), 'the spike survives');
    assert.equal(y[0], 1);
  });
});
