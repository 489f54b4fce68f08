// Tolerances derived from the computation: per-element float32 reduction bounds (2·γ_K·Σ|terms|) for conv2d and linear.
import * as assert from 'node:assert/strict';
import { type Tensor, conv2d, linear, tensor } from '../../../src/core/engine/index';
import type { Conv2dOptions } from '../../../src/core/engine/index';

/** float32's unit roundoff u = 2⁻²⁴: one rounding moves a value by at most u·|value|. */
export const FLOAT32_U = 2 ** -24;

/** Higham's γ_K = K·u / (1 − K·u): the relative error bound of a K-term float32 sum of products, in any order. */
export function gamma(k: number): number {
  return (k * FLOAT32_U) / (1 - k * FLOAT32_U);
}

/**
 * The bound for one element that PyTorch and the engine each compute as a float32 sum of K products: each result is
 * within γ_K·Σ|terms| of the exact sum (Higham, Accuracy and Stability of Numerical Algorithms, eq. 3.5, for any
 * summation order and with or without fused multiply-add), so the two are within 2·γ_K·Σ|terms| of each other. Σ|terms|
 * is itself computed in float32 (relative error ≤ γ_K), hence the factor (1 + γ_K). K and Σ|terms| come from running
 * the same computation on all-ones and on absolute values: no constant is tuned to a draw of the data.
 */
export function reductionBound(count: number, absSum: number): number {
  const g = gamma(Math.max(1, count));
  return 2 * g * absSum * (1 + g);
}

export interface JsonTensorLike {
  shape: number[];
  data: number[];
}

/** Every element within its own bound; the first outside fails with its index, values, K and Σ|terms|. */
export function assertWithinReductionBounds(
  actual: ArrayLike<number> | null | undefined,
  expected: JsonTensorLike,
  counts: ArrayLike<number>,
  absSums: ArrayLike<number>,
  what: string,
): void {
  assert.ok(actual, `${what}: missing`);
  assert.equal(actual.length, expected.data.length, `${what}: number of elements`);
  for (let i = 0; i < actual.length; i++) {
    const b = Math.fround(expected.data[i]);
    const diff = Math.abs(actual[i] - b);
    const bound = reductionBound(counts[i], absSums[i]);
    if (!(diff <= bound)) {
      assert.fail(
        `${what}[${i}]: got ${actual[i]}, expected ${b} (|diff| ${diff} > 2·γ_K·Σ|terms| = ${bound}, K = ${counts[i]}, Σ|terms| = ${absSums[i]})`,
      );
    }
  }
}

/** A layer's forward output and gradients (flat data), as the golden names them. */
export type LayerResults = Record<string, Float32Array | null>;

type Case = Record<string, any>;

function mapped(t: JsonTensorLike, f: (v: number) => number, requiresGrad = false): Tensor {
  return tensor(Float32Array.from(t.data, f), t.shape, { requiresGrad });
}

/**
 * Runs one conv2d golden case forward and backward on values mapped by f (identity: the engine's answer; Math.abs:
 * Σ|terms| of every output and gradient element; () => 1: K, the number of terms of each).
 */
export function runConv(c: Case, opts: Conv2dOptions, f: (v: number) => number): LayerResults {
  const x = mapped(c.input, f, true),
    w = mapped(c.weight, f, true),
    b = c.bias ? mapped(c.bias, f, true) : null;
  const y = conv2d(x, w, b, opts);
  y.backward(mapped(c.grad_output, f));
  return { output: y.data, grad_input: x.grad?.data ?? null, grad_weight: w.grad?.data ?? null, grad_bias: b?.grad?.data ?? null };
}

/** The same for a linear golden case. */
export function runLinear(c: Case, f: (v: number) => number): LayerResults {
  const x = mapped(c.input, f, true),
    w = mapped(c.weight, f, true),
    b = c.bias ? mapped(c.bias, f, true) : null;
  const y = linear(x, w, b);
  y.backward(mapped(c.grad_output, f));
  return { output: y.data, grad_input: x.grad?.data ?? null, grad_weight: w.grad?.data ?? null, grad_bias: b?.grad?.data ?? null };
}

const one = () => 1;

/**
 * Checks every field of a reduction-layer case (output, grad_input, grad_weight, grad_bias) against PyTorch's with the
 * per-element bound 2·γ_K·Σ|terms|; `got` is the engine's answer (runs on the case itself unless given).
 */
export function assertReductionCase(c: Case, run: (f: (v: number) => number) => LayerResults, got = run((v) => v)): void {
  const counts = run(one),
    sums = run(Math.abs);
  for (const key of ['output', 'grad_input', 'grad_weight', 'grad_bias']) {
    if (!c[key]) continue;
    assertWithinReductionBounds(got[key], c[key], counts[key]!, sums[key]!, key);
  }
}
