// Helpers for reference-case tests: golden folder resolution, JSON tensors → engine tensors, tolerance assertions.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Tensor, tensor } from '../../../src/core/engine/index';
import { goldensDir, readGolden } from '../../goldens';
import { FLOAT32, type JsonTensor, type Tolerance, assertClose } from '../../support/close';

export { FLOAT32, type JsonTensor, type Tolerance, assertClose } from '../../support/close';

export { goldenPath, goldensDir, readGolden } from '../../goldens';

/** Every *.json (or gzipped *.json.gz, named without .gz) file of the folder, parsed, sorted by name; throws when the folder is missing. */
export function loadGoldenFiles(dir = goldensDir()): { file: string; json: { cases?: unknown[] } }[] {
  if (!fs.existsSync(dir)) throw new Error(`golden folder ${dir} is missing (set TENSOR_LENS_GOLDENS to the PyTorch goldens folder)`);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json') || f.endsWith('.json.gz'))
    .sort()
    .map((f) => {
      const raw = fs.readFileSync(path.join(dir, f));
      const text = f.endsWith('.gz') ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
      return { file: f.replace(/\.gz$/, ''), json: JSON.parse(text) };
    });
}

/** The extra seeds of the goldens' recipe (test/fixtures/goldens-seeds/generate.py): one folder per seed. */
export function seedGoldenDirs(): string[] {
  const root = path.resolve(__dirname, '..', '..', 'fixtures', 'goldens-seeds');
  return fs
    .readdirSync(root)
    .filter((d) => /^seed-\d+$/.test(d))
    .sort()
    .map((d) => path.join(root, d));
}

export function toTensor(t: JsonTensor, requiresGrad = false): Tensor {
  return tensor(Float32Array.from(t.data), t.shape, { requiresGrad });
}

/**
 * The 500-step tutorial run: each loss within 1e-6 of PyTorch's. Measured over the shared seed and five more: 9.7e-7 at
 * worst (seed 4), 2.4e-7 on the shared seed; a loss of ~0.01–2.3 in float32 has an ulp of 1e-9–2.4e-7.
 */
export const LOSS_TOLERANCE = 1e-6;

type TrainGolden = { name?: string; final_logits: JsonTensor[]; final_state: Record<string, JsonTensor> };
type Float64Twin = { final_logits_float64: JsonTensor[]; final_state_float64: Record<string, JsonTensor> };

/** The float64 twin of a training golden: in the case itself (extra seeds) or, for the shared seed, in shared-float64-twins.json.gz. */
export function float64Twin(golden: TrainGolden & Partial<Float64Twin>): Float64Twin {
  if (golden.final_logits_float64 && golden.final_state_float64) return golden as Float64Twin;
  const file = path.resolve(__dirname, '..', '..', 'fixtures', 'goldens-seeds', 'shared-float64-twins.json.gz');
  const twins = JSON.parse(gunzipSync(fs.readFileSync(file)).toString('utf8')).cases as (Float64Twin & { name: string })[];
  const twin = twins.find((t) => t.name === golden.name);
  if (!twin) throw new Error(`no float64 twin for training golden ${golden.name} in ${file} (rerun its generate.py)`);
  return twin;
}

/** The largest |float32 − float64| of PyTorch's run over one tensor: how far float32 rounding alone moved it. */
export function drift(float32: JsonTensor, float64: JsonTensor): number {
  let m = 0;
  for (let i = 0; i < float32.data.length; i++) m = Math.max(m, Math.abs(float32.data[i] - float64.data[i]));
  return m;
}

/**
 * The final-state bound of a trained run, per tensor: 2·drift + float32's tolerance. After 500 Adam steps float32
 * rounding (summation order in conv/linear) has compounded through the optimizer: Adam divides each gradient by its own
 * running RMS, so a weight whose gradient is nearly zero (a dead ReLU feature) moves by lr-sized steps on rounding noise
 * alone. How far is measured, not guessed: PyTorch ran each golden twice, in float32 (the golden) and in float64 from
 * the same initial state (its twin); their distance is the drift. Measured over the shared seed and five more
 * (test/fixtures/goldens-seeds), the drift on a logit is 1.2e-4 (seed 1) to 0.59 (seed 3, where one linear weight
 * drifted by 0.19), and the engine differs from PyTorch's float32 run by at most 1.00× the drift of the same tensor
 * (it stays within 2e-5 of the float64 run). Two float32 runs that start together each drift from the exact run by
 * up to the drift, so they differ by up to twice it (triangle inequality): hence 2·drift, plus float32's tolerance for
 * the tensors that did not drift at all. (The former "90% of elements within float32 tolerance" check is gone: it
 * measured 90.0% on seed 3's conv1.bias, a share tuned to a draw rather than derived.)
 */
export function trainedTolerance(float32: JsonTensor, float64: JsonTensor): Tolerance {
  return { atol: 2 * drift(float32, float64) + FLOAT32.atol, rtol: FLOAT32.rtol };
}

/** The shared seed's bounds (largest over its logits, and over its state tensors), for tests of other training paths. */
function sharedTrainedTolerances(): { logits: Tolerance; state: Tolerance } {
  const golden = readGolden<{ cases: TrainGolden[] }>('train_seed_cnn.json').cases[0];
  const twin = float64Twin(golden);
  const worst = (ts: Tolerance[]) => ts.reduce((a, b) => (a.atol >= b.atol ? a : b));
  return {
    logits: worst(golden.final_logits.map((t, i) => trainedTolerance(t, twin.final_logits_float64[i]))),
    state: worst(Object.entries(golden.final_state).map(([k, t]) => trainedTolerance(t, twin.final_state_float64[k]))),
  };
}
const shared = sharedTrainedTolerances();
/** The shared seed's final-logits bound (trainedTolerance over its five logit vectors): 2·1.44e-3 + 1e-5. */
export const TRAINED_LOGITS_TOLERANCE: Tolerance = shared.logits;
/** The shared seed's final-state bound (trainedTolerance over its state tensors). */
export const TRAINED_STATE_TOLERANCE: Tolerance = shared.state;

/** A trained run against a train_seed_cnn.json case: loss count and values, predictions, final logits and state dict. */
export function assertTrainingMatches(
  result: {
    losses: number[];
    predictions: number[];
    logits: ArrayLike<number>[];
    state: Record<string, { shape: number[]; data: ArrayLike<number> }>;
  },
  golden: TrainGolden & Partial<Float64Twin> & { losses: number[]; final_predictions: number[] },
): void {
  assertLosses(result.losses, golden.losses);
  assert.deepEqual(result.predictions, golden.final_predictions);
  const twin = float64Twin(golden);
  assert.equal(result.logits.length, golden.final_logits.length, 'number of final logits');
  golden.final_logits.forEach((t, i) =>
    assertClose(Float32Array.from(result.logits[i]), t, `final_logits[${i}]`, trainedTolerance(t, twin.final_logits_float64[i])),
  );
  assert.deepEqual(Object.keys(result.state).sort(), Object.keys(golden.final_state).sort(), 'final_state keys');
  for (const [key, t] of Object.entries(golden.final_state)) {
    assert.deepEqual(result.state[key].shape, t.shape, `final_state ${key}: shape`);
    const data = Float32Array.from(result.state[key].data);
    assertClose(data, t, `final_state ${key}`, trainedTolerance(t, twin.final_state_float64[key]));
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
