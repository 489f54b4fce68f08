// Messages between the host and the Training sidebar webview.
import type { CommonWebviewMessage } from './common';
import type { WireTensor } from './convolution';
import type { Snapshot } from './worker';

/** What the user can change before a run. */
export interface TrainingSettings {
  lr: number;
  epochs: number;
  optimizer: 'adam' | 'sgd';
  /** SGD only. */
  momentum: number;
  seed: number;
  /** Images per optimisation step (default 1). */
  batchSize?: number;
  /** L2 penalty, torch.optim's weight_decay (default 0). */
  weightDecay?: number;
}

/** One training image as the view lists it; `label` null means "not used" until the user picks a class. */
export interface ImageInfo extends WireTensor {
  name: string;
  label: number | null;
  /** 1-based source line (file data only). */
  line?: number;
}

/** Host → webview: what will be trained (sent on ready and whenever the model, data or weights change). */
export interface InitMessage {
  type: 'init';
  /** "Conv2d(1,10,5) → ReLU → Linear(360,10)". */
  model: string;
  /** "5 images (4 × "1", 1 × "2")". */
  data: string;
  source: 'example' | 'file';
  /** File the model came from, e.g. "conv2d_intro.py" (file source only). */
  fileName?: string;
  images: ImageInfo[];
  classes: number;
  settings: TrainingSettings;
  /** How the weights start, e.g. "fresh (seed 0)" or "PyTorch initial weights (train_seed_cnn.json)". */
  weights: string;
}

export type RunStatus = 'idle' | 'running' | 'finished' | 'stopped' | 'failed';

/** Host → webview: the whole current/last run, so a view that was hidden or reloaded shows it again. */
export interface RunStateMessage {
  type: 'run';
  status: RunStatus;
  losses: number[];
  step: number;
  totalSteps: number;
  /** Steps per epoch (images per epoch): the window of the per-epoch moving average. */
  stepsPerEpoch: number;
  elapsedMs: number;
  stepsPerSecond: number;
  snapshot: Snapshot | null;
  /** Image names of the run, in snapshot order. */
  imageNames: string[];
  /** Failure text, or the end-of-run summary. */
  message: string | null;
}

/** Host → webview: new losses (steps [firstStep, …)) and the latest snapshot; throttled to about 20 a second. */
export interface ProgressUpdateMessage {
  type: 'progress';
  firstStep: number;
  losses: number[];
  step: number;
  totalSteps: number;
  elapsedMs: number;
  stepsPerSecond: number;
  /** Null between the (less frequent) snapshots. */
  snapshot: Snapshot | null;
}

export type TrainingHostMessage = InitMessage | RunStateMessage | ProgressUpdateMessage;

/** Webview → host: start training with these settings and labels (by image name; null leaves an image out). */
export interface TrainRequest {
  type: 'train';
  settings?: TrainingSettings;
  labels?: Record<string, number | null>;
}

export type TrainingWebviewMessage =
  | CommonWebviewMessage
  | TrainRequest
  | { type: 'stop' }
  /** Forget loaded weights: start from a fresh seeded initialisation. */
  | { type: 'resetWeights' }
  /** 'pytorch': the bundled PyTorch initial state of the tutorial's model; 'file': pick a JSON file. */
  | { type: 'loadWeights'; from: 'pytorch' | 'file' }
  | { type: 'trainFile' }
  | { type: 'useExample' }
  | { type: 'exportWeights'; format: 'json' | 'python' }
  | { type: 'openTensor'; title: string; tensor: WireTensor }
  | { type: 'copyTensor'; what: string; tensor: WireTensor };
