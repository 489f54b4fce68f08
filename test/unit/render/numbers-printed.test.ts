// Numbers printed as numbers: sums and colour bars use the cells' exact-label rule; std says which; parameters apart from buffers.
import { strict as assert } from 'node:assert';
import { num, factor } from '../../../src/core/render/arithmetic';
import { cellLabel } from '../../../src/core/render/tensor-format';
import { tensorStats } from '../../../src/core/tensor-files/tensor-summary';
import { countParameters, isBufferKey } from '../../../src/core/tensor-files/parameter-count';
import { EXPECTED, openFixture } from '../files/helpers';

describe('numbers printed as numbers', () => {
  it('float32 extremes print as their cells do: −1e30, −3.4e38 (not −1.0000000150474662e+30)', () => {
    assert.equal(num(Math.fround(-1e30)), '−1e30');
    assert.equal(factor(Math.fround(-1e30)), '(−1e30)');
    assert.equal(num(Math.fround(-3.4e38)), '−3.4e38');
    assert.equal(num(Math.fround(3.4e38)), '3.4e38');
    for (const v of [-1e30, 3.4e38, 1e20, -2.5e-30].map(Math.fround)) {
      assert.equal(
        num(v),
        cellLabel(v, (l) => l.length <= 12),
        `${v}: the sum and the cell agree`,
      );
      assert.ok(num(v).length <= 8, `${num(v)} is short enough for a colour bar`);
    }
  });

  it('small integers in full, others to 4 significant digits, each label exact to its digits', () => {
    assert.deepEqual([0, 3, -2, 255, 65536].map(num), ['0', '3', '−2', '255', '65536']);
    assert.equal(num(Math.fround(0.1)), '0.1');
    assert.equal(num(1 / 3), '0.3333');
    assert.equal(num(-2.6), '−2.6');
    assert.equal(num(1.5e-7), '1.5e-7');
    assert.equal(num(NaN), 'NaN');
    assert.equal(num(-Infinity), '−∞');
  });

  it('std: unbiased as torch.std() and biased as torch.std(unbiased=False) / numpy.std(), both given', () => {
    // torch.tensor([1., 2., 3., 4.]).std() = 1.2910, .std(unbiased=False) = 1.1180
    const s = tensorStats(new Float32Array([1, 2, 3, 4]));
    assert.ok(Math.abs(s.std - Math.sqrt(5 / 3)) < 1e-12, `${s.std}`);
    assert.ok(Math.abs(s.stdBiased - Math.sqrt(5 / 4)) < 1e-12, `${s.stdBiased}`);
    assert.ok(Number.isNaN(tensorStats(new Float32Array([7])).std), 'torch.tensor([7.]).std() is nan');
    assert.equal(tensorStats(new Float32Array([7])).stdBiased, 0);
  });

  it("a state dict's BatchNorm buffers are not parameters: state_dict.pt has 138 parameters (PyTorch's parameters()) and 9 in buffers", async () => {
    const f = await openFixture('state_dict.pt');
    assert.ok(EXPECTED['state_dict.pt'].tensors!['bn.running_var']);
    // Net() of fixtures/generate.py: sum(p.numel() for p in net.parameters()) = 138, buffers() = 9 (PyTorch 1.13)
    assert.deepEqual(countParameters(f.entries), { parameters: 138, buffers: 9 });
    assert.ok(isBufferKey('layer1.0.bn2.num_batches_tracked'));
    assert.ok(!isBufferKey('running_mean_head.weight'));
  });
});
