// Every visible cell label is exact to the digits it shows (or absent): walks all labels of the panel's grids at several widths.
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { toWire } from '../../src/core/protocol/wire';
import { useWebviewHarness, type WebviewHarness } from './harness';
import type { HeatmapGridElement } from '../support/panel-grids';

const view = 'tl-convolution-view';
const TRICKY = [-2.6, -0.25, 1 / 3, 1e-7, 12345.678, -0.0, NaN, Infinity, -Infinity];

/** Why `label` misreads the float32 value v, or null when it is exact to its digits (and keeps ≥ 2 significant digits if rounded). */
function misread(label: string, v: number): string | null {
  const f = Math.fround(v);
  if (label === 'NaN') return Number.isNaN(f) ? null : 'NaN label on a number';
  if (label === '∞' || label === '−∞') return f === (label === '∞' ? Infinity : -Infinity) ? null : 'infinity label on a finite value';
  if (!Number.isFinite(f)) return `${f} shown as ${label}`;
  const text = label.replace('−', '-');
  if (!/^-?\d+(\.\d+)?(e-?\d+)?$/.test(text)) return 'not a number';
  const n = Number(text);
  if (Math.fround(n) === f) return null; // the value itself (its shortest float32 decimal or an exact equivalent)
  const [mant, exp = '0'] = text.split('e');
  const decimals = mant.split('.')[1]?.length ?? 0;
  const unit = 10 ** (Number(exp) - decimals);
  if (Math.abs(n - f) > unit / 2 + Math.abs(f) * 1e-12) return `${f} is not ${label} at its precision`;
  const sig = mant.replace(/^-/, '').replace('.', '').replace(/^0+/, '').length;
  if (sig < 2) return `${f} rounded to one significant digit (${label})`;
  if (text.includes('e') && Math.abs(f) >= 1e-4 && Math.abs(f) < 1e4 && label.length >= text.replace(/e.*/, '').length + 2) {
    return `exponent form for ${f}, which fits as a short decimal`;
  }
  return null;
}

interface Walked {
  grid: string;
  cell: number;
  value: number;
  label: string;
  px: number;
  cellSize: number;
}

async function walk(h: WebviewHarness): Promise<Walked[]> {
  return h.page.locator(`${view} tl-heatmap-grid`).evaluateAll((grids) =>
    (grids as HeatmapGridElement[]).flatMap((g) =>
      g.drawnLabels.map((label: string, i: number) => ({
        grid: g.className || g.label,
        cell: i,
        value: g.values[i] as number,
        label,
        px: g.drawnLabelSizes[i] as number,
        cellSize: g.cellSize as number,
      })),
    ),
  );
}

async function show(
  h: WebviewHarness,
  width: number,
  input: { shape: number[]; data: number[] },
  kernel: { shape: number[]; data: number[] },
) {
  await h.openView('convolution', { width, height: 800 });
  await h.waitForPosted('ready');
  const k = { name: 'k', line: 1, ...kernel };
  await h.send(toWire({ type: 'show', title: 'labels', input, candidates: [k], kernel: 'k', canInsert: false }));
  await h.page.locator(`${view} tl-heatmap-grid.output-grid`).waitFor();
}

describe('Cell labels (webview)', function () {
  this.timeout(90_000);
  const h = useWebviewHarness();

  for (const width of [420, 560, 900]) {
    it(`tricky values (${TRICKY.map(String).join(', ')}) at ${width} px: every label is exact to its digits or absent`, async () => {
      // A 1×1 kernel of 1 makes the output the input: three grids of the same tricky values.
      await show(h, width, { shape: [3, 3], data: TRICKY }, { shape: [1, 1], data: [1] });
      const labels = await walk(h);
      assert.ok(labels.length >= 18, `labels walked: ${labels.length}`);
      const bad = labels.map((l) => ({ ...l, why: misread(l.label, l.value) })).filter((l) => l.label && l.why);
      assert.deepEqual(bad, []);
      const shown = labels.filter((l) => l.label).length;
      console.log(
        `      ${width} px: ${shown}/${labels.length} labels shown, cells ${[...new Set(labels.map((l) => l.cellSize))].join('/')} px`,
      );
      if (width >= 560) {
        // Room enough: cells grow so every value shows at least two significant digits.
        assert.equal(shown, labels.length, JSON.stringify(labels.filter((l) => !l.label)));
      }
      assert.deepEqual(h.errors(), []);
    });
  }

  it("the issue's 6×7 drawing ⊛ Sobel in a 500 px panel: −2.6 reads −2.6, −0.25 reads −0.25", async () => {
    const drawing = [
      [0, 0, 0.9, 0.9, 0.9, 0, 0],
      [0, 0.9, -0.25, -0.25, -0.25, 0.9, 0],
      [0, 0.9, -0.25, 0.5, -0.25, 0.9, 0],
      [0, 0.9, -0.25, -0.25, -0.25, 0.9, 0],
      [0, 0, 0.9, 0.9, 0.9, 0, 0],
      [0, 0, 0, 0, 0, 0, 0],
    ];
    const sobel = { shape: [3, 3], data: [-1, 0, 1, -2, 0, 2, -1, 0, 1] };
    await show(h, 500, { shape: [6, 7], data: drawing.flat() }, sobel);
    const labels = await walk(h);
    const bad = labels.map((l) => ({ ...l, why: misread(l.label, l.value) })).filter((l) => l.label && l.why);
    assert.deepEqual(bad, []);
    const input = labels.filter((l) => l.grid.includes('input-grid'));
    assert.ok(
      input.filter((l) => Math.fround(l.value) === Math.fround(-0.25)).every((l) => l.label === '−0.25'),
      JSON.stringify(input),
    );
    await h.page.screenshot({ path: resolve(__dirname, '..', '..', 'test-results', 'webview-labels-6x7-500px.png'), fullPage: true });
    const output = labels.filter((l) => l.grid.includes('output-grid'));
    assert.ok(output.length > 0 && output.every((l) => l.label !== ''), `every output label shown: ${JSON.stringify(output)}`);
  });
});
