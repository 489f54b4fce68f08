// The transposed-convolution explanation against PyTorch: for every single-group conv_transpose2d golden case, the
// flipped kernel over the zero-inserted input, and the scattered terms of each output cell, rebuild PyTorch's output.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { convTranspose2dGeometry } from '../../../src/core/engine/geometry-transposed';
import {
  flippedKernel,
  scatterTerms,
  transposedShapeFormula,
  zeroInsertedAxis,
  zeroInsertedPlane,
} from '../../../src/core/render/transposed';
import { goldenLayersPath } from '../../goldens';
import { isClose as close } from '../../support/close';

const cases = (JSON.parse(fs.readFileSync(goldenLayersPath('layers2.json'), 'utf8')).cases as Record<string, any>[]).filter(
  (c) => c.op === 'conv_transpose2d' && c.args.groups === 1,
);

describe('transposed convolution explained', () => {
  it('writes the output-size formula with its numbers', () => {
    const g = convTranspose2dGeometry([1, 2, 5, 4], [2, 3, 3, 3], { stride: 2, padding: 1, outputPadding: 1 });
    assert.equal(transposedShapeFormula('H', g.h), 'H_out = (5 − 1)·2 − 2·1 + 1·(3 − 1) + 1 + 1 = 10');
    assert.equal(transposedShapeFormula('W', g.w), 'W_out = (4 − 1)·2 − 2·1 + 1·(3 − 1) + 1 + 1 = 8');
  });

  it('has single-group golden cases', () => assert.ok(cases.length >= 3));

  for (const c of cases) {
    it(`${c.name}: both views rebuild PyTorch's output`, () => {
      const x = c.inputs[0],
        wt = c.params.weight,
        bias = c.params.bias;
      const g = convTranspose2dGeometry(x.shape, wt.shape, {
        stride: c.args.stride,
        padding: c.args.padding,
        outputPadding: c.args.output_padding,
        dilation: c.args.dilation,
      });
      const [n, cin] = x.shape;
      const [, cout, kH, kW] = wt.shape;
      const { h, w } = g;
      const zh = zeroInsertedAxis(h),
        zw = zeroInsertedAxis(w);
      assert.equal(zh.length, h.output + h.dilation * (h.kernel - 1));
      for (let b = 0; b < n; b++) {
        for (let co = 0; co < cout; co++) {
          const gathered = new Float64Array(h.output * w.output).fill(bias ? bias.data[co] : 0);
          const scattered = Float64Array.from(gathered);
          for (let ci = 0; ci < cin; ci++) {
            const plane = x.data.slice((b * cin + ci) * h.input * w.input, (b * cin + ci + 1) * h.input * w.input);
            const kernel = wt.data.slice((ci * cout + co) * kH * kW, (ci * cout + co + 1) * kH * kW);
            const padded = zeroInsertedPlane(plane, h, w);
            const flipped = flippedKernel(kernel, kH, kW);
            for (let oy = 0; oy < h.output; oy++) {
              for (let ox = 0; ox < w.output; ox++) {
                let s = 0;
                for (let i = 0; i < kH; i++)
                  for (let j = 0; j < kW; j++) s += padded[(oy + i * h.dilation) * zw.length + ox + j * w.dilation] * flipped[i * kW + j];
                gathered[oy * w.output + ox] += s;
                for (const t of scatterTerms(h, w, plane, kernel, oy, ox)) scattered[oy * w.output + ox] += t.x * t.w;
              }
            }
          }
          const base = (b * cout + co) * h.output * w.output;
          for (let i = 0; i < gathered.length; i++) {
            const want = c.output.data[base + i];
            assert.ok(close(gathered[i], want), `gather view [${b},${co}] cell ${i}: ${gathered[i]} vs ${want}`);
            assert.ok(close(scattered[i], want), `scatter view [${b},${co}] cell ${i}: ${scattered[i]} vs ${want}`);
          }
        }
      }
    });
  }
});
