// Pure helpers over a ModelSpec: a one-line description, shape inference with clear messages, and the state-dict keys.
import { convOutputLength } from '../core/engine/geometry';
import type { LayerSpec, ModelSpec, StateDict } from '../core/protocol/worker';

const pair = (p: [number, number]): string => (p[0] === p[1] ? `${p[0]}` : `(${p[0]}, ${p[1]})`);

export function describeLayer(l: LayerSpec): string {
  switch (l.kind) {
    case 'conv2d': {
      const extra = [
        l.stride[0] !== 1 || l.stride[1] !== 1 ? `stride=${pair(l.stride)}` : '',
        l.padding[0] || l.padding[1] ? `padding=${pair(l.padding)}` : '',
      ]
        .filter(Boolean)
        .join(', ');
      return `Conv2d(${l.inChannels},${l.outChannels},${pair(l.kernelSize)}${extra ? `, ${extra}` : ''})`;
    }
    case 'linear':
      return `Linear(${l.inFeatures},${l.outFeatures})`;
    case 'relu':
      return 'ReLU';
    case 'maxPool2d':
      return `MaxPool2d(${pair(l.kernelSize)})`;
    case 'flatten':
      return 'Flatten';
  }
}

/** "Conv2d(1,10,5) → ReLU → Linear(360,10)" (flatten is implied before a Linear, as in the tutorial's sketch). */
export function describeModel(spec: ModelSpec): string {
  return spec.layers
    .filter((l) => l.kind !== 'flatten')
    .map(describeLayer)
    .join(' → ');
}

/** The learnable tensors' state-dict keys and shapes, in PyTorch's parameters() order. */
export function parameterShapes(spec: ModelSpec): Array<{ key: string; shape: number[] }> {
  const out: Array<{ key: string; shape: number[] }> = [];
  for (const l of spec.layers) {
    if (l.kind === 'conv2d') {
      out.push({ key: `${l.name}.weight`, shape: [l.outChannels, l.inChannels / l.groups, ...l.kernelSize] });
      if (l.bias) out.push({ key: `${l.name}.bias`, shape: [l.outChannels] });
    } else if (l.kind === 'linear') {
      out.push({ key: `${l.name}.weight`, shape: [l.outFeatures, l.inFeatures] });
      if (l.bias) out.push({ key: `${l.name}.bias`, shape: [l.outFeatures] });
    }
  }
  return out;
}

/**
 * Shape after every layer for a batch-1 input, or the first problem as a sentence a user can act on.
 * The engine raises PyTorch's own errors at run time too; this catches them before a worker is started.
 */
export function inferShapes(spec: ModelSpec): { shapes: number[][] } | { error: string } {
  let shape = spec.inputShape.slice();
  const shapes: number[][] = [];
  for (const l of spec.layers) {
    if (l.kind === 'conv2d' || l.kind === 'maxPool2d') {
      if (shape.length !== 4) return { error: `${describeLayer(l)} needs a 4-D input [N, C, H, W] but gets [${shape.join(', ')}]` };
      const [n, c, h, w] = shape;
      if (l.kind === 'conv2d' && c !== l.inChannels)
        return { error: `${describeLayer(l)} expects ${l.inChannels} input channel(s) but gets ${c}` };
      // MaxPool2d (ceil_mode=False) shares the conv formula.
      const dil = l.kind === 'conv2d' ? l.dilation : ([1, 1] as [number, number]);
      const oh = convOutputLength(h, l.padding[0], l.padding[0], dil[0], l.kernelSize[0], l.stride[0]);
      const ow = convOutputLength(w, l.padding[1], l.padding[1], dil[1], l.kernelSize[1], l.stride[1]);
      if (oh < 1 || ow < 1)
        return { error: `${describeLayer(l)}: the ${h}×${w} input is too small for a ${l.kernelSize[0]}×${l.kernelSize[1]} kernel` };
      shape = [n, l.kind === 'conv2d' ? l.outChannels : c, oh, ow];
    } else if (l.kind === 'flatten') {
      shape = [shape[0], shape.slice(1).reduce((a, b) => a * b, 1)];
    } else if (l.kind === 'linear') {
      const features = shape[shape.length - 1];
      if (features !== l.inFeatures) {
        return { error: `${describeLayer(l)} expects ${l.inFeatures} input features but gets ${features} (input [${shape.join(', ')}])` };
      }
      shape = [...shape.slice(0, -1), l.outFeatures];
    }
    shapes.push(shape.slice());
  }
  const last = shape;
  if (last.length !== 2 || last[0] !== 1)
    return { error: `the model should end with logits [1, classes] but ends with [${last.join(', ')}]` };
  return { shapes };
}

/** Number of classes (width of the logits), or 0 if the model does not end with logits. */
export function classCount(spec: ModelSpec): number {
  const r = inferShapes(spec);
  return 'shapes' in r && r.shapes.length ? r.shapes[r.shapes.length - 1][1] : 0;
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
