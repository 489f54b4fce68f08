// The explorer's core on PyTorch's whole-model goldens: every leaf module's output and the model's result, in order.
import * as assert from 'node:assert/strict';
import { buildModel, runSteps } from '../../../src/core/explore/explore-model';
import { readInputFile, readStateDictFile } from '../../../src/core/explore/inputs';
import { EXPLORE_CASES, MODELS_PY, caseBytes, inflate, readNpzArrays } from './golden-cases';

/**
 * Tolerance. The engine and PyTorch round the same float32 products in a different summation order; for a dot product
 * of K terms the difference is typically √K·2⁻²⁴ (worst K·2⁻²⁴) times the terms' magnitude, then scaled by later layers.
 * The largest reduction here is MnistNet's fc1 (K = 9216): √K·2⁻²⁴ ≈ 5.7e-6. So each layer may differ by
 * 1e-5·(1 + max|expected|) (measured worst: 3.3e-7 of that scale); a wrong weight, bias, running statistic, padding or
 * mode (train-mode BatchNorm, live Dropout) moves values by 1e-2 of the scale or more.
 */
function assertLayerClose(got: ArrayLike<number>, want: Float32Array, what: string): void {
  assert.equal(got.length, want.length, `${what}: number of values`);
  let max = 0;
  for (const v of want) max = Math.max(max, Math.abs(v));
  const atol = 1e-5 * (1 + max);
  for (let i = 0; i < want.length; i++) {
    const d = Math.abs(got[i] - want[i]);
    if (!(d <= atol)) assert.fail(`${what}[${i}]: got ${got[i]}, PyTorch ${want[i]} (|diff| ${d} > ${atol})`);
  }
}

describe('Model Explorer core: every layer of the goldens-explore models matches PyTorch', () => {
  it('has the five golden cases', () => assert.ok(EXPLORE_CASES.length >= 5));

  for (const c of EXPLORE_CASES) {
    it(`${c.name}: ${c.model} on ${c.input}, ${c.layers.length} leaf modules and the output`, async () => {
      const weights = await readStateDictFile(caseBytes(c.weights), inflate);
      const { net, loadError } = buildModel(MODELS_PY, c.model, { weights });
      assert.equal(loadError, undefined);
      const input = await readInputFile(caseBytes(c.input), { inflate });
      assert.deepEqual([...input.shape], c.input_shape);
      const run = runSteps(net, input);
      const expected = await readNpzArrays(caseBytes(c.expected));
      const leaves = run.steps.filter((s) => s.kind === 'module');
      assert.deepEqual(
        leaves.map((s) => [s.name, s.type, [...s.output.shape]]),
        c.layers.map((l) => [l.module, l.type, l.shape]),
      );
      leaves.forEach((s, i) => {
        const key = `${String(i).padStart(3, '0')}:${s.name}`;
        const want = expected.get(key);
        assert.ok(want, `the golden npz has ${key}`);
        assertLayerClose(s.output.data, want.data, key);
      });
      assert.deepEqual([...run.output.shape], c.output_shape);
      assertLayerClose(run.output.data, expected.get('output')!.data, 'output');
    });
  }

  it('records functional steps between modules in the order forward ran them (LeNet-5)', async () => {
    const { net } = buildModel(MODELS_PY, 'LeNet5');
    const input = await readInputFile(caseBytes('lenet5_input.npy'));
    const names = runSteps(net, input).steps.map((s) => s.name);
    assert.deepEqual(names, [
      'conv1',
      'F.relu',
      'F.max_pool2d',
      'conv2',
      'F.relu',
      'F.max_pool2d',
      'torch.flatten',
      'fc1',
      'F.relu',
      'fc2',
      'F.relu',
      'fc3',
    ]);
  });
});
