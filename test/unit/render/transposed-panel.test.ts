// The transposed switch's pure pieces: the zero-inserted plane's cell kinds and window, scatter targets, the weight the
// panel builds, the engine run against PyTorch 1.13 (test/webview/fixtures/transposed.json) and the snippet.
import assert from 'node:assert/strict';
import { convTranspose2dGeometry } from '../../../src/core/engine/geometry-transposed';
import { DEFAULT_CONV2D_ARGS, type Conv2dArgs } from '../../../src/core/protocol/convolution';
import { footprint, windowAxes } from '../../../src/core/render/conv-window';
import { convTranspose2dSnippet } from '../../../src/core/render/snippet';
import {
  inputIndex,
  planeCellKind,
  planeIndex,
  scatterTargets,
  scatterTerms,
  zeroInsertedAxis,
  zeroInsertedMask,
  zeroInsertedPlane,
  zeroInsertedTerms,
  zeroInsertedWindow,
} from '../../../src/core/render/transposed';
import { runConvTranspose, transposedAxes, transposedWeight } from '../../../webview/convolution/compute/transposed';
import type { KernelSpec } from '../../../webview/convolution/compute/kernel-specs';
import { transposedFixture as fixture } from '../../webview/fixtures/transposed-fixture';
import { isClose as close } from '../../support/close';

const spec = (shape: number[], data: number[], label = 'k'): KernelSpec => ({ source: 'custom', id: '', label, shape, data });
const argsOf = (a: (typeof fixture.cases)[number]['args']): Conv2dArgs => ({
  ...DEFAULT_CONV2D_ARGS,
  stride: [a.stride, a.stride],
  padding: [a.padding, a.padding],
  dilation: [a.dilation, a.dilation],
  bias: a.bias,
});
const geo = (H: number, k: number, opts: Parameters<typeof convTranspose2dGeometry>[2]) =>
  convTranspose2dGeometry([1, 1, H, H], [1, 1, k, k], opts);

describe('the zero-inserted plane', () => {
  it('marks input cells, inserted zeros and padding (3×3, k 3, stride 2, padding 1, output_padding 1 → 8×8)', () => {
    const { h, w } = geo(3, 3, { stride: 2, padding: 1, outputPadding: 1 });
    const mask = zeroInsertedMask(h, w);
    const rows = Array.from({ length: 8 }, (_, r) => Array.from(mask.slice(r * 8, r * 8 + 8)).join(''));
    assert.deepEqual(rows, ['11111111', '10202011', '12222211', '10202011', '12222211', '10202011', '11111111', '11111111']);
  });

  it('crops when padding exceeds dilation·(k − 1): the first input row and column fall outside the plane', () => {
    const { h, w } = geo(3, 2, { stride: 2, padding: 2 });
    const z = zeroInsertedAxis(h);
    assert.deepEqual([z.before, z.after, z.length], [-1, -1, 3]);
    assert.equal(planeIndex(h, 0), -1);
    assert.deepEqual(
      [0, 1, 2].map((p) => inputIndex(h, p)),
      [-1, 1, -1],
    );
    assert.deepEqual(Array.from(zeroInsertedMask(h, w)), [2, 2, 2, 2, 0, 2, 2, 2, 2]);
  });

  it('input index and plane index are inverse, cell kinds agree with the mask, and the window model gives the output size the engine computes', () => {
    for (const [H, k, stride, padding, outputPadding, dilation] of [
      [3, 3, 2, 1, 1, 1],
      [4, 2, 3, 0, 2, 1],
      [5, 3, 2, 3, 0, 2],
      [2, 4, 1, 0, 0, 3],
    ]) {
      const { h, w } = geo(H, k, { stride, padding, outputPadding, dilation });
      for (let i = 0; i < H; i++) {
        const p = planeIndex(h, i);
        if (p >= 0 && p < zeroInsertedAxis(h).length) assert.equal(inputIndex(h, p), i);
      }
      const g = zeroInsertedWindow(h, w);
      const mask = zeroInsertedMask(h, w);
      for (let r = 0; r < g.H; r++) for (let c = 0; c < g.W; c++) assert.equal(planeCellKind(h, w, r, c), mask[r * g.W + c]);
      const [ah, aw] = windowAxes(g);
      assert.deepEqual([ah.out, aw.out], [h.output, w.output], `H ${H} k ${k} s ${stride} p ${padding}`);
    }
  });
});

