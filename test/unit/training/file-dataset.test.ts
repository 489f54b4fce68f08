// The training data found in a file: the tutorial's images in its loop order with labels from label_one/label_two, names, and sizes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { literalsInDocument } from '../../../src/core/literals';
import type { TensorLiteral } from '../../../src/core/literals/types';
import { datasetFromFile, labelFromName } from '../../../src/training/file-dataset';
import { tutorialImages } from '../../../src/training/tutorial';

const tensors = (text: string) => literalsInDocument(text, { language: 'python' }).filter((l): l is TensorLiteral => l.kind === 'tensor');

describe('training data from a file', () => {
  it("finds the tutorial's five images in its loop order, labelled by label_one / label_two", () => {
    const text = readFileSync(resolve(__dirname, '../../../examples/conv2d_intro.py'), 'utf8');
    const ds = datasetFromFile(text, tensors(text), null, 10);
    assert.ok(!('error' in ds), JSON.stringify(ds));
    assert.deepEqual(ds.inputShape, [1, 1, 10, 10]);
    assert.deepEqual(
      ds.images.map((i) => [i.name, i.label, i.labelFrom]),
      [
        ['one_image_1', 1, 'label_one'],
        ['one_image_2', 1, 'label_one'],
        ['one_image_3', 1, 'label_one'],
        ['one_image_4', 1, 'label_one'],
        ['two_image_1', 2, 'label_two'],
      ],
    );
    assert.deepEqual(
      ds.images.map((i) => i.data),
      tutorialImages().map((i) => i.data),
      'same pixels as the tutorial module',
    );
    assert.equal(text.split('\n')[ds.images[4].line - 1].trim(), 'two_image_1 = torch.tensor([');
    assert.ok(ds.skipped.includes('image_tensor') && ds.skipped.includes('circle_image'));
  });

  it('labels by number words in names when the file has no label tensors, and leaves others for the user', () => {
    const text = ['a = [[0, 1], [1, 0]]', 'three_x = [[1, 1], [0, 0]]', 'sevenSample = [[0, 0], [1, 1]]', 'eight = [[1, 0], [1, 0]]'].join(
      '\n',
    );
    const ds = datasetFromFile(text, tensors(text), null, 8);
    assert.ok(!('error' in ds));
    assert.deepEqual(ds.inputShape, [1, 1, 2, 2]);
    assert.deepEqual(
      ds.images.map((i) => [i.name, i.label]),
      [
        ['a', null],
        ['three_x', 3],
        ['sevenSample', 7],
        ['eight', null],
      ],
    );
    assert.equal(labelFromName('TwoImage'), 2);
    assert.equal(labelFromName('someone_1'), null);
  });

  it('says why when nothing fits the model input', () => {
    const text = 'x = [[1, 2], [3, 4]]';
    const ds = datasetFromFile(text, tensors(text), [1, 1, 10, 10], 10);
    assert.ok('error' in ds);
    assert.match(ds.error, /input size 100 \(\[1, 1, 10, 10\]\)/);
  });
});
