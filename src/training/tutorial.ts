// The tutorial's training set and model: five 10×10 drawings (four "1"s, one "2") and Conv2d(1,10,5,1) → ReLU → Linear(360,10).
import type { ModelSpec, TrainConfig, TrainingImage } from '../core/protocol/worker';
import { modelSpecFromSource } from './model-from-source';

/** Rows as strings of 0/1, exactly the tutorial's one_image_1..4 and two_image_1. */
const DRAWINGS: Array<[name: string, label: number, rows: string[]]> = [
  ['one_image_1', 1, Array(10).fill('1000000000')],
  ['one_image_2', 1, Array(10).fill('0100000000')],
  ['one_image_3', 1, Array(10).fill('0010000000')],
  ['one_image_4', 1, Array(10).fill('0001000000')],
  [
    'two_image_1',
    2,
    [
      '1111111110',
      '0000000010',
      '0000000010',
      '0000000010',
      '0111111110',
      '0100000010',
      '0100000000',
      '0100000000',
      '0111111110',
      '0000000000',
    ],
  ],
];

export function tutorialImages(): TrainingImage[] {
  return DRAWINGS.map(([name, label, rows]) => ({
    name,
    label,
    shape: [10, 10],
    data: rows.flatMap((r) => [...r].map(Number)),
  }));
}

/** The tutorial's class CNN, as examples/conv2d_intro.py writes it. */
export const TUTORIAL_SOURCE = `import torch.nn as nn


class CNN(nn.Module):
    def __init__(self):
        super(CNN, self).__init__()
        self.conv1 = nn.Conv2d(1, 10, 5, 1)
        self.relu = nn.ReLU()
        self.linear = nn.Linear(10 * 6 * 6, 10)

    def forward(self, x):
        image_tensor = x.view(1, 1, 10, 10)
        output = self.relu(self.conv1(image_tensor))
        return self.linear(output.view(1, -1))
`;

export function tutorialModel(): ModelSpec {
  return modelSpecFromSource(TUTORIAL_SOURCE, [1, 1, 10, 10]);
}

export interface Hyperparameters {
  lr: number;
  epochs: number;
  optimizer: 'adam' | 'sgd';
  momentum: number;
  seed: number;
}

/** The tutorial's settings: Adam(lr=0.01), 100 epochs, seed 0. */
export const TUTORIAL_HYPERPARAMETERS: Hyperparameters = { lr: 0.01, epochs: 100, optimizer: 'adam', momentum: 0, seed: 0 };

export function tutorialConfig(h: Hyperparameters = TUTORIAL_HYPERPARAMETERS): TrainConfig {
  return {
    model: tutorialModel(),
    images: tutorialImages(),
    optimizer: h.optimizer,
    lr: h.lr,
    momentum: h.momentum,
    epochs: h.epochs,
    seed: h.seed,
  };
}
