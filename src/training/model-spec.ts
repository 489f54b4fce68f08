// Pure helpers over a ModelSpec: a one-line description, shape inference with clear messages, and the state-dict keys.
import {
  TorchError,
  adaptiveAvgPool2dGeometry,
  avgPool2dGeometry,
  conv2dGeometry,
  convTranspose2dGeometry,
  maxPool2dGeometry,
} from '../core/engine';
import type { ActivationName, LayerSpec, ModelSpec, StateDict } from '../core/protocol/worker';
import { IrNetwork } from '../core/explore/ir-network';

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
    case 'convTranspose2d': {
      const extra = [
        l.stride[0] !== 1 || l.stride[1] !== 1 ? `stride=${pair(l.stride)}` : '',
        l.padding[0] || l.padding[1] ? `padding=${pair(l.padding)}` : '',
        l.outputPadding[0] || l.outputPadding[1] ? `output_padding=${pair(l.outputPadding)}` : '',
      ]
        .filter(Boolean)
        .join(', ');
      return `ConvTranspose2d(${l.inChannels},${l.outChannels},${pair(l.kernelSize)}${extra ? `, ${extra}` : ''})`;
    }
    case 'linear':
      return `Linear(${l.inFeatures},${l.outFeatures})`;
    case 'relu':
      return 'ReLU';
    case 'maxPool2d':
      return `MaxPool2d(${pair(l.kernelSize)})`;
    case 'avgPool2d':
      return `AvgPool2d(${pair(l.kernelSize)})`;
    case 'adaptiveAvgPool2d':
      return `AdaptiveAvgPool2d(${l.outputSize.map((v) => v ?? 'None').join(', ')})`;
    case 'batchNorm2d':
      return `BatchNorm2d(${l.numFeatures})`;
    case 'dropout':
      return `Dropout(${l.p})`;
    case 'activation':
      return ACTIVATION_NAMES[l.fn];
    case 'softmax':
      return `Softmax(dim=${l.dim})`;
    case 'logSoftmax':
      return `LogSoftmax(dim=${l.dim})`;
    case 'flatten':
      return 'Flatten';
  }
}

const ACTIVATION_NAMES: Record<ActivationName, string> = {
  leaky_relu: 'LeakyReLU',
  sigmoid: 'Sigmoid',
  tanh: 'Tanh',
  gelu: 'GELU',
  elu: 'ELU',
  silu: 'SiLU',
  relu6: 'ReLU6',
};

/** "Conv2d(1,10,5) → ReLU → Linear(360,10)" (flatten is implied before a Linear, as in the tutorial's sketch). */
export function describeModel(spec: ModelSpec): string {
  if (spec.source) return spec.source.summary ?? spec.name;
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
    } else if (l.kind === 'convTranspose2d') {
      out.push({ key: `${l.name}.weight`, shape: [l.inChannels, l.outChannels / l.groups, ...l.kernelSize] });
      if (l.bias) out.push({ key: `${l.name}.bias`, shape: [l.outChannels] });
    } else if (l.kind === 'linear') {
      out.push({ key: `${l.name}.weight`, shape: [l.outFeatures, l.inFeatures] });
      if (l.bias) out.push({ key: `${l.name}.bias`, shape: [l.outFeatures] });
    } else if (l.kind === 'batchNorm2d' && l.affine) {
      out.push({ key: `${l.name}.weight`, shape: [l.numFeatures] }, { key: `${l.name}.bias`, shape: [l.numFeatures] });
    }
  }
  return out;
}

/** Buffers (BatchNorm's running statistics) with their state-dict keys: loaded when given, kept at their defaults otherwise. */
export function bufferShapes(spec: ModelSpec): Array<{ key: string; shape: number[] }> {
  return spec.layers.flatMap((l) =>
    l.kind === 'batchNorm2d'
      ? [
          { key: `${l.name}.running_mean`, shape: [l.numFeatures] },
          { key: `${l.name}.running_var`, shape: [l.numFeatures] },
          { key: `${l.name}.num_batches_tracked`, shape: [] },
        ]
      : [],
  );
}