/** The case's input planes (one per channel) and its H, W. */
function planesOf(c: (typeof fixture.cases)[number]): { planes: number[][]; H: number; W: number } {
  const [H, W] = c.input.shape.slice(-2);
  const C = c.input.shape.length === 3 ? c.input.shape[0] : 1;
  return { planes: Array.from({ length: C }, (_, i) => c.input.data.slice(i * H * W, (i + 1) * H * W)), H, W };
}

describe('the zero-inserted sums', () => {
  for (const c of fixture.cases.filter((x) => x.output)) {
    it(`${c.name}: each output cell's products read the plane under the window and sum to PyTorch's value`, () => {
      const { planes, H, W } = planesOf(c);
      const [kH, kW] = c.kernel.shape;
      const a = c.args;
      const { h, w } = convTranspose2dGeometry([1, 1, H, W], [1, 1, kH, kW], {
        stride: a.stride,
        padding: a.padding,
        outputPadding: a.output_padding,
        dilation: a.dilation,
      });
      const zPlanes = planes.map((p) => zeroInsertedPlane(p, h, w));
      const mask = zeroInsertedMask(h, w);
      const g = zeroInsertedWindow(h, w);
      for (let oy = 0; oy < h.output; oy++) {
        for (let ox = 0; ox < w.output; ox++) {
          const terms = zeroInsertedTerms(
            h,
            w,
            planes,
            planes.map(() => c.kernel.data),
            oy,
            ox,
          );
          assert.deepEqual(
            terms.filter((t) => t.channel === 0).map((t) => [t.row, t.col]),
            footprint(g, oy, ox),
          );
          for (const t of terms) {
            assert.equal(t.x, zPlanes[t.channel][t.row * g.W + t.col]);
            assert.equal(t.padded, mask[t.row * g.W + t.col] !== 0);
          }
          const sum = terms.reduce((s, t) => s + t.x * t.w, a.bias ?? 0);
          const want = c.output!.data[oy * w.output + ox];
          assert.ok(close(sum, want), `out[${oy}, ${ox}] = ${sum}, PyTorch ${want}`);
        }
      }
    });
  }
});

describe('scatter targets', () => {
  it('input (iy, ix) reaches output (oy, ox) through tap (ky, kx) exactly when that output cell sums that product', () => {
    const { h, w } = geo(3, 3, { stride: 2, padding: 1, outputPadding: 1, dilation: 1 });
    const plane = [1, -2, 0.5, 3, 0, -1, 2, 1.5, -0.25];
    const kernel = [1, 2, 0, 0, -1, 3, 0.5, 0, 1];
    const fromInputs = new Set<string>();
    for (let iy = 0; iy < 3; iy++)
      for (let ix = 0; ix < 3; ix++) for (const t of scatterTargets(h, w, iy, ix)) fromInputs.add([t.oy, t.ox, iy, ix, t.ky, t.kx].join());
    const fromOutputs = new Set<string>();
    for (let oy = 0; oy < h.output; oy++)
      for (let ox = 0; ox < w.output; ox++)
        for (const t of scatterTerms(h, w, plane, kernel, oy, ox)) fromOutputs.add([oy, ox, t.iy, t.ix, t.ky, t.kx].join());
    assert.deepEqual([...fromInputs].sort(), [...fromOutputs].sort());
    assert.deepEqual(
      scatterTargets(h, w, 0, 0).map((t) => [t.oy, t.ox]),
      [
        [0, 0],
        [0, 1],
        [1, 0],
        [1, 1],
      ],
    );
  });
});

