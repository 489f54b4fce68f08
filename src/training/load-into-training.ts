// tensorLens.loadIntoTraining: a state dict from a tensor file becomes the Training view's starting weights if it matches.
import * as vscode from 'vscode';
import type { StateDict } from '../core/protocol/worker';
import { registerCommand } from '../host/commands';
import { stateDictMismatches } from './state-dict-match';
import type { TrainingController } from './training-controller';

export function registerLoadIntoTraining(controller: TrainingController): vscode.Disposable {
  return registerCommand('tensorLens.loadIntoTraining', 'Load into Training', (arg: unknown): { problems: string[] } => {
    const a = arg as { label?: unknown; tensors?: unknown };
    if (typeof a !== 'object' || a === null || typeof a.tensors !== 'object' || a.tensors === null)
      return { problems: ['expected { label, tensors }'] };
    const state = a.tensors as StateDict;
    const spec = controller.session.source.model;
    const problems = stateDictMismatches(spec, state);
    if (problems.length === 0) controller.useWeights(state, `weights from ${String(a.label ?? 'a tensor file')}`);
    else
      void vscode.window.showErrorMessage(`Tensor Lens: these weights don't fit ${spec.name}: ${problems.map((p) => p.trim()).join(' ')}`);
    return { problems };
  });
}
