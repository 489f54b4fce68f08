// Reading a PyTorch-style state dict from JSON (ours, the goldens' initial_state, or nested lists) and exporting trained weights.
import { errorMessage } from '../core/error-message';
import type { ModelSpec, StateDict } from '../core/protocol/worker';
import type { WireTensor } from '../core/protocol/convolution';
import { formatTorchTensor } from '../core/render/tensor-format';
import { shortestFloat32 } from '../core/render/decimal';
import { checkStateDict, stateKeys } from './model-spec';

/**
 * Accepts `{ "conv1.weight": {shape, data} | nested list, ... }`, the same under `initial_state` / `state_dict`,
 * or a goldens file (`cases[0].initial_state`). Returns the state dict or a message saying what is wrong.
 */
export function parseStateDict(json: string, spec: ModelSpec): { state: StateDict } | { error: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (e) {
    return { error: `not valid JSON: ${errorMessage(e)}` };
  }
  const root = findStateObject(raw);
  if (!root) return { error: 'no state dict found: expected an object of "layer.weight" tensors (or one under "initial_state")' };
  const state: StateDict = {};
  for (const [key, value] of Object.entries(root)) {
    const t = toWireTensor(value);
    if (typeof t === 'string') return { error: `"${key}": ${t}` };
    state[key] = t;
  }
  const problem = checkStateDict(spec, state);
  return problem ? { error: problem } : { state };
}

function findStateObject(raw: unknown): Record<string, unknown> | null {
  if (!isObject(raw)) return null;
  if (Array.isArray(raw.cases) && isObject(raw.cases[0])) return findStateObject(raw.cases[0]);
  for (const k of ['initial_state', 'state_dict', 'state']) if (isObject(raw[k])) return raw[k] as Record<string, unknown>;
  return Object.keys(raw).some((k) => k.includes('.')) ? raw : null;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function toWireTensor(v: unknown): WireTensor | string {
  if (isObject(v) && Array.isArray(v.shape) && Array.isArray(v.data)) {
    const shape = v.shape as unknown[];
    const data = v.data as unknown[];
    if (!shape.every((d) => Number.isInteger(d) && (d as number) >= 0)) return 'shape must be a list of non-negative integers';
    if (!data.every((x) => typeof x === 'number')) return 'data must be a flat list of numbers';
    return { shape: shape as number[], data: data as number[] };
  }
  if (Array.isArray(v) || typeof v === 'number') {
    const shape: number[] = [];
    for (let cur: unknown = v; Array.isArray(cur); cur = cur[0]) shape.push(cur.length);
    const data: number[] = [];
    const walk = (x: unknown, dim: number): boolean => {
      if (dim === shape.length) return typeof x === 'number' && (data.push(x), true);
      return Array.isArray(x) && x.length === shape[dim] && x.every((y) => walk(y, dim + 1));
    };
    return walk(v, 0) ? { shape, data } : 'nested lists must be rectangular and hold numbers';
  }
  return 'expected {"shape": [...], "data": [...]} or nested lists of numbers';
}

/** Our JSON export: `{ "conv1.weight": {"shape": [...], "data": [...]}, ... }` with float32-exact numbers. */
export function stateDictToJson(state: StateDict): string {
  const entries = Object.entries(state).map(
    ([key, t]) =>
      `  ${JSON.stringify(key)}: {"shape": [${t.shape.join(', ')}], "data": [${t.data.map((x) => shortestFloat32(x)).join(', ')}]}`,
  );
  return `{\n${entries.join(',\n')}\n}\n`;
}

/** Python that loads the weights into the user's model: `model.conv1.weight.data = torch.tensor(...)`. */
export function stateDictToPython(state: StateDict, spec: ModelSpec, modelVar = 'model'): string {
  const lines = [`# Weights of ${spec.name} trained by Tensor Lens. Run after \`${modelVar} = ${spec.name}()\`.`, 'import torch', ''];
  for (const key of stateKeys(spec)) {
    const t = state[key];
    if (!t) continue;
    if (key.endsWith('num_batches_tracked')) {
      lines.push(`${modelVar}${pythonPath(key)}.fill_(${Math.round(t.data[0] ?? 0)})`);
      continue;
    }
    const prefix = `${modelVar}${pythonPath(key)}.data = torch.tensor(`;
    lines.push(formatTorchTensor(t.shape, t.data, { prefix, precision: 'round-trip' }));
  }
  return `${lines.join('\n')}\n`;
}

/** "features.0.weight" → ".features[0].weight": Sequential children are indexed, not attributes. */
export function pythonPath(key: string): string {
  return key
    .split('.')
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
    .join('');
}