/**
 * Shape after every layer for a batch-1 input, or the first problem as a sentence a user can act on, with PyTorch's
 * own message where PyTorch would raise one (the geometry modules hold those checks).
 */
export function inferShapes(spec: ModelSpec): { shapes: number[][] } | { error: string } {
  // A model read through the IR was checked by the static shape flow when it was read (model-from-source.ts).
  if (spec.source) return { shapes: [[1, spec.source.classes]] };
  let shape = spec.inputShape.slice();
  const shapes: number[][] = [];
  for (const l of spec.layers) {
    if (l.kind === 'linear' && shape[shape.length - 1] !== l.inFeatures) {
      const features = shape[shape.length - 1];
      const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
      return {
        error: `${describeLayer(l)} expects ${l.inFeatures} input features but gets ${features} (input [${shape.join(', ')}]; PyTorch: mat1 and mat2 shapes cannot be multiplied (${rows}x${features} and ${l.inFeatures}x${l.outFeatures}))`,
      };
    }
    try {
      shape = layerOutputShape(l, shape);
    } catch (e) {
      if (e instanceof TorchError) return { error: `${describeLayer(l)} on input [${shape.join(', ')}]: ${e.message}` };
      throw e;
    }
    shapes.push(shape.slice());
  }
  const last = shape;
  if (last.length !== 2 || last[0] !== 1)
    return { error: `the model should end with logits [1, classes] but ends with [${last.join(', ')}]` };
  return { shapes };
}

function layerOutputShape(l: LayerSpec, shape: number[]): number[] {
  switch (l.kind) {
    case 'conv2d':
      return conv2dGeometry(
        shape,
        [l.outChannels, l.inChannels / l.groups, ...l.kernelSize],
        { stride: l.stride, padding: l.padding, dilation: l.dilation, groups: l.groups, paddingMode: l.paddingMode },
        l.bias ? [l.outChannels] : null,
      ).outputShape;
    case 'convTranspose2d':
      return convTranspose2dGeometry(
        shape,
        [l.inChannels, l.outChannels / l.groups, ...l.kernelSize],
        { stride: l.stride, padding: l.padding, outputPadding: l.outputPadding, dilation: l.dilation, groups: l.groups },
        l.bias ? [l.outChannels] : null,
      ).outputShape;
    case 'maxPool2d':
      return maxPool2dGeometry(shape, l).outputShape;
    case 'avgPool2d':
      return avgPool2dGeometry(shape, l).outputShape;
    case 'adaptiveAvgPool2d':
      return adaptiveAvgPool2dGeometry(shape, l.outputSize).outputShape;
    case 'batchNorm2d':
      if (shape.length !== 4) throw new TorchError('ValueError', `expected 4D input (got ${shape.length}D input)`);
      if (shape[1] !== l.numFeatures) {
        throw new TorchError('RuntimeError', `running_mean should contain ${shape[1]} elements not ${l.numFeatures}`);
      }
      return shape;
    case 'flatten':
      return [shape[0], shape.slice(1).reduce((a, b) => a * b, 1)];
    case 'linear':
      return [...shape.slice(0, -1), l.outFeatures];
    default:
      return shape;
  }
}

/** Number of classes (width of the logits), or 0 if the model does not end with logits. */
export function classCount(spec: ModelSpec): number {
  if (spec.source) return spec.source.classes;
  const r = inferShapes(spec);
  return 'shapes' in r && r.shapes.length ? r.shapes[r.shapes.length - 1][1] : 0;
}

/** Why `state` cannot initialise `spec` (missing key or wrong shape), or null if it fits. */
export function checkStateDict(spec: ModelSpec, state: StateDict): string | null {
  const expected = spec.source
    ? IrNetwork.fromSource(spec.source.text, spec.name).parameters.map((p) => ({ key: p.key, shape: [...p.tensor.shape] }))
    : parameterShapes(spec);
  for (const { key, shape } of expected) {
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
