// A ModelSpec made runnable on the engine: one nn module per layer (PyTorch's default init or a given state dict), the forward chain.
import { nn, type Tensor } from '../core/engine';
import type { LayerSpec, ModelSpec, StateDict } from '../core/protocol/worker';
import { bufferShapes, parameterShapes } from './model-spec';

export interface NamedParameter {
  key: string;
  tensor: Tensor;
}

/** What the trainer needs of a model: a straight chain (Network) or any architecture of the file (SourceNetwork). */
export interface TrainableNetwork {
  readonly parameters: NamedParameter[];
  readonly buffers: NamedParameter[];
  get(key: string): Tensor | undefined;
  train(mode?: boolean): void;
  forward(x: Tensor): { logits: Tensor; firstConv: Tensor | null };
  /** State-dict prefix of the first Conv2d ("conv1"), whose kernels the view shows, or null. */
  firstConvName(): string | null;
  state(): StateDict;
}

export class Network implements TrainableNetwork {
  /** In PyTorch's parameters() order, so optimizer state lines up with a PyTorch run. */
  readonly parameters: NamedParameter[] = [];
  /** BatchNorm's running statistics, saved with the weights. */
  readonly buffers: NamedParameter[] = [];
  private readonly byKey = new Map<string, Tensor>();
  private readonly modules: nn.Module[];

  /** Initialises every parameter by constructing the engine's nn module (call manualSeed first), then overrides from `state`. */
  constructor(
    readonly spec: ModelSpec,
    state?: StateDict,
  ) {
    this.modules = spec.layers.map(moduleFor);
    spec.layers.forEach((layer, i) => {
      const m = this.modules[i];
      const name = (layer as { name?: string }).name;
      for (const [suffix, t] of [...m.namedParameters(), ...m.namedBuffers()]) this.byKey.set(`${name}.${suffix}`, t);
    });
    for (const { key } of parameterShapes(spec)) {
      const t = this.byKey.get(key);
      if (!t) throw new Error(`internal: no parameter ${key}`);
      load(t, key, state);
      this.parameters.push({ key, tensor: t });
    }
    for (const { key } of bufferShapes(spec)) {
      const t = this.byKey.get(key)!;
      load(t, key, state);
      this.buffers.push({ key, tensor: t });
    }
  }

  get(key: string): Tensor | undefined {
    return this.byKey.get(key);
  }

  /** model.train() / model.eval(): batch statistics and dropout masks only in training mode. */
  train(mode = true): void {
    for (const m of this.modules) m.train(mode);
  }

  /** Runs a batch; also returns the activation after the first Conv2d (and its ReLU, if next) for the feature-map view. */
  forward(x: Tensor): { logits: Tensor; firstConv: Tensor | null } {
    let firstConv: Tensor | null = null;
    let seenConv = false;
    const layers = this.spec.layers;
    for (let i = 0; i < layers.length; i++) {
      const l = layers[i];
      x = this.modules[i].forward(x);
      if (l.kind === 'conv2d' && !seenConv) {
        seenConv = true;
        firstConv = layers[i + 1]?.kind === 'relu' ? null : x;
      } else if (l.kind === 'relu' && seenConv && firstConv === null && layers[i - 1]?.kind === 'conv2d') {
        firstConv = x;
      }
    }
    return { logits: x, firstConv };
  }

  firstConvName(): string | null {
    const conv = this.spec.layers.find((l) => l.kind === 'conv2d');
    return conv && conv.kind === 'conv2d' ? conv.name : null;
  }

  /** Parameters and buffers, PyTorch's state_dict keys. */
  state(): StateDict {
    const out: StateDict = {};
    for (const { key, tensor: t } of [...this.parameters, ...this.buffers]) out[key] = { shape: [...t.shape], data: Array.from(t.data) };
    return out;
  }
}

function load(t: Tensor, key: string, state: StateDict | undefined): void {
  const given = state?.[key];
  if (!given) return;
  if (given.data.length !== t.numel) {
    throw new Error(`"${key}" has ${given.data.length} values but the model needs shape [${t.shape.join(', ')}] (${t.numel} values)`);
  }
  t.data.set(Float32Array.from(given.data));
}

/** The engine's nn module for one layer, freshly initialised as PyTorch does. */
function moduleFor(l: LayerSpec): nn.Module {
  switch (l.kind) {
    case 'conv2d':
      return new nn.Conv2d(l.inChannels, l.outChannels, l.kernelSize, {
        stride: l.stride,
        padding: l.padding,
        dilation: l.dilation,
        groups: l.groups,
        bias: l.bias,
        paddingMode: l.paddingMode,
      });
    case 'convTranspose2d':
      return new nn.ConvTranspose2d(l.inChannels, l.outChannels, l.kernelSize, {
        stride: l.stride,
        padding: l.padding,
        outputPadding: l.outputPadding,
        dilation: l.dilation,
        groups: l.groups,
        bias: l.bias,
      });
    case 'linear':
      return new nn.Linear(l.inFeatures, l.outFeatures, l.bias);
    case 'batchNorm2d':
      return new nn.BatchNorm2d(l.numFeatures, { eps: l.eps, momentum: l.momentum, affine: l.affine });
    case 'relu':
      return new nn.ReLU();
    case 'flatten':
      return new nn.Flatten();
    case 'maxPool2d':
      return new nn.MaxPool2d(l);
    case 'avgPool2d':
      return new nn.AvgPool2d(l);
    case 'adaptiveAvgPool2d':
      return new nn.AdaptiveAvgPool2d(l.outputSize);
    case 'dropout':
      return new nn.Dropout(l.p);
    case 'softmax':
      return new nn.Softmax(l.dim);
    case 'logSoftmax':
      return new nn.LogSoftmax(l.dim);
    case 'activation':
      switch (l.fn) {
        case 'leaky_relu':
          return new nn.LeakyReLU(l.param ?? 0.01);
        case 'sigmoid':
          return new nn.Sigmoid();
        case 'tanh':
          return new nn.Tanh();
        case 'gelu':
          return new nn.GELU(l.approximate ?? 'none');
        case 'elu':
          return new nn.ELU(l.param ?? 1);
        case 'silu':
          return new nn.SiLU();
        case 'relu6':
          return new nn.ReLU6();
      }
  }
}
