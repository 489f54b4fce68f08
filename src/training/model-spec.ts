// Pure helpers over a ModelSpec, all from its one instantiated module tree: the description, the state-dict keys and
// shapes, the class count, and whether a state dict fits.
import type { ModelSpec, StateDict } from '../core/protocol/worker';
import { IrNetwork } from '../core/explore/ir-network';

/** "Conv2d(1,10,5) → ReLU → Linear(360,10)" for a chain, else "SmallResNet: 14 layers, 2,171 parameters". */
export function describeModel(spec: ModelSpec): string {
  return spec.source.summary ?? spec.name;
}

/** Parameters (in PyTorch's parameters() order), then buffers, by state-dict key, as the module tree builds them. */
function stateShapes(spec: ModelSpec): {
  parameters: Array<{ key: string; shape: number[] }>;
  buffers: Array<{ key: string; shape: number[] }>;
} {
  const net = IrNetwork.fromSource(spec.source.text, spec.name);
  const shapes = (list: typeof net.parameters) => list.map((p) => ({ key: p.key, shape: [...p.tensor.shape] }));
  return { parameters: shapes(net.parameters), buffers: shapes(net.buffers) };
}

/** The learnable tensors' state-dict keys and shapes, in PyTorch's parameters() order. */
export function parameterShapes(spec: ModelSpec): Array<{ key: string; shape: number[] }> {
  return stateShapes(spec).parameters;
}

/** Every state-dict key: parameters, then buffers (BatchNorm's running statistics). */
export function stateKeys(spec: ModelSpec): string[] {
  const { parameters, buffers } = stateShapes(spec);
  return [...parameters, ...buffers].map((p) => p.key);
}

/** Number of classes (width of the logits). */
export function classCount(spec: ModelSpec): number {
  return spec.source.classes;
}

/** Why `state` cannot initialise `spec` (missing key or wrong shape), or null if it fits. */
export function checkStateDict(spec: ModelSpec, state: StateDict): string | null {
  for (const { key, shape } of parameterShapes(spec)) {
    const t = state[key];
    if (!t)
      return `the weights file has no "${key}" (expected shape [${shape.join(', ')}]); it has ${
        Object.keys(state)
          .map((k) => `"${k}"`)
          .join(', ') || 'no tensors'
      }`;
    if (t.shape.join(',') !== shape.join(','))
      return `"${key}" has shape [${t.shape.join(', ')}] but the model needs [${shape.join(', ')}]`;
    if (t.data.length !== shape.reduce((a, b) => a * b, 1)) return `"${key}" has ${t.data.length} values for shape [${shape.join(', ')}]`;
  }
  return null;
}
