// One closeness test for every layer of tests: |a − b| ≤ atol + rtol·|b| (b the reference), as torch.testing.assert_close.
import * as assert from 'node:assert/strict';
import { Tensor } from '../../src/core/engine/index';

/** Element-wise tolerance `|a − b| ≤ atol + rtol·|b|` (b the PyTorch value), as torch.testing.assert_close. */
export interface Tolerance {
  atol: number;
  rtol: number;
}

/** torch.testing.assert_close's defaults for float32. */
export const FLOAT32: Tolerance = { atol: 1e-5, rtol: 1.3e-6 };

/** A reference tensor as the goldens store it. */
export interface JsonTensor {
  shape: number[];
  data: number[];
}

/** One value against its reference: within tol; NaN matches NaN and an infinity only itself. `extra` widens atol. */
export function isClose(a: number, b: number, tol: Tolerance = FLOAT32, extra = 0): boolean {
  if (Number.isNaN(b)) return Number.isNaN(a);
  if (!Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= tol.atol + extra + tol.rtol * Math.abs(b);
}

/** Every element of a list within tol of its reference, and the same length. */
export function allCloseValues(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: Tolerance = FLOAT32): boolean {
  if (actual.length !== expected.length) return false;
  for (let i = 0; i < actual.length; i++) if (!isClose(actual[i], expected[i], tol)) return false;
  return true;
}

/** Every element within tol.atol + tol.rtol·|expected|; the first element outside fails with its index and values. */
export function assertClose(actual: Tensor | Float32Array | null, expected: JsonTensor, what: string, tol: Tolerance = FLOAT32): void {
  assert.ok(actual, `${what}: missing`);
  const data = actual instanceof Tensor ? actual.data : actual;
  if (actual instanceof Tensor) assert.deepEqual([...actual.shape], expected.shape, `${what}: shape`);
  assert.equal(data.length, expected.data.length, `${what}: number of elements`);
  for (let i = 0; i < data.length; i++) {
    const b = expected.data[i];
    const diff = Math.abs(data[i] - b);
    const bound = tol.atol + tol.rtol * Math.abs(b);
    if (!(diff <= bound)) {
      assert.fail(`${what}[${i}]: got ${data[i]}, expected ${b} (|diff| ${diff} > ${tol.atol} + ${tol.rtol}·|expected| = ${bound})`);
    }
  }
}

/** assertClose for plain lists: the same length and every element within tol (NaN as isClose). */
export function assertAllClose(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string, tol: Tolerance = FLOAT32): void {
  assert.equal(actual.length, expected.length, `${what}: number of elements`);
  for (let i = 0; i < actual.length; i++) {
    if (!isClose(actual[i], expected[i], tol)) assert.fail(`${what}[${i}]: got ${actual[i]}, expected ${expected[i]}`);
  }
}
