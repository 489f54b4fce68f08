// The window model (padding per side, borrowed values, footprints) reproduces PyTorch's conv2d goldens term by term.
import { strict as assert } from 'node:assert';
import { feeds, footprint, sidePadding, sourceIndex, windowGeometry } from '../../../src/core/render/conv-window';
import { arithmeticText, shapeFormula, shapeFormulas, windowTerms } from '../../../src/core/render/arithmetic';
import type { Conv2dArgs } from '../../../src/core/protocol/convolution';
import { readGolden } from '../../goldens';

interface T {
  shape: number[];
  data: number[];
}
interface GoldenCase {
  name: string;
  args: {
    stride: [number, number];
    padding: [number, number] | 'same' | 'valid';
    dilation: [number, number];
    groups: number;
    padding_mode: Conv2dArgs['paddingMode'];
  };
  input: T;
  weight: T;
  bias: T | null;
  output: T;
}
const goldens = readGolden<{ cases: GoldenCase[] }>('conv2d.json');

function plane(t: T, n: number, c: number): Float32Array {
  const [H, W] = t.shape.slice(-2);
  const C = t.shape[t.shape.length - 3];
  const size = H * W;
  return Float32Array.from(t.data.slice((n * C + c) * size, (n * C + c + 1) * size));
}

describe('conv-window: every PyTorch conv2d golden, recomputed from windowTerms', () => {
  for (const c of goldens.cases) {
    it(c.name, () => {
      const batched = c.input.shape.length === 4;
      const [N, , H, W] = batched ? c.input.shape : [1, ...c.input.shape];
      const [Cout, Cg, kH, kW] = c.weight.shape;
      const a = c.args;
      const g = windowGeometry(H, W, kH, kW, { stride: a.stride, dilation: a.dilation, padding: a.padding, paddingMode: a.padding_mode });
      const outShape = c.output.shape.slice(-2);
      assert.deepEqual([g.Hout, g.Wout], outShape);
      const perGroupOut = Cout / a.groups;
      for (let n = 0; n < N; n++) {
        for (let o = 0; o < Cout; o++) {
          const group = Math.floor(o / perGroupOut);
          const planes = Array.from({ length: Cg }, (_, i) => plane(c.input, n, group * Cg + i));
          const kernels = Array.from({ length: Cg }, (_, i) => plane(c.weight, o, i));
          for (let oy = 0; oy < g.Hout; oy++) {
            for (let ox = 0; ox < g.Wout; ox++) {
              const sum = windowTerms(g, planes, kernels, oy, ox).reduce((s, t) => s + t.x * t.w, c.bias ? c.bias.data[o] : 0);
              const expected = c.output.data[((n * Cout + o) * g.Hout + oy) * g.Wout + ox];
              assert.ok(
                Math.abs(sum - expected) < 1e-4 * Math.max(1, Math.abs(expected)),
                `out[${n},${o},${oy},${ox}] ${sum} vs ${expected}`,
              );
            }
          }
        }
      }
    });
  }
});

describe('conv-window geometry', () => {
  it("pads 'same' with the odd extra cell after, like PyTorch", () => {
    assert.deepEqual(sidePadding('same', 3, 2, [1, 1]), { top: 1, bottom: 1, left: 0, right: 1 });
    assert.deepEqual(sidePadding('valid', 3, 3, [1, 1]), { top: 0, bottom: 0, left: 0, right: 0 });
    assert.deepEqual(sidePadding([1, 2], 3, 3, [1, 1]), { top: 1, bottom: 1, left: 2, right: 2 });
  });

  it('borrows values by mode', () => {
    // input indices 0..3, two cells of padding before
    assert.deepEqual(
      [0, 1, 6, 7].map((p) => sourceIndex('zeros', p, 4, 2)),
      [-1, -1, -1, -1],
    );
    assert.deepEqual(
      [0, 1, 2, 6, 7].map((p) => sourceIndex('reflect', p, 4, 2)),
      [2, 1, 0, 2, 1],
    );
    assert.deepEqual(
      [0, 1, 6, 7].map((p) => sourceIndex('replicate', p, 4, 2)),
      [0, 0, 3, 3],
    );
    assert.deepEqual(
      [0, 1, 6, 7].map((p) => sourceIndex('circular', p, 4, 2)),
      [2, 3, 0, 1],
    );
  });

  it('footprint and feeds are inverse relations', () => {
    const g = windowGeometry(7, 6, 3, 2, { stride: [2, 1], dilation: [1, 2], padding: [1, 1], paddingMode: 'zeros' });
    for (let py = 0; py < g.H + 2; py++) {
      for (let px = 0; px < g.W + 2; px++) {
        const fed = feeds(g, py, px)
          .map(([a, b]) => `${a},${b}`)
          .sort();
        const expected: string[] = [];
        for (let oy = 0; oy < g.Hout; oy++)
          for (let ox = 0; ox < g.Wout; ox++) {
            if (footprint(g, oy, ox).some(([r, c]) => r === py && c === px)) expected.push(`${oy},${ox}`);
          }
        assert.deepEqual(fed, expected.sort());
      }
    }
  });
});