describe('the panel’s conv_transpose2d', () => {
  it('builds the weight [C_in, C_out/groups, kH, kW]: a 2-D kernel on one channel is [1, 1, kH, kW]', () => {
    const k = spec([2, 2], [1, 2, 3, 4]);
    assert.deepEqual(transposedWeight([k], 1), { shape: [1, 1, 2, 2], data: [1, 2, 3, 4] });
    assert.deepEqual(transposedWeight([k, spec([2, 2], [5, 6, 7, 8])], 2), {
      shape: [2, 2, 2, 2],
      data: [1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 6, 7, 8],
    });
    assert.deepEqual(transposedWeight([spec([3, 1, 1, 1], [1, 2, 3])], 3), { shape: [3, 1, 1, 1], data: [1, 2, 3] });
    assert.match((transposedWeight([k, spec([3, 3], new Array(9).fill(0))], 1) as { error: string }).error, /different sizes/);
  });

  for (const c of fixture.cases) {
    it(`${c.name}: the engine's output or error is PyTorch's`, () => {
      const { planes, H, W } = planesOf(c);
      const weight = transposedWeight([spec(c.kernel.shape, c.kernel.data)], planes.length);
      assert.ok(!('error' in weight));
      const input = { shape: c.input.shape.length === 2 ? [1, 1, H, W] : c.input.shape, data: c.input.data };
      const op: [number, number] = [c.args.output_padding, c.args.output_padding];
      const r = runConvTranspose(input, weight, argsOf(c.args), op);
      if (c.error) return assert.deepEqual(r, { error: c.error });
      assert.ok(!('error' in r), JSON.stringify(r));
      assert.deepEqual(r.output.shape, c.output!.shape);
      c.output!.data.forEach((b, i) => assert.ok(close(r.output.data[i], b), `cell ${i}: ${r.output.data[i]} vs ${b}`));
      const axes = transposedAxes(H, W, c.kernel.shape[0], c.kernel.shape[1], argsOf(c.args), op);
      assert.deepEqual(axes, [r.geo.h, r.geo.w]);
    });
  }

  it("refuses padding modes but zeros and 'same' padding with PyTorch's messages", () => {
    const input = { shape: [1, 1, 3, 3], data: new Array(9).fill(1) };
    const weight = { shape: [1, 1, 3, 3], data: new Array(9).fill(1) };
    const reflect = runConvTranspose(input, weight, { ...DEFAULT_CONV2D_ARGS, paddingMode: 'reflect' }, [0, 0]);
    assert.deepEqual(reflect, { error: fixture.padding_mode_error });
    const same = runConvTranspose(input, weight, { ...DEFAULT_CONV2D_ARGS, padding: 'same' }, [0, 0]);
    assert.deepEqual(same, { error: fixture.padding_string_error });
    assert.equal(transposedAxes(3, 3, 3, 3, { ...DEFAULT_CONV2D_ARGS, padding: 'same' }, [0, 0]), null);
  });

  it('writes the F.conv_transpose2d snippet with output_padding (run by hand: it prints the fixture’s output)', () => {
    const c = fixture.cases[0];
    const snippet = convTranspose2dSnippet(
      { input: c.input, weight: { shape: [1, 1, 3, 3], data: c.kernel.data }, args: { ...argsOf(c.args), bias: 0.5 } },
      [1, 1],
    );
    assert.match(snippet, /^x = torch\.tensor\(\[\[ {3}1\., {3}-2\., {3}0\.5\],$/m);
    assert.match(snippet, /\.view\(1, 1, 3, 3\)$/m);
    assert.match(snippet, /^b = torch\.full\(\(1,\), 0\.5\)$/m);
    assert.match(snippet, /^out = F\.conv_transpose2d\(x, k, b, stride=\(2, 2\), padding=\(1, 1\), output_padding=\(1, 1\)\)$/m);
  });
});
