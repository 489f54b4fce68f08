// Train/eval behaviour and state dicts of the layers with modes: Dropout (seeded mask, not PyTorch's RNG), BatchNorm2d
// buffers under PyTorch's state_dict keys, and PyTorch's messages for bad arguments.
import * as assert from 'node:assert/strict';
import { TorchError, manualSeed, nn, tensor } from '../../../src/core/engine/index';

describe('layers with train/eval modes', () => {
  it('Dropout: identity in eval; in training a seeded mask scaled by 1/(1−p), and the gradient uses the same mask', () => {
    const x = tensor(
      Float32Array.from({ length: 1000 }, (_, i) => 1 + (i % 7)),
      [10, 100],
      { requiresGrad: true },
    );
    const m = new nn.Dropout(0.25);
    m.eval();
    assert.equal(m.forward(x), x);
    m.train();
    manualSeed(7);
    const y = m.forward(x);
    manualSeed(7);
    assert.deepEqual([...m.forward(x).data], [...y.data], 'same seed, same mask');
    const kept = [...y.data].filter((v) => v !== 0).length;
    assert.ok(kept > 650 && kept < 850, `kept ${kept} of 1000`);
    y.data.forEach((v, i) => assert.ok(v === 0 || Math.abs(v - x.data[i] / 0.75) < 1e-6));
    y.backward(tensor(new Float32Array(1000).fill(1), [10, 100]));
    x.grad!.data.forEach((g, i) => assert.equal(g, y.data[i] === 0 ? 0 : Math.fround(1 / 0.75)));
  });

  it("Dropout rejects p outside [0, 1] with PyTorch's ValueError", () => {
    assert.throws(
      () => new nn.Dropout(1.5),
      (e: unknown) =>
        e instanceof TorchError && e.type === 'ValueError' && e.message === 'dropout probability has to be between 0 and 1, but got 1.5',
    );
  });

  it("BatchNorm2d: state_dict keys as PyTorch's, model.eval() uses running stats, training needs more than one value", () => {
    const model = new nn.Sequential(new nn.Conv2d(1, 2, 3), new nn.BatchNorm2d(2));
    assert.deepEqual(Object.keys(model.stateDict()), [
      '0.weight',
      '0.bias',
      '1.weight',
      '1.bias',
      '1.running_mean',
      '1.running_var',
      '1.num_batches_tracked',
    ]);
    const bn = model.layers[1] as nn.BatchNorm2d;
    const x = tensor(
      Float32Array.from({ length: 2 * 2 * 3 * 3 }, (_, i) => i),
      [2, 2, 3, 3],
    );
    model.eval();
    const y = bn.forward(x);
    assert.ok(Math.abs(y.data[5] - 5 / Math.sqrt(1 + 1e-5)) < 1e-5, 'eval: (x − 0)/√(1 + eps)');
    assert.equal(bn.numBatchesTracked!.data[0], 0);
    model.train();
    bn.forward(x);
    assert.equal(bn.numBatchesTracked!.data[0], 1);
    assert.ok(bn.runningMean!.data[0] !== 0);
    assert.throws(
      () => bn.forward(tensor(new Float32Array(2), [1, 2, 1, 1])),
      (e: unknown) =>
        e instanceof TorchError &&
        e.message === 'Expected more than 1 value per channel when training, got input size torch.Size([1, 2, 1, 1])',
    );
    const { ['1.running_mean']: _gone, ...missing } = model.stateDict();
    assert.throws(() => model.loadStateDict(missing), /Missing key\(s\) in state_dict: "1\.running_mean"\./);
    const { ['1.num_batches_tracked']: _counter, ...old } = model.stateDict();
    model.loadStateDict(old);
    assert.equal(bn.numBatchesTracked!.data[0], 0, 'a state dict without the counter loads, counter 0 (as PyTorch)');
  });
});
