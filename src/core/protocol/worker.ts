// Typed messages between the extension host and the training worker thread (start, progress, stop, done, error).
import type { WireTensor } from './convolution';

/**
 * A model of a Python file, trained through the model IR (src/core/pymodel): the worker builds class `name` from
 * `source.text`, so its layers, state-dict keys and description all come from the one instantiated module tree.
 */
export interface ModelSpec {
  /** Class name, e.g. "CNN". */
  name: string;
  /** Batch-1 input shape each image is reshaped to. */
  inputShape: number[];
  source: {
    text: string;
    /** Width of the logits. */
    classes: number;
    /** "Conv2d(1,10,5) → ReLU → Linear(360,10)" for a chain, else "SmallResNet: 14 layers, 2,171 parameters". */
    summary?: string;
  };
}

/** PyTorch-style state dict: "conv1.weight" → tensor. */
export type StateDict = Record<string, WireTensor>;

/**
 * A state dict as the worker sends it back: Float32Array data, which a message clones as one copy. The MNIST net's 1.2 M
 * weights as plain numbers took the host thread ~100 ms to receive (a stall of the editor at the end of every run).
 */
export type PackedStateDict = Record<string, { shape: number[]; data: Float32Array }>;

/** A packed state dict as plain numbers (for export and for starting a run from it). */
export function unpackStateDict(state: PackedStateDict): StateDict {
  return Object.fromEntries(Object.entries(state).map(([k, t]) => [k, { shape: [...t.shape], data: Array.from(t.data) }]));
}

export interface TrainingImage extends WireTensor {
  name: string;
  /** Class index the image should be classified as. */
  label: number;
}

export interface TrainConfig {
  model: ModelSpec;
  /** Trained in this order, one step per mini-batch of `batchSize` consecutive images (the last may be smaller). */
  images: TrainingImage[];
  optimizer: 'adam' | 'sgd';
  lr: number;
  /** SGD only. */
  momentum?: number;
  /** L2 penalty added to the gradients, as weight_decay in torch.optim (default 0). */
  weightDecay?: number;
  /** Images per step (default 1, as the tutorial). */
  batchSize?: number;
  epochs: number;
  /** manualSeed before the weights are initialised; ignored for parameters given in initialState. */
  seed: number;
  /** Start from these weights (e.g. PyTorch's) instead of a fresh initialisation. */
  initialState?: StateDict;
  /** Least time between two progress messages (default 50 ms: about 20 a second). */
  progressIntervalMs?: number;
  /** Least time between two snapshots (predictions, kernels, feature maps) in progress messages (default 200 ms). */
  snapshotIntervalMs?: number;
}

/** Host → worker: begin a run. `stopFlag` (Int32Array over a SharedArrayBuffer) is polled between steps; non-zero stops. */
export interface StartMessage {
  type: 'start';
  runId: number;
  config: TrainConfig;
  stopFlag?: SharedArrayBuffer;
}

/** Host → worker: stop the run (also signalled through stopFlag, which works even while a step is computing). */
export interface StopMessage {
  type: 'stop';
  runId: number;
}

/** Host → worker, test-only: exit the thread abruptly as a crash would. */
export interface CrashMessage {
  type: 'crash';
}

export type HostToWorkerMessage = StartMessage | StopMessage | CrashMessage;

/** What the network currently does with each image and its first convolution. */
export interface Snapshot {
  /** Softmax of the logits, one row per image, in config order. */
  probabilities: number[][];
  /** Weight of the first Conv2d, [C_out, C_in, kH, kW], or null without one. */
  kernels: WireTensor | null;
  /** Name of that layer, e.g. "conv1". */
  kernelLayer: string | null;
  /** Per image: the first Conv2d's output after the following ReLU (if any), [C_out, H, W]; empty when too large to send. */
  featureMaps: WireTensor[];
}

/** Worker → host: the losses of steps [firstStep, firstStep + losses.length) and where the run is. */
export interface ProgressMessage {
  type: 'progress';
  runId: number;
  /** 0-based index of losses[0]. */
  firstStep: number;
  losses: number[];
  /** Steps done so far. */
  step: number;
  totalSteps: number;
  /** 1-based epoch of the last step. */
  epoch: number;
  elapsedMs: number;
  stepsPerSecond: number;
  /** Sent at most about 5 times a second (losses stream at about 20): null in the progress messages between. */
  snapshot: Snapshot | null;
}

export interface DoneMessage {
  type: 'done';
  runId: number;
  reason: 'finished' | 'stopped';
  steps: number;
  totalSteps: number;
  elapsedMs: number;
  /** Losses not yet sent in a progress message. */
  firstStep: number;
  losses: number[];
  snapshot: Snapshot;
  /** The trained weights, with BatchNorm's running statistics. */
  state: PackedStateDict;
}

export interface ErrorMessage {
  type: 'error';
  runId: number;
  message: string;
}

export type WorkerToHostMessage = ProgressMessage | DoneMessage | ErrorMessage;
