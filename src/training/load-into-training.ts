// tensorLens.loadIntoTraining: a state dict from a tensor file becomes the Training view's starting weights if it matches.
import * as vscode from 'vscode';
import type { ModelSpec, StateDict } from '../core/protocol/worker';
import { parameterShapes } from './model-spec';
import type { TrainingController } from './training-controller';

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

export function registerLoadIntoTraining(controller: TrainingController): vscode.Disposable {
  return vscode.commands.registerCommand('tensorLens.loadIntoTraining', (arg: unknown): { problems: string[] } => {
    const a = arg as { label?: unknown; tensors?: unknown };
    if (typeof a !== 'object' || a === null || typeof a.tensors !== 'object' || a.tensors === null)
      return { problems: ['expected { label, tensors }'] };
    const state = a.tensors as StateDict;
    const spec = controller.session.source.model;
    const problems = stateDictMismatches(spec, state);
    if (problems.length === 0) controller.useWeights(state, `weights from ${String(a.label ?? 'a tensor file')}`);
    else void vscode.window.showErrorMessage(`Tensor Lens: these weights don't fit ${spec.name}: ${problems.join('; ')}`);
    return { problems };
  });
}
