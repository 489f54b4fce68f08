// PNG heatmaps: valid PNGs that decode back to the colormap's colours, crisp cells, downsampling and base64.
import * as assert from 'node:assert/strict';
import { decode } from 'fast-png';
import { base64, encodeIndexedPng, pngDataUri } from '../../../src/core/render/png';
import { downsample, heatmapImage, heatmapPalette, NAN_INDEX, paletteIndex } from '../../../src/core/render/heatmap-image';
import { lookupTable, scaleFor } from '../../../src/core/render/colormap';

function rgbAt(png: Uint8Array, x: number, y: number): [number, number, number] {
  const img = decode(png);
  assert.ok(img.palette, 'indexed PNG');
  const idx = img.data[y * img.width + x];
  const c = img.palette[idx];
  return [c[0], c[1], c[2]];
}

describe('render/png', () => {
  it('encodes an indexed PNG that decodes to the same indices and palette', () => {
    const palette: Array<[number, number, number]> = [
      [0, 0, 0],
      [255, 0, 0],
      [0, 255, 0],
    ];
    const png = encodeIndexedPng(3, 2, Uint8Array.from([0, 1, 2, 2, 1, 0]), palette);
    assert.deepEqual([...png.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10]);
    const img = decode(png);
    assert.equal(img.width, 3);
    assert.equal(img.height, 2);
    assert.deepEqual([...img.data], [0, 1, 2, 2, 1, 0]);
    assert.deepEqual(
      img.palette?.map((c) => c.slice(0, 3)),
      palette,
    );
  });

  it('rejects a wrong number of indices', () => {
    assert.throws(() => encodeIndexedPng(2, 2, new Uint8Array(3), [[0, 0, 0]]), /expected 4 palette indices, got 3/);
  });

  it('base64 matches Node for every tail length', () => {
    for (let n = 0; n < 10; n++) {
      const bytes = Uint8Array.from({ length: n * 7 + (n % 3) }, (_, i) => (i * 37 + n) & 255);
      assert.equal(base64(bytes), Buffer.from(bytes).toString('base64'));
    }
    assert.ok(pngDataUri(Uint8Array.from([1, 2, 3])).startsWith('data:image/png;base64,AQID'));
  });
});

describe('render/heatmap-image', () => {
  it('draws a 5×5 tensor as 24-pixel cells, each cell one colour of the scale', () => {
    const plane = Float32Array.from({ length: 25 }, (_, i) => i - 12);
    const scale = scaleFor(plane, 'dark');
    const img = heatmapImage(plane, 5, 5, scale);
    assert.equal(img.cellPx, 24);
    assert.deepEqual([img.width, img.height, img.rows, img.cols, img.step], [120, 120, 5, 5, 1]);
    const lut = lookupTable(scale);
    // Top-left (−12) is the low end of the diverging scale, bottom-right (+12) the high end.
    assert.deepEqual(rgbAt(img.png, 0, 0), [lut[0], lut[1], lut[2]]);
    assert.deepEqual(rgbAt(img.png, 119, 119), [lut[1020], lut[1021], lut[1022]]);
    // Nearest-neighbour: every pixel of a cell has the cell's colour.
    const decoded = decode(img.png);
    for (let y = 24; y < 48; y++)
      for (let x = 48; x < 72; x++) assert.equal(decoded.data[y * 120 + x], paletteIndex(scale, plane[1 * 5 + 2]));
  });

  it('scales 64×64 to 2-pixel cells and averages 512×512 in 8×8 blocks', () => {
    const p64 = new Float32Array(64 * 64).fill(1);
    const a = heatmapImage(p64, 64, 64, scaleFor(p64));
    assert.deepEqual([a.width, a.height, a.cellPx, a.step], [128, 128, 2, 1]);
    const big = Float32Array.from({ length: 512 * 512 }, (_, i) => i % 512);
    const b = heatmapImage(big, 512, 512, scaleFor(big));
    assert.deepEqual([b.rows, b.cols, b.step, b.cellPx, b.width], [64, 64, 8, 2, 128]);
    const d = downsample(big, 512, 512, 8);
    assert.equal(d.data[0], 3.5); // mean of columns 0..7
    assert.equal(d.data[1], 11.5);
  });

  it('keeps non-square planes in proportion and clips partial blocks', () => {
    const plane = Float32Array.from({ length: 3 * 130 }, (_, i) => i);
    const img = heatmapImage(plane, 3, 130, scaleFor(plane));
    assert.equal(img.step, 3);
    assert.deepEqual([img.rows, img.cols], [1, 44]);
    assert.equal(img.height, img.cellPx);
    const d = downsample(plane, 3, 130, 3);
    assert.equal(d.data[43], (129 + 259 + 389) / 3); // last block has one column
  });

  it('paints NaN magenta and clamps infinities to the ends', () => {
    const plane = Float32Array.from([NaN, Infinity, -Infinity, 0, 1, 2]);
    const scale = scaleFor(plane, 'light');
    assert.equal(paletteIndex(scale, NaN), NAN_INDEX);
    assert.equal(paletteIndex(scale, Infinity), 254);
    assert.equal(paletteIndex(scale, -Infinity), 0);
    const img = heatmapImage(plane, 2, 3, scale);
    assert.deepEqual(rgbAt(img.png, 0, 0), [255, 0, 255]);
    assert.equal(heatmapPalette(scale).length, 256);
  });

  it('uses a different palette in high-contrast themes', () => {
    const plane = Float32Array.from([-1, 0, 1]);
    assert.notDeepEqual(heatmapPalette(scaleFor(plane, 'dark')), heatmapPalette(scaleFor(plane, 'high-contrast')));
  });
});
