// Helpers for reference-case tests: golden folder resolution, JSON tensors → engine tensors, tolerance assertions.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Tensor, tensor } from '../../../src/core/engine/index';

export interface JsonTensor {
  shape: number[];
  data: number[];
}

const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** The golden folder: $TENSOR_LENS_GOLDENS, else ../shared/goldens next to the repo. */
export function goldensDir(): string {
  return process.env.TENSOR_LENS_GOLDENS
    ? path.resolve(process.env.TENSOR_LENS_GOLDENS)
    : path.resolve(repoRoot, '..', 'shared', 'goldens');
}

/** Every *.json file of the folder with its parsed content (sorted by name). */
export function loadGoldenFiles(dir = goldensDir()): { file: string; json: { cases?: unknown[] } }[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, json: JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) }));
}

export function toTensor(t: JsonTensor, requiresGrad = false): Tensor {
  return tensor(Float32Array.from(t.data), t.shape, { requiresGrad });
}

/** Every element within tol·max(1, max|reference|). */
export function assertClose(actual: Tensor | Float32Array | null, expected: JsonTensor, what: string, rel = 1e-4): void {
  assert.ok(actual, `${what}: missing`);
  const data = actual instanceof Tensor ? actual.data : actual;
  if (actual instanceof Tensor) assert.deepEqual([...actual.shape], expected.shape, `${what}: shape`);
  assert.equal(data.length, expected.data.length, `${what}: number of elements`);
  let maxRef = 0;
  for (const v of expected.data) maxRef = Math.max(maxRef, Math.abs(v));
  const tol = rel * Math.max(1, maxRef);
  for (let i = 0; i < data.length; i++) {
    const diff = Math.abs(data[i] - expected.data[i]);
    if (!(diff <= tol)) {
      assert.fail(`${what}[${i}]: got ${data[i]}, expected ${expected.data[i]} (|diff| ${diff} > ${tol})`);
    }
  }
}

/** torch.testing's float32 tolerance, element-wise: |a − b| ≤ 1e-5 + 1.3e-6·|b|. */
export function assertAllClose(actual: Tensor | Float32Array | null, expected: JsonTensor, what: string): void {
  assert.ok(actual, `${what}: missing`);
  const data = actual instanceof Tensor ? actual.data : actual;
  if (actual instanceof Tensor) assert.deepEqual([...actual.shape], expected.shape, `${what}: shape`);
  assert.equal(data.length, expected.data.length, `${what}: number of elements`);
  for (let i = 0; i < data.length; i++) {
    const b = expected.data[i];
    const diff = Math.abs(data[i] - b);
    if (!(diff <= 1e-5 + 1.3e-6 * Math.abs(b))) assert.fail(`${what}[${i}]: got ${data[i]}, expected ${b} (|diff| ${diff})`);
  }
}
