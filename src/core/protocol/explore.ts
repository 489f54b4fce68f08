// Messages of the Model Explorer: host ↔ explore worker (run, thumbnails, drill-down) and host ↔ webview.
import type { StepSummary } from '../explore/summary';

/** What to run: the file's text, the model, weights/input as file bytes (or a literal/shape), the mode. */
export interface ExploreRunRequest {
  text: string;
  /** `TinyResNet` or `MnistNet(9200)`. */
  model: string;
  weights?: { label: string; bytes: Uint8Array };
  /** An image or tensor file, or text: a literal or a shape (seeded torch.rand); none: the file's own literal. */
  input?: { label: string; bytes: Uint8Array } | { label: string; text: string };
  normalize?: 'imagenet';
  train: boolean;
  seed: number;
}

/** One step as the panel lists it: its summary, the channel count of its strip and a one-cell explanation. */
export interface StepView extends StepSummary {
  /** Channels of batch element 0 drawn as thumbnails (C of an N×C×H×W output; 1 for a vector). */
  channels: number;
  /** Thumbnail size (after downsampling to at most 48 px a side). */
  thumb: [number, number];
  /** A Conv2d whose output channels open the Convolution panel on their computation. */
  drill: boolean;
  /** A compact explanation of one output cell with the real numbers. */
  explain: string[];
}

export interface ClassScore {
  index: number;
  label: string;
  logit: number;
  probability: number;
}

export interface ExploreRunResult {
  title: string;
  input: { label: string; shape: number[] };
  steps: StepView[];
  output: { shape: number[]; topK: ClassScore[] };
  /** load_state_dict's problems when the weights did not fit (the model then runs with its seeded init). */
  weightProblems?: string[];
}

/** Thumbnails of channels [from, from + count) of a step, as 8-bit grey levels, row-major, one after another. */
export interface ThumbPage {
  step: number;
  from: number;
  count: number;
  scale: 'shared' | 'channel';
  w: number;
  h: number;
  pixels: Uint8Array;
  /** The value range each thumbnail's grey levels span (one range for a shared scale). */
  ranges: Array<[number, number]>;
}

/** The Convolution panel's arguments for one output channel of a Conv2d step. */
export interface DrillDown {
  title: string;
  input: { shape: number[]; data: number[] };
  kernel: { title: string; shape: number[]; data: number[] };
  args: {
    stride: [number, number];
    padding: [number, number] | 'same' | 'valid';
    dilation: [number, number];
    groups: number;
    paddingMode: 'zeros' | 'reflect' | 'replicate' | 'circular';
    bias: number | null;
  };
}

export type ExploreWorkerRequest =
  | ({ id: number; type: 'run' } & ExploreRunRequest)
  | { id: number; type: 'thumbs'; step: number; from: number; count: number; scale: 'shared' | 'channel' }
  | { id: number; type: 'drill'; step: number; channel: number };

export type ExploreWorkerResponse =
  | { id: number; ok: true; type: 'run'; result: ExploreRunResult }
  /** Sent while a run goes on, one per step, before the run's final answer. */
  | { id: number; ok: true; type: 'step'; step: StepView }
  | { id: number; ok: true; type: 'thumbs'; page: ThumbPage }
  | { id: number; ok: true; type: 'drill'; drill: DrillDown }
  | { id: number; ok: false; message: string; line?: number };

/** Host → webview. */
export type ExploreHostMessage =
  | { type: 'exploreState'; model: string; file: string; weights: string; input: string; train: boolean; scale: 'shared' | 'channel' }
  | { type: 'exploreBusy'; text: string }
  | { type: 'exploreStep'; step: StepView }
  | { type: 'exploreResult'; result: ExploreRunResult }
  | { type: 'exploreThumbs'; page: ThumbPage }
  | { type: 'exploreError'; message: string; line?: number };

/** Webview → host. */
export type ExploreWebviewMessage =
  | { type: 'ready'; view: 'explore' }
  | { type: 'exploreReveal'; line: number }
  | { type: 'explorePickWeights' }
  | { type: 'explorePickInput' }
  | { type: 'exploreMode'; train: boolean }
  | { type: 'exploreScale'; scale: 'shared' | 'channel' }
  | { type: 'exploreThumbs'; step: number; from: number; count: number; scale: 'shared' | 'channel' }
  | { type: 'exploreDrill'; step: number; channel: number };
