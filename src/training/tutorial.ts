// The tutorial's training set and model: five 10×10 drawings (four "1"s, one "2") and Conv2d(1,10,5,1) → ReLU → Linear(360,10).
import type { ModelSpec, TrainConfig, TrainingImage } from '../core/protocol/worker';

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

export function tutorialModel(): ModelSpec {
  return {
    name: 'CNN',
    inputShape: [1, 1, 10, 10],
    layers: [
      {
        kind: 'conv2d',
        name: 'conv1',
        inChannels: 1,
        outChannels: 10,
        kernelSize: [5, 5],
        stride: [1, 1],
        padding: [0, 0],
        dilation: [1, 1],
        groups: 1,
        bias: true,
        paddingMode: 'zeros',
      },
      { kind: 'relu' },
      { kind: 'flatten' },
      { kind: 'linear', name: 'linear', inFeatures: 360, outFeatures: 10, bias: true },
    ],
  };
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
