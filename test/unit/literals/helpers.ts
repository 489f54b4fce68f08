// Test helpers for the literal parser: narrowing results and comparing values as float32.
import assert from 'node:assert/strict';
import type { LayerCall, Literal, LiteralError, TensorLiteral } from '../../../src/core/literals/index';

export function asTensor(r: Literal | LiteralError | undefined): TensorLiteral {
  assert.ok(r, 'expected a literal, got undefined');
  if (r.kind === 'error') assert.fail(`expected a tensor, got error: ${r.message} at ${r.range.start}-${r.range.end}`);
  assert.equal(r.kind, 'tensor');
  return r as TensorLiteral;
}

export function asLayer(r: Literal | LiteralError | undefined): LayerCall {
  assert.ok(r, 'expected a layer call, got undefined');
  if (r.kind === 'error') assert.fail(`expected a layer, got error: ${r.message}`);
  assert.equal(r.kind, 'layer');
  return r as LayerCall;
}

export function asError(r: Literal | LiteralError | undefined): LiteralError {
  assert.ok(r, 'expected an error, got undefined');
  assert.equal(r.kind, 'error', `expected an error, got ${r.kind}`);
  return r as LiteralError;
}

/** Asserts shape and values (compared after rounding the expectations to float32; NaN equals NaN). */
export function assertTensor(t: TensorLiteral, shape: number[], values: number[]): void {
  assert.deepEqual(t.shape, shape);
  assert.equal(t.data.length, values.length);
  assert.deepEqual(
    Array.from(t.data),
    values.map((v) => Math.fround(v)),
  );
}
