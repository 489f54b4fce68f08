// formatTorchTensor matches PyTorch 1.13's repr layout and rounding; JSON and cell labels are exact and compact.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { cellLabel, formatCell, formatJson, formatTorchTensor } from '../../../src/core/render/tensor-format';
import { pyExp, pyFixed, shortestFloat32 } from '../../../src/core/render/decimal';

interface ReprCase {
  name: string;
  shape: number[];
  data: number[];
  repr: string;
}
const fixture = JSON.parse(readFileSync(new URL('./fixtures/torch-repr.json', import.meta.url), 'utf8')) as { cases: ReprCase[] };

describe('formatTorchTensor', () => {
  for (const c of fixture.cases) {
    it(`prints ${c.name} ${JSON.stringify(c.shape)} exactly as PyTorch's repr`, () => {
      const summarize = c.data.length > 1000;
      assert.equal(formatTorchTensor(c.shape, Float32Array.from(c.data), { prefix: 'tensor(', summarize }), c.repr);
    });
  }

  it('writes runnable code with the torch.tensor prefix and aligned continuation lines', () => {
    const s = formatTorchTensor([2, 2], [1, 0, 0, -1]);
    assert.equal(s, 'torch.tensor([[ 1.,  0.],\n              [ 0., -1.]])');
  });

  it('never elides values unless asked', () => {
    const data = new Float32Array(2000).map((_, i) => i);
    const s = formatTorchTensor([2000], data);
    assert.ok(!s.includes('...'));
    assert.equal(s.match(/\d+\./g)?.length, 2000);
  });

  it('round-trip precision keeps every float32 digit', () => {
    const data = Float32Array.from([1 / 9, 2 / 3, -0.1, 1]);
    const s = formatTorchTensor([4], data, { precision: 'round-trip' });
    assert.equal(s, 'torch.tensor([0.11111111,  0.6666667,       -0.1,         1.])');
    const back = Float32Array.from(
      s
        .slice(14, -2)
        .split(',')
        .map((t) => Number(t.trim())),
    );
    assert.deepEqual(back, data);
  });

  it('writes non-finite values as runnable Python', () => {
    assert.equal(formatTorchTensor([3], [NaN, Infinity, 1]), "torch.tensor([float('nan'), float('inf'), 1.])");
  });

  it('appends a suffix before the closing parenthesis', () => {
    assert.equal(formatTorchTensor([1], [2], { suffix: ', requires_grad=True' }), 'torch.tensor([2.], requires_grad=True)');
  });
});

describe('Python number formatting', () => {
  it('rounds exact ties to even like str.format', () => {
    assert.equal(pyFixed(0.03125, 4), '0.0312');
    assert.equal(pyFixed(0.09375, 4), '0.0938');
    assert.equal(pyFixed(-0.15625, 4), '-0.1562');
    assert.equal(pyFixed(2.5, 0), '2');
    assert.equal(pyFixed(3.5, 0), '4');
    assert.equal(pyFixed(-0, 4), '-0.0000');
    assert.equal(pyExp(123445, 4), '1.2344e+05');
    assert.equal(pyExp(1.03125, 4), '1.0312e+00');
    assert.equal(pyExp(1e-5, 4), '1.0000e-05');
    assert.equal(pyExp(-2.5e120, 2), '-2.50e+120');
  });

  it('does not treat near-ties as ties', () => {
    assert.equal(pyFixed(0.1 + 0.00005, 4), (0.1 + 0.00005).toFixed(4));
    assert.equal(pyFixed(Math.fround(0.00015), 4), '0.0002'); // float32 0.00015 is just above the tie
  });

  it('finds the shortest float32 text', () => {
    assert.equal(shortestFloat32(Math.fround(0.1)), '0.1');
    assert.equal(shortestFloat32(Math.fround(1 / 3)), '0.33333334');
    assert.equal(shortestFloat32(16777216), '16777216');
    for (const v of [Math.fround(Math.PI), Math.fround(-1e-30), Math.fround(3.4e38)]) {
      assert.equal(Math.fround(Number(shortestFloat32(v))), v);
    }
  });
});

describe('formatJson', () => {
  it('nests rows with exact float32 numbers that JSON.parse reads back', () => {
    const data = Float32Array.from([1, 0.5, -1 / 3, 0, 2, 3]);
    const s = formatJson([2, 3], data);
    assert.equal(s, '[\n  [1, 0.5, -0.33333334],\n  [0, 2, 3]\n]');
    assert.deepEqual(Float32Array.from((JSON.parse(s) as number[][]).flat()), data);
  });

  it('handles 4-D, scalars, empty tensors and non-finite values', () => {
    assert.deepEqual(JSON.parse(formatJson([1, 1, 2, 2], [1, 2, 3, 4])), [
      [
        [
          [1, 2],
          [3, 4],
        ],
      ],
    ]);
    assert.equal(formatJson([], [3.5]), '3.5');
    assert.equal(formatJson([0], []), '[]');
    assert.equal(formatJson([2], [NaN, -Infinity]), '[null, null]');
  });
});

describe('formatCell / cellLabel: exact to the digits shown, or absent', () => {
  it('shows the value itself when it fits (no exponent for a short decimal)', () => {
    assert.equal(formatCell(1), '1');
    assert.equal(formatCell(-1), '−1');
    assert.equal(formatCell(-2.5), '−2.5');
    assert.equal(formatCell(-0.4, 4), '−0.4');
    assert.equal(formatCell(-0.25, 5), '−0.25');
    assert.equal(formatCell(0.0001, 6), '0.0001');
    assert.equal(formatCell(1e-7), '1e-7');
    assert.equal(formatCell(-0), '−0');
    assert.equal(formatCell(NaN), 'NaN');
    assert.equal(formatCell(Infinity), '∞');
    assert.equal(formatCell(-Infinity), '−∞');
  });

  it('rounds correctly to as many significant digits as fit, never fewer than two (−2.6 never reads −3)', () => {
    assert.equal(formatCell(-2.6, 4), '−2.6');
    assert.equal(formatCell(-2.6, 3), '');
    assert.equal(formatCell(-1.3, 3), '');
    assert.equal(formatCell(-0.25, 4), '');
    assert.equal(formatCell(1 / 9), '0.1111');
    assert.equal(formatCell(1 / 3, 4), '0.33');
    assert.equal(formatCell(0.15000000596), '0.15');
    assert.equal(formatCell(0.99999994), '1.0');
  });

  it('large values use an exponent rather than zeros that imply digits that are not there', () => {
    assert.equal(formatCell(123456.7), '123457');
    assert.equal(formatCell(1234567.8), '1.23e6');
    assert.equal(formatCell(12345.678, 4), '');
    assert.equal(formatCell(12345.678, 5), '12346');
    assert.equal(formatCell(2.5e10), '2.5e10');
  });

  it('cellLabel asks the caller whether a label fits (a pixel measure in the webview)', () => {
    assert.equal(
      cellLabel(-2.6, (t) => t.length * 7 <= 30),
      '−2.6',
    );
    assert.equal(
      cellLabel(-2.6, (t) => t.length * 7 <= 20),
      '',
    );
  });
});
