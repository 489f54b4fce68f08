// The Model Explorer's core: build a class of the file (seeded PyTorch init or a state dict), run forward on one input
// in eval (or train) mode, and record every step with its output.
import { Tensor, manualSeed, noGrad } from '../engine';
import { readModelFile, type PyModelFile } from '../pymodel';
import type { ModuleInstance, Value } from '../pymodel/values';
import { IrNetwork } from './ir-network';
import { loadStateDictError, matchStateDict, matches, type StateDictMatch } from './state-dict-match';
import type { RawStep } from './steps';

/** A state dict as read from a file: values by PyTorch key. */
export type StateTensors = Record<string, { shape: readonly number[]; data: ArrayLike<number> }>;

export interface BuildOptions {
  /** Constructor arguments (`MnistNet(9200)`); none by default. */
  args?: Value[];
  kwargs?: Record<string, Value>;
  /** Seed of PyTorch's default init when no state dict is given (0 by default). */
  seed?: number;
  weights?: StateTensors;
}

export interface BuiltModel {
  net: IrNetwork;
  /** How the state dict matched (undefined for a fresh init). */
  match?: StateDictMatch;
  /** load_state_dict's RuntimeError text when the weights do not fit (the model keeps its fresh init then). */
  loadError?: string;
}

export interface ExploreStep extends RawStep {
  /** Position among all steps. */
  index: number;
  /** Position among leaf-module steps (PyTorch's forward-hook order), for module steps. */
  leafIndex?: number;
}

export interface ExploreRun {
  steps: ExploreStep[];
  output: Tensor;
}

/** Builds `className` of the file; throws Stop/TorchError for what it cannot build. */
export function buildModel(file: PyModelFile | string, className: string, opts: BuildOptions = {}): BuiltModel {
  const f = typeof file === 'string' ? readModelFile(file) : file;
  manualSeed(opts.seed ?? 0);
  const net = new IrNetwork(f, className, opts.args ?? [], opts.kwargs ?? {});
  if (!opts.weights) return { net };
  const match = matchStateDict(stateKeys(net), opts.weights, modulePaths(net.root));
  const loadError = loadStateDictError(className, match);
  if (matches(match)) loadWeights(net, opts.weights);
  return { net, match, loadError };
}

/** The model's state_dict() keys and shapes, parameters and buffers in PyTorch's order. */
export function stateKeys(net: IrNetwork): Array<{ key: string; shape: number[] }> {
  return net.stateTensors.map((p) => ({ key: p.key, shape: [...p.tensor.shape] }));
}

/** Every module path of the tree (named_modules() order, the root excluded). */
export function modulePaths(root: ModuleInstance): string[] {
  const out: string[] = [];
  const seen = new Set<ModuleInstance>();
  const walk = (m: ModuleInstance) => {
    if (seen.has(m)) return;
    seen.add(m);
    if (m.path) out.push(m.path);
    m.children.forEach(([, c]) => walk(c));
  };
  walk(root);
  return out;
}

/** Copies a matching state dict's values into the model (float32, as load_state_dict copies into float32 tensors). */
export function loadWeights(net: IrNetwork, weights: StateTensors): void {
  for (const { key, tensor } of net.stateTensors) {
    const w = weights[key];
    if (!w) continue;
    const n = tensor.data.length;
    for (let i = 0; i < n; i++) tensor.data[i] = w.data[i];
  }
}

/** Runs forward on `input` (eval mode unless `train`), recording every step in order. */
export function runSteps(net: IrNetwork, input: Tensor, opts: { train?: boolean; onStep?: (s: ExploreStep) => void } = {}): ExploreRun {
  const steps: ExploreStep[] = [];
  let leaves = 0;
  net.train(!!opts.train);
  net.onStep = (s) => {
    const step = { ...s, index: steps.length, leafIndex: s.kind === 'module' ? leaves++ : undefined };
    steps.push(step);
    opts.onStep?.(step);
  };
  try {
    const output = noGrad(() => net.forward(input));
    return { steps, output };
  } finally {
    net.onStep = undefined;
  }
}
