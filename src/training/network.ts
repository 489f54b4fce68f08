// A ModelSpec made runnable on the engine: its parameters (PyTorch's default init or a given state dict) and the forward chain.
import { conv2d, flatten, linear, maxPool2d, nn, relu, tensor, type Tensor } from '../core/engine';
import type { LayerSpec, ModelSpec, StateDict } from '../core/protocol/worker';
import { parameterShapes } from './model-spec';

export interface NamedParameter {
  key: string;
  tensor: Tensor;
}

export class Network {
  /** In PyTorch's parameters() order, so optimizer state lines up with a PyTorch run. */
  readonly parameters: NamedParameter[] = [];
  private readonly byKey = new Map<string, Tensor>();

  /** Initialises every parameter by constructing the engine's nn module (call manualSeed first), then overrides from `state`. */
  constructor(
    readonly spec: ModelSpec,
    state?: StateDict,
  ) {
    for (const layer of spec.layers) {
      for (const [suffix, t] of freshParameters(layer)) this.byKey.set(`${(layer as { name: string }).name}.${suffix}`, t);
    }
    for (const { key, shape } of parameterShapes(spec)) {
      const given = state?.[key];
      const t = given ? tensor(Float32Array.from(given.data), shape, { requiresGrad: true }) : this.byKey.get(key);
      if (!t) throw new Error(`internal: no parameter ${key}`);
      t.requiresGrad = true;
      this.byKey.set(key, t);
      this.parameters.push({ key, tensor: t });
    }
  }

  get(key: string): Tensor | undefined {
    return this.byKey.get(key);
  }

  /** Runs one image; also returns the activation after the first Conv2d (and its ReLU, if next) for the feature-map view. */
  forward(x: Tensor): { logits: Tensor; firstConv: Tensor | null } {
    let firstConv: Tensor | null = null;
    let seenConv = false;
    const layers = this.spec.layers;
    for (let i = 0; i < layers.length; i++) {
      const l = layers[i];
      x = this.apply(l, x);
      if (l.kind === 'conv2d' && !seenConv) {
        seenConv = true;
        firstConv = layers[i + 1]?.kind === 'relu' ? null : x;
      } else if (l.kind === 'relu' && seenConv && firstConv === null && layers[i - 1]?.kind === 'conv2d') {
        firstConv = x;
      }
    }
    return { logits: x, firstConv };
  }

  private apply(l: LayerSpec, x: Tensor): Tensor {
    switch (l.kind) {
      case 'conv2d':
        return conv2d(x, this.byKey.get(`${l.name}.weight`)!, l.bias ? this.byKey.get(`${l.name}.bias`)! : null, {
          stride: l.stride,
          padding: l.padding,
          dilation: l.dilation,
          groups: l.groups,
          paddingMode: l.paddingMode,
        });
      case 'linear':
        return linear(x, this.byKey.get(`${l.name}.weight`)!, l.bias ? this.byKey.get(`${l.name}.bias`)! : undefined);
      case 'relu':
        return relu(x);
      case 'flatten':
        return flatten(x, 1);
      case 'maxPool2d':
        return maxPool2d(x, { kernelSize: l.kernelSize, stride: l.stride, padding: l.padding });
    }
  }

  state(): StateDict {
    const out: StateDict = {};
    for (const { key, tensor: t } of this.parameters) out[key] = { shape: [...t.shape], data: Array.from(t.data) };
    return out;
  }
}

/** The engine module's freshly initialised weight and bias (PyTorch's kaiming-uniform defaults). */
function freshParameters(l: LayerSpec): Array<[string, Tensor]> {
  if (l.kind === 'conv2d') {
    const m = new nn.Conv2d(l.inChannels, l.outChannels, l.kernelSize, {
      stride: l.stride,
      padding: l.padding,
      dilation: l.dilation,
      groups: l.groups,
      bias: l.bias,
      paddingMode: l.paddingMode,
    });
    return m.bias
      ? [
          ['weight', m.weight],
          ['bias', m.bias],
        ]
      : [['weight', m.weight]];
  }
  if (l.kind === 'linear') {
    const m = new nn.Linear(l.inFeatures, l.outFeatures, l.bias);
    return m.bias
      ? [
          ['weight', m.weight],
          ['bias', m.bias],
        ]
      : [['weight', m.weight]];
  }
  return [];
}
