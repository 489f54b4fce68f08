// The conv arithmetic has one home: src/core/engine/geometry.ts writes the output-size formula, geometry-conv-args.ts the 'same' split.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { conv2dGeometry } from '../../../src/core/engine/geometry';
import { geometryFormulas, shapeFormulas } from '../../../src/core/render/arithmetic';
import { windowFromEngine, windowGeometry } from '../../../src/core/render/conv-window';

const root = join(__dirname, '..', '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

const files = [...sources(join(root, 'src')), ...sources(join(root, 'webview'))].map((path) => ({
  path: relative(root, path).split('\\').join('/'),
  // Comments may quote the formula; code may not.
  code: readFileSync(path, 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/.*$/gm, ''),
}));

const matching = (re: RegExp): string[] => files.filter((f) => re.test(f.code)).map((f) => f.path);

describe('conv geometry lives in one module', () => {
  it('finds sources to scan (the scan itself can fail)', () => {
    assert.ok(files.length > 100, `only ${files.length} files under src/ and webview/`);
    assert.ok(files.some((f) => f.path === 'src/core/engine/geometry.ts'));
  });

  it('the conv output-size formula ⌊(size + pads − d·(k−1) − 1)/s⌋ + 1 is written in geometry.ts only', () => {
    // `… (kernel - 1) - 1) / stride) + 1` however its names are spelt.
    const formula = /\(\s*\w+\s*-\s*1\s*\)\s*-\s*1\s*\)\s*\/\s*\w+\s*\)\s*\+\s*1/;
    assert.deepEqual(matching(formula), ['src/core/engine/geometry.ts']);
  });

  it("no halving of a padding total outside geometry.ts (the 'same' split)", () => {
    const halving = /(Math\.(floor|trunc)\(\s*\w+\s*\/\s*2\s*\))|(total\w*\s*(\[\d\])?\s*\/\s*2)/;
    // geometry-pool.ts / geometry-transposed.ts are geometry.ts's agreed siblings (pooling's "pad ≤ k/2" rule halves too).
    const offenders = matching(halving).filter((p) => !/^src\/core\/engine\/geometry(-[\w-]+)?\.ts$/.test(p) && !p.startsWith('webview/'));
    assert.deepEqual(offenders, []);
  });
});

describe('the formula text comes from the geometry object', () => {
  it("the engine's checked geometry and the panel's window model print the same formulas ('same', even kernel)", () => {
    const g = conv2dGeometry([1, 1, 5, 6], [1, 1, 2, 3], { padding: 'same' });
    const w = windowGeometry(5, 6, 2, 3, { stride: [1, 1], dilation: [1, 1], padding: 'same', paddingMode: 'zeros' });
    assert.deepEqual(geometryFormulas(g), ['H_out = ⌊(5 + 0 + 1 − 1·(2−1) − 1)/1⌋ + 1 = 5', 'W_out = ⌊(6 + 2·1 − 1·(3−1) − 1)/1⌋ + 1 = 6']);
    assert.deepEqual(shapeFormulas(w), geometryFormulas(g));
    assert.deepEqual(windowFromEngine(g), w);
  });

  it('a strided, dilated, padded geometry: the printed result is the output size the engine returns', () => {
    const g = conv2dGeometry([2, 3, 11, 9], [4, 3, 3, 2], { stride: [2, 3], padding: [1, 2], dilation: [2, 1] });
    const [h, w] = geometryFormulas(g);
    assert.equal(h, `H_out = ⌊(11 + 2·1 − 2·(3−1) − 1)/2⌋ + 1 = ${g.outH}`);
    assert.equal(w, `W_out = ⌊(9 + 2·2 − 1·(2−1) − 1)/3⌋ + 1 = ${g.outW}`);
    assert.deepEqual(g.outputShape, [2, 4, 5, 4]);
  });
});