describe('arithmetic text', () => {
  it("writes the tutorial's sum for cell (0,0) of 5×5 ones with the X kernel", () => {
    const g = windowGeometry(5, 5, 3, 3, { stride: [1, 1], dilation: [1, 1], padding: [0, 0], paddingMode: 'zeros' });
    const terms = windowTerms(g, [new Float32Array(25).fill(1)], [Float32Array.from([1, 0, 0, 0, -1, 0, 0, 0, 1])], 0, 0);
    assert.equal(arithmeticText(terms, null, 1), '1×1 + 1×0 + 1×0 + 1×0 + 1×(−1) + 1×0 + 1×0 + 1×0 + 1×1 = 1');
    assert.equal(arithmeticText(terms, 0.5, 1.5), '1×1 + 1×0 + 1×0 + 1×0 + 1×(−1) + 1×0 + 1×0 + 1×0 + 1×1 + 0.5 = 1.5');
    assert.equal(arithmeticText(terms, -2, -1), '1×1 + 1×0 + 1×0 + 1×0 + 1×(−1) + 1×0 + 1×0 + 1×0 + 1×1 + (−2) = −1');
  });

  it('marks padding terms and shortens long sums', () => {
    const g = windowGeometry(4, 4, 3, 3, { stride: [1, 1], dilation: [1, 1], padding: [1, 1], paddingMode: 'zeros' });
    const terms = windowTerms(g, [new Float32Array(16).fill(1)], [new Float32Array(9).fill(1)], 0, 0);
    assert.deepEqual(
      terms.map((t) => t.padded),
      [true, true, true, true, false, false, true, false, false],
    );
    assert.equal(
      terms.reduce((s, t) => s + t.x * t.w, 0),
      4,
    );
    assert.match(arithmeticText(terms, null, 4, 4), /^0×1 \+ 0×1 \+ 0×1 \+ 0×1 \+ … \(5 more terms\) = 4$/);
  });

  it('writes H_out/W_out with the numbers filled in', () => {
    assert.equal(shapeFormula('H', 5, 0, 0, 1, 3, 1), 'H_out = ⌊(5 + 2·0 − 1·(3−1) − 1)/1⌋ + 1 = 3');
    assert.equal(shapeFormula('W', 4, 1, 1, 1, 3, 2), 'W_out = ⌊(4 + 2·1 − 1·(3−1) − 1)/2⌋ + 1 = 2');
    const g = windowGeometry(5, 6, 2, 3, { stride: [1, 1], dilation: [1, 1], padding: 'same', paddingMode: 'zeros' });
    assert.deepEqual(shapeFormulas(g), ['H_out = ⌊(5 + 0 + 1 − 1·(2−1) − 1)/1⌋ + 1 = 5', 'W_out = ⌊(6 + 2·1 − 1·(3−1) − 1)/1⌋ + 1 = 6']);
    assert.equal(shapeFormula('H', 4, 0, 0, 1, 5, 1), 'H_out = ⌊(4 + 2·0 − 1·(5−1) − 1)/1⌋ + 1 = 0');
  });
});
