// Notebooks: literals in code cells with the cell index and ranges relative to the cell.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { literalsInCells, literalsInNotebook, type Literal } from '../../../src/core/literals/index';
import { asError, asLayer, asTensor } from './helpers';

describe('literals: notebooks', () => {
  it('finds the literals of examples/conv2d_intro.ipynb per code cell', () => {
    const cells = literalsInNotebook(readFileSync('examples/conv2d_intro.ipynb', 'utf8'));
    assert.ok(Array.isArray(cells));
    assert.deepEqual(
      cells.map((c) => c.cellIndex),
      [1, 2, 4, 5],
    );
    const [, images, kernels, call] = cells;
    assert.deepEqual(
      images.literals.map((l) => l.name),
      ['image_tensor', 'kernel_tensor'],
    );
    const image = asTensor(images.literals[0]);
    assert.deepEqual(image.shape, [1, 1, 5, 5]);
    assert.ok(images.text.slice(image.range.start, image.range.end).startsWith('torch.tensor(['));
    assert.equal(asTensor(kernels.literals[0]).name, 'edge_kernel');
    assert.equal(asTensor(kernels.literals[0]).dtype, 'int64');
    const conv = asLayer(kernels.literals[1]);
    assert.deepEqual(conv.conv!.kernelSize, [3, 5]);
    assert.equal(conv.conv!.paddingMode, 'reflect');
    assert.equal(asLayer(call.literals[0]).layer, 'conv2d');
  });

  it('accepts cells as plain strings', () => {
    const cells = literalsInCells(['x = 1', 'k = [[1, 2], [3, 4]]  # kernel']);
    assert.equal(cells[1].literals.length, 1);
    assert.deepEqual((cells[1].literals[0] as Literal).range, { start: 4, end: 20 });
  });

  it('gives an error for a file that is not a notebook', () => {
    assert.match(asError(literalsInNotebook('{"cells": ') as never).message, /^not a valid notebook/);
    assert.equal(asError(literalsInNotebook('{"nbformat": 4}') as never).message, 'not a valid notebook: no "cells" list');
  });
});
