// Compares a state dict from a file with the Training view's model through the one matcher (src/core/explore): the
// missing, unexpected and wrong-shape keys exactly as PyTorch's load_state_dict reports them.
import { modulePaths, stateKeys } from '../core/explore/explore-model';
import { IrNetwork } from '../core/explore/ir-network';
import { matchStateDict, mismatchLines, type KeyShape } from '../core/explore/state-dict-match';
import type { ModelSpec, StateDict } from '../core/protocol/worker';

/** The model's state_dict() keys (parameters and buffers, layer by layer) and its module paths. */
function modelKeys(spec: ModelSpec): { keys: KeyShape[]; modules: string[] } {
  const net = IrNetwork.fromSource(spec.source.text, spec.name);
  return { keys: stateKeys(net), modules: modulePaths(net.root) };
}

/** PyTorch's load_state_dict problems, one line each (empty when the state dict fits the model). */
export function stateDictMismatches(spec: ModelSpec, state: StateDict): string[] {
  const { keys, modules } = modelKeys(spec);
  return mismatchLines(matchStateDict(keys, state, modules));
}
