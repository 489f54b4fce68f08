// Compares a state dict from a file with the Training view's model: every missing key, wrong shape and extra key.
import type { ModelSpec, StateDict } from '../core/protocol/worker';
import { parameterShapes } from './model-spec';

/** Every mismatch between the model's parameters and a state dict, one line each (empty when it matches). */
export function stateDictMismatches(spec: ModelSpec, state: StateDict): string[] {
  const problems: string[] = [];
  const wanted = parameterShapes(spec);
  const keys = new Set(wanted.map((w) => w.key));
  for (const { key, shape } of wanted) {
    const t = state[key];
    if (!t) problems.push(`missing "${key}" [${shape.join(', ')}]`);
    else if (t.shape.join(',') !== shape.join(','))
      problems.push(`"${key}" is [${t.shape.join(', ')}], the model needs [${shape.join(', ')}]`);
  }
  const extra = Object.keys(state).filter((k) => !keys.has(k) && !/(running_mean|running_var|num_batches_tracked)$/.test(k));
  if (extra.length) problems.push(`not in ${spec.name}: ${extra.map((k) => `"${k}"`).join(', ')}`);
  return problems;
}
