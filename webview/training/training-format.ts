// Text of the Training view: the live status line and why the settings cannot train.
import type { RunStateMessage, TrainingSettings } from '../../src/core/protocol/training';

const int = (n: number) => Math.round(n).toLocaleString('en-US');

/** "step 350/500 · epoch 70/100 · 2,100 steps/s · 0.17 s". */
export function statusLine(
  r: Pick<RunStateMessage, 'status' | 'step' | 'totalSteps' | 'stepsPerEpoch' | 'stepsPerSecond' | 'elapsedMs'>,
): string {
  const per = Math.max(1, r.stepsPerEpoch);
  const epoch = Math.ceil(r.step / per);
  const epochs = Math.ceil(r.totalSteps / per);
  const s = r.elapsedMs / 1000;
  const state = r.status === 'running' ? '' : r.status === 'failed' ? 'failed at ' : `${r.status} · `;
  return `${state}step ${int(r.step)}/${int(r.totalSteps)} · epoch ${epoch}/${epochs} · ${int(r.stepsPerSecond)} steps/s · ${s < 10 ? s.toFixed(2) : s.toFixed(1)} s`;
}

export function settingsProblem(s: TrainingSettings): string | null {
  if (!(s.lr > 0) || !Number.isFinite(s.lr)) return 'The learning rate must be a number above 0.';
  if (!Number.isInteger(s.epochs) || s.epochs < 1 || s.epochs > 100_000) return 'Epochs must be a whole number from 1 to 100,000.';
  if (!Number.isInteger(s.seed) || s.seed < 0) return 'The seed must be a whole number ≥ 0.';
  if (s.optimizer === 'sgd' && !(s.momentum >= 0 && s.momentum < 1)) return 'Momentum must be between 0 and 1.';
  const batch = s.batchSize ?? 1;
  if (!Number.isInteger(batch) || batch < 1 || batch > 4096) return 'The batch size must be a whole number from 1 to 4,096.';
  const decay = s.weightDecay ?? 0;
  if (!(decay >= 0) || !Number.isFinite(decay)) return 'Weight decay must be a number ≥ 0.';
  return null;
}
