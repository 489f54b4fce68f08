// Trainer.snapshot() with mini-batches forwards the images in the training's own batches: the same predictions and first-conv
// feature maps, image by image, as one image at a time (eval mode makes each image independent of its batch).
import assert from 'node:assert/strict';
import type { TrainConfig } from '../../../src/core/protocol/worker';
import { modelSpecFromSource } from '../../../src/training/model-from-source';
import { Trainer } from '../../../src/training/trainer';
import { isClose as close } from '../../support/close';

function config(batchSize: number): TrainConfig {
  let s = 7;
  const rnd = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
  return {
    model: modelSpecFromSource(
      `import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 3, 3, padding=1)
        self.bn = nn.BatchNorm2d(3)
        self.relu = nn.ReLU()
        self.flatten = nn.Flatten()
        self.fc = nn.Linear(192, 4)

    def forward(self, x):
        return self.fc(self.flatten(self.relu(self.bn(self.conv1(x)))))
`,
      [1, 1, 8, 8],
    ),
    // 7 images in batches of 3: the last batch is smaller, as in training.
    images: Array.from({ length: 7 }, (_, i) => ({ name: `i${i}`, label: i % 4, shape: [1, 8, 8], data: Array.from({ length: 64 }, rnd) })),
    optimizer: 'sgd',
    lr: 0.1,
    batchSize,
    epochs: 1,
    seed: 3,
  };
}

describe('Trainer.snapshot with mini-batches', () => {
  it('gives every image the predictions and feature map it gets alone, after steps that moved the running statistics', () => {
    const batched = new Trainer(config(3));
    const single = new Trainer(config(3));
    for (let i = 0; i < 3; i++) {
      batched.next();
      single.next();
    }
    let forwards = 0;
    const forward = batched.network.forward.bind(batched.network);
    batched.network.forward = (x) => (forwards++, forward(x));
    const a = batched.snapshot();
    assert.equal(forwards, 3, 'one forward per training batch (3 + 3 + 1 images)');
    // The same trained network, one image at a time (what snapshot() does for batch size 1).
    Object.assign(single.config, { batchSize: 1 });
    const b = single.snapshot();
    assert.equal(a.probabilities.length, 7);
    assert.equal(a.featureMaps.length, 7);
    a.probabilities.forEach((p, i) => p.forEach((v, j) => assert.ok(close(v, b.probabilities[i][j]), `image ${i} class ${j}`)));
    a.featureMaps.forEach((m, i) => {
      assert.deepEqual(m.shape, [3, 8, 8]);
      m.data.forEach((v, k) => assert.ok(close(v, b.featureMaps[i].data[k]), `image ${i} map[${k}]`));
    });
  });
});
