// What the explorer reports per step without the values: shape, min/max/mean, the npz key of leaf modules.
import type { Tensor } from '../engine';
import type { ExploreRun, ExploreStep } from './explore-model';

export interface Stats {
  min: number;
  max: number;
  mean: number;
  /** NaN and ±Inf elements (left out of min/max/mean). */
  nonFinite: number;
}

export interface StepSummary {
  index: number;
  kind: ExploreStep['kind'];
  /** Module path, or the call as written (`F.relu`). */
  name: string;
  type: string;
  line: number;
  shape: number[];
  /** `NNN:module.path` for leaf modules: their key in the .npz (forward-hook order). */
  key?: string;
  stats: Stats;
}

export function statsOf(data: ArrayLike<number>): Stats {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let n = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    n++;
  }
  return n ? { min, max, mean: sum / n, nonFinite: data.length - n } : { min: NaN, max: NaN, mean: NaN, nonFinite: data.length };
}

/** `007:layer1.conv1`: a leaf module's key in the .npz, as the goldens name them. */
export const npzKey = (leafIndex: number, path: string): string => `${String(leafIndex).padStart(3, '0')}:${path}`;

export function summarizeStep(s: ExploreStep): StepSummary {
  const out: StepSummary = {
    index: s.index,
    kind: s.kind,
    name: s.name,
    type: s.type,
    line: s.line,
    shape: [...s.output.shape],
    stats: statsOf(s.output.data),
  };
  if (s.leafIndex !== undefined) out.key = npzKey(s.leafIndex, s.name);
  return out;
}

/** Every leaf module's output under its key, then the model's result under `output`: the goldens-explore .npz layout. */
export function leafArrays(run: ExploreRun): Array<{ name: string; shape: number[]; data: Float32Array }> {
  const arrays = run.steps
    .filter((s) => s.leafIndex !== undefined)
    .map((s) => ({ name: npzKey(s.leafIndex!, s.name), shape: [...s.output.shape], data: s.output.data }));
  return [...arrays, { name: 'output', shape: [...run.output.shape], data: (run.output as Tensor).data }];
}
