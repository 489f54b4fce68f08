// The Training view's session, free of vscode: what will be trained, the current/last run, and the worker run's lifecycle.
import type {
  ImageInfo,
  InitMessage,
  RunStateMessage,
  TrainingHostMessage,
  TrainingSettings,
  TrainRequest,
} from '../core/protocol/training';
import {
  type DoneMessage,
  type ModelSpec,
  type PackedStateDict,
  type ProgressMessage,
  type StateDict,
  type TrainConfig,
  unpackStateDict,
} from '../core/protocol/worker';
import { modelProblem } from './model-from-source';
import { classCount, describeModel } from './model-spec';
import { StallProbe } from './stall-probe';
import type { TrainingRunner } from './training-runner';
import { TUTORIAL_HYPERPARAMETERS, tutorialImages, tutorialModel } from './tutorial';

export interface TrainingSource {
  kind: 'example' | 'file';
  model: ModelSpec;
  images: ImageInfo[];
  fileName?: string;
}

export interface RunSummary {
  status: 'finished' | 'stopped';
  steps: number;
  elapsedMs: number;
  finalLoss: number;
  correct: number;
  total: number;
  /** Largest event-loop stall of the host thread during the run, in ms. */
  hostStallMs: number;
  /** Stalls above 20 ms: ms after the start, and length. */
  stalls: Array<{ at: number; ms: number }>;
}

export function exampleSource(): TrainingSource {
  return { kind: 'example', model: tutorialModel(), images: tutorialImages() };
}

const argmax = (p: number[]) => p.indexOf(Math.max(...p));

/** "5 images (4 × "1", 1 × "2")". */
export function describeData(images: ImageInfo[]): string {
  const used = images.filter((i) => i.label !== null);
  const counts = new Map<number, number>();
  for (const i of used) counts.set(i.label!, (counts.get(i.label!) ?? 0) + 1);
  const parts = [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([label, n]) => `${n} × "${label}"`);
  const unused = images.length - used.length;
  return `${used.length} image${used.length === 1 ? '' : 's'} (${parts.join(', ') || 'none labelled'})${unused ? `, ${unused} unlabelled` : ''}`;
}

export class TrainingSession {
  source: TrainingSource = exampleSource();
  settings: TrainingSettings = { ...TUTORIAL_HYPERPARAMETERS };
  /** Weights to start from instead of a seeded initialisation. */
  initial: { state: StateDict; label: string } | null = null;
  /** The weights of the last run, as the worker sent them (turned into plain numbers only when asked for). */
  private trainedPacked: PackedStateDict | null = null;
  lastSummary: RunSummary | null = null;
  record: RunStateMessage = idleRecord();
  private readonly probe = new StallProbe();
  private readonly stopListeners = new Set<() => void>();

  constructor(
    private readonly runner: TrainingRunner,
    private readonly post: (m: TrainingHostMessage) => void,
    private readonly onEnd: (summary: RunSummary | null, error: string | null) => void = () => undefined,
  ) {}

  /** The weights of the last run, for export. */
  get trained(): StateDict | null {
    return this.trainedPacked ? unpackStateDict(this.trainedPacked) : null;
  }

  get running(): boolean {
    return this.runner.running;
  }

  /** Fires when a run has ended (finished, stopped or failed); `running` is false by then. */
  onDidStop(listener: () => void): { dispose(): void } {
    this.stopListeners.add(listener);
    return { dispose: () => this.stopListeners.delete(listener) };
  }

