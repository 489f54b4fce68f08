// Helpers for reference-case tests: golden folder resolution, JSON tensors → engine tensors, tolerance assertions.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Tensor, tensor } from '../../../src/core/engine/index';
import { goldensDir } from '../../goldens';
import { FLOAT32, type JsonTensor, type Tolerance, assertClose } from '../../support/close';

export { FLOAT32, type JsonTensor, type Tolerance, assertClose } from '../../support/close';

export { goldenPath, goldensDir, readGolden } from '../../goldens';

/** Every *.json file of the folder with its parsed content (sorted by name); throws when the folder is missing. */
export function loadGoldenFiles(dir = goldensDir()): { file: string; json: { cases?: unknown[] } }[] {
  if (!fs.existsSync(dir)) throw new Error(`golden folder ${dir} is missing (set TENSOR_LENS_GOLDENS to the PyTorch goldens folder)`);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, json: JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) }));
}

export function toTensor(t: JsonTensor, requiresGrad = false): Tensor {
  return tensor(Float32Array.from(t.data), t.shape, { requiresGrad });
}

/** The 500-step tutorial run: each loss within 1e-6 of PyTorch's (measured: 2.4e-7 at worst). */
export const LOSS_TOLERANCE = 1e-6;

/**
 * After 500 Adam steps, float32 rounding (summation order in conv/linear) has compounded through the optimizer. Adam
 * divides each gradient by its own running RMS, so a weight whose gradient is nearly zero (a dead ReLU feature) moves
 * by up to lr·O(1) on rounding noise alone: measured worst 8.9e-4 on linear.weight (which moved by up to 1.97 in
 * training) and 1.4e-3 on a logit of magnitude ~9. Bounds: twice the measured worst. Most elements still match at
 * float32 tolerance (measured 97% of linear.weight, 96% of conv1.weight), which assertMostlyFloat32 holds at 90%.
 */
export const TRAINED_STATE_TOLERANCE: Tolerance = { atol: 2e-3, rtol: 0 };
export const TRAINED_LOGITS_TOLERANCE: Tolerance = { atol: 3e-3, rtol: 0 };

/** At least `share` of the elements within float32 tolerance (the rest checked by the caller's looser bound). */
export function assertMostlyFloat32(actual: ArrayLike<number>, expected: JsonTensor, what: string, share = 0.9): void {
  let close = 0;
  for (let i = 0; i < expected.data.length; i++) {
    if (Math.abs(actual[i] - expected.data[i]) <= FLOAT32.atol + FLOAT32.rtol * Math.abs(expected.data[i])) close++;
  }
  const got = close / expected.data.length;
  assert.ok(got >= share, `${what}: only ${(got * 100).toFixed(1)}% of elements within float32 tolerance (want ≥ ${share * 100}%)`);
}

/** A trained run against train_seed_cnn.json: loss count and values, predictions, final logits and state dict. */
export function assertTrainingMatches(
  result: {
    losses: number[];
    predictions: number[];
    logits: ArrayLike<number>[];
    state: Record<string, { shape: number[]; data: ArrayLike<number> }>;
  },
  golden: { losses: number[]; final_predictions: number[]; final_logits: JsonTensor[]; final_state: Record<string, JsonTensor> },
): void {
  assertLosses(result.losses, golden.losses);
  assert.deepEqual(result.predictions, golden.final_predictions);
  assert.equal(result.logits.length, golden.final_logits.length, 'number of final logits');
  golden.final_logits.forEach((t, i) =>
    assertClose(Float32Array.from(result.logits[i]), t, `final_logits[${i}]`, TRAINED_LOGITS_TOLERANCE),
  );
  assert.deepEqual(Object.keys(result.state).sort(), Object.keys(golden.final_state).sort(), 'final_state keys');
  for (const [key, t] of Object.entries(golden.final_state)) {
    assert.deepEqual(result.state[key].shape, t.shape, `final_state ${key}: shape`);
    const data = Float32Array.from(result.state[key].data);
    assertClose(data, t, `final_state ${key}`, TRAINED_STATE_TOLERANCE);
    assertMostlyFloat32(data, t, `final_state ${key}`);
  }
}

/** Every loss of a run against the golden's, with their count. */
export function assertLosses(actual: readonly number[], expected: readonly number[]): void {
  assert.equal(actual.length, expected.length, 'number of losses');
  actual.forEach((l, i) => {
    const diff = Math.abs(l - expected[i]);
    if (!(diff <= LOSS_TOLERANCE))
      assert.fail(`loss at step ${i + 1}: got ${l}, expected ${expected[i]} (|diff| ${diff} > ${LOSS_TOLERANCE})`);
  });
}

/** torch.testing's float32 tolerance, element-wise (assertClose with FLOAT32). */
export function assertAllClose(actual: Tensor | Float32Array | null, expected: JsonTensor, what: string): void {
  assertClose(actual, expected, what, FLOAT32);
}
