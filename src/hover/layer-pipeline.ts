// Shapes through a model: each layer's input (its call site, else the previous layer of the same model) and output or error.
import { checkConv2dModuleArgs, conv2dGeometry, maxPool2d, zeros, type Conv2dGeometry } from '../core/engine';
import type { LayerCall } from '../core/literals/types';
import { flattenShape } from '../core/literals/shape-ops';
import { errorText } from './feature-map';
import { firstCall, traceShape, type DocModel, type ShapeTrace } from './layer-inputs';

export type Outcome = { shape: number[]; geometry?: Conv2dGeometry; flattenedFrom?: number[] } | { error: string };

const MAX_POOL_PROBE = 1 << 22;

/** Weight shape of a Conv2d / F.conv2d layer, when its channels and kernel size are known. */
export function convWeightShape(layer: LayerCall): number[] | undefined {
  const c = layer.conv;
  if (!c || c.inChannels === undefined || c.outChannels === undefined || !c.kernelSize) return undefined;
  return [c.outChannels, Math.floor(c.inChannels / Math.max(1, c.groups)), c.kernelSize[0], c.kernelSize[1]];
}

function convOptions(layer: LayerCall) {
  const c = layer.conv!;
  return { stride: c.stride, padding: c.padding, dilation: c.dilation, groups: c.groups, paddingMode: c.paddingMode };
}

/** nn.Conv2d's constructor check (ValueError), if it would raise one. */
export function constructorError(layer: LayerCall): string | undefined {
  const c = layer.conv;
  if (layer.layer !== 'Conv2d' || !c || c.inChannels === undefined || c.outChannels === undefined) return undefined;
  try {
    checkConv2dModuleArgs(c.inChannels, c.outChannels, convOptions(layer));
  } catch (e) {
    return errorText(e);
  }
  // Then torch.empty(weight shape) in _ConvNd.__init__: a negative size can't be allocated.
  const w = convWeightShape(layer);
  const negative = w?.find((d) => d < 0);
  if (w && negative !== undefined) return `RuntimeError: Trying to create tensor with negative dimension ${negative}: [${w.join(', ')}]`;
  return undefined;
}

/**
 * An error the layer raises at construction or on every forward, whatever the input (kernel size 0, stride 0,
 * negative padding, dilation 0, no output channels): the hover shows it instead of a weight summary and a formula.
 */
export function layerError(layer: LayerCall): string | undefined {
  const ctor = constructorError(layer);
  if (ctor) return ctor;
  const c = layer.conv;
  const w = convWeightShape(layer);
  if (!c || !w || c.inChannels === undefined) return undefined;
  // A probe input large enough for any window this layer has, so only input-independent checks can fail.
  const side = Math.max(...c.dilation.map((d, k) => Math.abs(d) * (Math.abs(w[2 + k]) + 1) + 1), 1) + 2;
  const out = layerOutcome(layer, [1, c.inChannels, side, side], w);
  return out && 'error' in out ? out.error : undefined;
}

/** What a layer makes of an input shape, with PyTorch's error text if it would fail. */
export function layerOutcome(layer: LayerCall, input: readonly number[], weight?: readonly number[]): Outcome | undefined {
  try {
    switch (layer.layer) {
      case 'Conv2d':
      case 'conv2d': {
        const w = weight ?? convWeightShape(layer);
        if (!w) return undefined;
        const bias = layer.layer === 'Conv2d' && layer.conv?.bias ? [w[0]] : null;
        const g = conv2dGeometry(input, w, convOptions(layer), bias);
        return { shape: g.outputShape, geometry: g };
      }
      case 'MaxPool2d': {
        const p = layer.maxPool!;
        if (input.reduce((a, b) => a * b, 1) > MAX_POOL_PROBE) return undefined;
        return { shape: [...maxPool2d(zeros(input), { kernelSize: p.kernelSize, stride: p.stride, padding: p.padding }).shape] };
      }
      case 'ReLU':
        return { shape: [...input] };
      case 'Flatten':
        return { shape: flattenShape(input, layer.flatten?.startDim ?? 1, layer.flatten?.endDim ?? -1) };
      case 'Linear': {
        const l = layer.linear!;
        // Models flatten conv features (x.view(N, -1)) before their classifier; the hover assumes so.
        const flat = input.length > 2 ? [input[0], input.slice(1).reduce((a, b) => a * b, 1)] : [...input];
        const features = flat[flat.length - 1];
        if (features !== l.inFeatures) {
          const rows = flat.length > 1 ? flat.slice(0, -1).reduce((a, b) => a * b, 1) : 1;
          return {
            error: `RuntimeError: mat1 and mat2 shapes cannot be multiplied (${rows}x${features} and ${l.inFeatures}x${l.outFeatures})`,
          };
        }
        return { shape: [...flat.slice(0, -1), l.outFeatures], flattenedFrom: input.length > 2 ? [...input] : undefined };
      }
    }
  } catch (e) {
    return { error: errorText(e) };
  }
}

/** Layers of the same model follow each other: both `self.*` attributes, or both unnamed (inside nn.Sequential). */
function sameModel(a: LayerCall, b: LayerCall): boolean {
  return (a.name?.startsWith('self.') && b.name?.startsWith('self.')) || (!a.name && !b.name);
}

export interface LayerInput {
  trace: NonNullable<ShapeTrace>;
  /** The layer whose output this is, when it came from the model's previous layer. */
  from?: LayerCall;
}

/** The input of layers[i]: its call site's argument if it can be traced, else the previous layer's output. */
export function inputOf(model: DocModel, layers: LayerCall[], i: number, depth = 0): LayerInput | undefined {
  const layer = layers[i];
  if (layer.layer === 'conv2d') {
    const t = layer.conv?.inputExpr ? traceShape(model, layer.conv.inputExpr, layer.range.start) : undefined;
    return t ? { trace: t } : undefined;
  }
  if (layer.name) {
    const call = firstCall(model.text, layer.name, layer.range.end);
    const t = call ? traceShape(model, call.arg, call.at) : undefined;
    if (t) return { trace: t };
  }
  if (i === 0 || depth > 24 || !sameModel(layers[i - 1], layer)) return undefined;
  const prev = outputOf(model, layers, i - 1, depth + 1);
  if (!prev || 'error' in prev) return undefined;
  return { trace: { shape: prev.shape, via: `output of ${layers[i - 1].name ?? `nn.${layers[i - 1].layer}`}` }, from: layers[i - 1] };
}

export function outputOf(model: DocModel, layers: LayerCall[], i: number, depth = 0): Outcome | undefined {
  const input = inputOf(model, layers, i, depth);
  if (!input || 'error' in input.trace) return undefined;
  return layerOutcome(layers[i], input.trace.shape, weightOf(model, layers[i]));
}

/** F.conv2d's weight traced from its argument; nn.Conv2d's from its constructor. */
export function weightOf(model: DocModel, layer: LayerCall): number[] | undefined {
  if (layer.layer !== 'conv2d') return convWeightShape(layer);
  const t = layer.conv?.weightExpr ? traceShape(model, layer.conv.weightExpr, layer.range.start) : undefined;
  return t && !('error' in t) ? t.shape : undefined;
}

/** The next nn.Linear of the same model after layers[i] (no other Linear in between). */
export function nextLinear(layers: LayerCall[], i: number): number | undefined {
  for (let j = i + 1; j < layers.length; j++) {
    if (!sameModel(layers[j - 1], layers[j])) return undefined;
    if (layers[j].layer === 'Linear') return j;
  }
  return undefined;
}