  /** Resolves once no run is going (at once when none is). */
  stopped(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const sub = this.onDidStop(() => {
        sub.dispose();
        resolve();
      });
    });
  }

  private fireStop(): void {
    for (const l of [...this.stopListeners]) l();
  }

  initMessage(): InitMessage {
    return {
      type: 'init',
      model: describeModel(this.source.model),
      data: describeData(this.source.images),
      source: this.source.kind,
      fileName: this.source.fileName,
      images: this.source.images,
      classes: classCount(this.source.model),
      settings: this.settings,
      weights: this.initial ? this.initial.label : `fresh PyTorch-style init (seed ${this.settings.seed})`,
    };
  }

  setSource(source: TrainingSource): void {
    this.source = source;
    this.initial = null;
    this.trainedPacked = null;
    this.record = idleRecord();
    this.post(this.initMessage());
    this.post(this.record);
  }

  /** Starts a run in the worker; returns why it cannot start (a message for the user) or null. */
  start(request: TrainRequest): string | null {
    if (this.runner.running) return 'training is already running';
    if (request.settings) this.settings = { ...request.settings };
    if (request.labels) {
      this.source.images = this.source.images.map((img) =>
        img.name in request.labels! ? { ...img, label: request.labels![img.name] } : img,
      );
    }
    const problem = modelProblem(this.source.model);
    if (problem) return problem;
    const images = this.source.images.filter((i) => i.label !== null);
    if (images.length === 0) return 'no image has a label: pick a class for at least one image';
    const config: TrainConfig = {
      model: this.source.model,
      images: images.map((i) => ({ name: i.name, label: i.label!, shape: i.shape, data: i.data })),
      optimizer: this.settings.optimizer,
      lr: this.settings.lr,
      momentum: this.settings.momentum,
      weightDecay: this.settings.weightDecay ?? 0,
      batchSize: this.settings.batchSize ?? 1,
      epochs: this.settings.epochs,
      seed: this.settings.seed,
      initialState: this.initial?.state,
    };
    this.record = {
      ...idleRecord(),
      status: 'running',
      totalSteps: config.epochs * Math.ceil(images.length / (config.batchSize ?? 1)),
      stepsPerEpoch: Math.ceil(images.length / (config.batchSize ?? 1)),
      imageNames: images.map((i) => i.name),
    };
    this.post(this.record);
    this.probe.start();
    this.runner.start(config, {
      onProgress: (m) => this.onProgress(m),
      onDone: (m) => this.onDone(m, config),
      onError: (message, crashed) => this.onError(crashed ? `${message}. Press Train to start again.` : message),
    });
    return null;
  }

  stop(): void {
    this.runner.stop();
  }

  private absorb(m: { firstStep: number; losses: number[]; step: number; totalSteps: number; elapsedMs: number }): void {
    const r = this.record;
    r.losses.length = m.firstStep;
    r.losses.push(...m.losses);
    r.step = m.step;
    r.totalSteps = m.totalSteps;
    r.elapsedMs = m.elapsedMs;
    r.stepsPerSecond = m.elapsedMs > 0 ? m.step / (m.elapsedMs / 1000) : 0;
  }

  private onProgress(m: ProgressMessage): void {
    this.absorb(m);
    if (m.snapshot) this.record.snapshot = m.snapshot;
    this.post({
      type: 'progress',
      firstStep: m.firstStep,
      losses: m.losses,
      step: m.step,
      totalSteps: m.totalSteps,
      elapsedMs: m.elapsedMs,
      stepsPerSecond: this.record.stepsPerSecond,
      snapshot: m.snapshot,
    });
  }

  private onDone(m: DoneMessage, config: TrainConfig): void {
    this.absorb({ ...m, step: m.steps });
    const hostStallMs = this.probe.stop();
    const predictions = m.snapshot.probabilities.map(argmax);
    const summary: RunSummary = {
      status: m.reason,
      steps: m.steps,
      elapsedMs: m.elapsedMs,
      finalLoss: this.record.losses.at(-1) ?? NaN,
      correct: predictions.filter((p, i) => p === config.images[i].label).length,
      total: config.images.length,
      hostStallMs,
      stalls: this.probe.stalls.slice(),
    };
    this.trainedPacked = m.state;
    this.lastSummary = summary;
    Object.assign(this.record, { status: m.reason, snapshot: m.snapshot, message: summaryText(summary) });
    this.post(this.record);
    this.onEnd(summary, null);
    this.fireStop();
  }

  private onError(message: string): void {
    this.probe.stop();
    Object.assign(this.record, { status: 'failed', message });
    this.post(this.record);
    this.onEnd(null, message);
    this.fireStop();
  }
}

function idleRecord(): RunStateMessage {
  return {
    type: 'run',
    status: 'idle',
    losses: [],
    step: 0,
    totalSteps: 0,
    stepsPerEpoch: 1,
    elapsedMs: 0,
    stepsPerSecond: 0,
    snapshot: null,
    imageNames: [],
    message: null,
  };
}

/** "Finished 500 steps in 0.42 s · loss 0.0012 · 5/5 correct · host stall ≤ 8 ms". */
export function summaryText(s: RunSummary): string {
  const seconds = s.elapsedMs / 1000;
  return [
    `${s.status === 'finished' ? 'Finished' : 'Stopped after'} ${s.steps} steps in ${seconds < 10 ? seconds.toFixed(2) : seconds.toFixed(1)} s`,
    `loss ${Number.isFinite(s.finalLoss) ? s.finalLoss.toPrecision(3) : '–'}`,
    `${s.correct}/${s.total} correct`,
    `host stall ≤ ${Math.ceil(s.hostStallMs)} ms`,
  ].join(' · ');
}
