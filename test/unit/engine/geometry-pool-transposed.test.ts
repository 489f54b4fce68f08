// Pool and transposed-conv geometry against PyTorch 1.13: output shapes and exact error messages (fixture from gen-pool-transposed-geometry.py).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TorchError } from '../../../src/core/engine/errors';
import { adaptiveAvgPool2dGeometry, avgPool2dGeometry, maxPool2dGeometry, poolOutputSize } from '../../../src/core/engine/geometry-pool';
import { checkConvTranspose2dModuleArgs, convTranspose2dGeometry } from '../../../src/core/engine/geometry-transposed';

type Case = Record<string, any>;
const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'pool-transposed-geometry.json'), 'utf8')) as {
  cases: Case[];
};

function outcome(fn: () => { outputShape: number[] }): { shape: number[] | null; error: { type: string; message: string } | null } {
  try {
    return { shape: fn().outputShape, error: null };
  } catch (e) {
    if (!(e instanceof TorchError)) throw e;
    return { shape: null, error: { type: e.type, message: e.message } };
  }
}

const pairOf = (v: number | number[]) => (typeof v === 'number' ? [v, v] : v);

function moduleTransposed(c: Case) {
  const a = c.args;
  checkConvTranspose2dModuleArgs(a.in_channels, a.out_channels, a.groups, a.padding);
  return convTranspose2dGeometry(
    c.input_shape,
    [a.in_channels, a.out_channels / a.groups, ...pairOf(a.kernel_size)],
    { stride: a.stride, padding: a.padding, outputPadding: a.output_padding, dilation: a.dilation, groups: a.groups },
    a.bias ? [a.out_channels] : null,
  );
}

function functionalTransposed(c: Case) {
  const a = c.args;
  const g = a.groups;
  const w = c.weight_shape ?? [a.in_channels, g ? Math.floor(a.out_channels / g) : a.out_channels, ...pairOf(a.kernel_size)];
  return convTranspose2dGeometry(
    c.input_shape,
    w,
    { stride: a.stride, padding: a.padding, outputPadding: a.output_padding, dilation: a.dilation, groups: g },
    a.bias ? [w[1] * g] : null,
  );
}

describe('pool and transposed geometry match PyTorch 1.13', () => {
  it('has cases of every kind', () => {
    for (const fn of ['max_pool2d', 'avg_pool2d', 'adaptive_avg_pool2d', 'conv_transpose2d']) {
      assert.ok(fixture.cases.filter((c) => c.fn === fn).length >= 10, fn);
    }
  });
  for (const fn of ['max_pool2d', 'avg_pool2d', 'adaptive_avg_pool2d', 'conv_transpose2d']) {
    it(`${fn}: every output shape and error message`, () => {
      const failures: string[] = [];
      for (const c of fixture.cases.filter((x) => x.fn === fn)) {
        const a = c.args;
        const checks: [string, () => { outputShape: number[] }, number[] | null, unknown][] = [];
        if (fn === 'max_pool2d') {
          const opts = { kernelSize: a.kernel_size, stride: a.stride, padding: a.padding, dilation: a.dilation, ceilMode: a.ceil_mode };
          checks.push(['', () => maxPool2dGeometry(c.input_shape, opts), c.output_shape, c.error]);
        } else if (fn === 'avg_pool2d') {
          const opts = {
            kernelSize: a.kernel_size,
            stride: a.stride,
            padding: a.padding,
            ceilMode: a.ceil_mode,
            countIncludePad: a.count_include_pad,
          };
          checks.push(['', () => avgPool2dGeometry(c.input_shape, opts), c.output_shape, c.error]);
        } else if (fn === 'adaptive_avg_pool2d') {
          checks.push(['', () => adaptiveAvgPool2dGeometry(c.input_shape, a.output_size), c.output_shape, c.error]);
        } else {
          checks.push(['module ', () => moduleTransposed(c), c.output_shape, c.error]);
          checks.push(['functional ', () => functionalTransposed(c), c.functional_output_shape, c.functional_error]);
        }
        for (const [label, run, shape, error] of checks) {
          const got = outcome(run);
          const want = { shape, error };
          if (JSON.stringify(got) !== JSON.stringify(want)) {
            failures.push(
              `${label}${JSON.stringify(c.input_shape)} ${JSON.stringify(a)}:\n  got  ${JSON.stringify(got)}\n  want ${JSON.stringify(want)}`,
            );
          }
        }
      }
      assert.equal(failures.length, 0, failures.slice(0, 5).join('\n'));
    });
  }
  it('reports when ceil_mode drops the last window and the formula terms', () => {
    const axis = poolOutputSize(5, 2, 0, 2, 1, true);
    assert.equal(axis.formulaOutput, 3);
    assert.equal(axis.lastWindowDropped, false);
    const dropped = poolOutputSize(5, 2, 1, 2, 1, true);
    assert.deepEqual([dropped.formulaOutput, dropped.lastWindowDropped, dropped.output], [4, true, 3]);
    const t = convTranspose2dGeometry([1, 2, 5, 4], [2, 3, 3, 3], { stride: 2, padding: 1, outputPadding: 1 });
    assert.deepEqual(t.outputShape, [1, 3, 10, 8]);
    assert.deepEqual(t.h, { input: 5, kernel: 3, stride: 2, padding: 1, outputPadding: 1, dilation: 1, output: 10 });
  });
});
