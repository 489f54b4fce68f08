// Engine modules for the built-in layers of the Python model IR (src/core/pymodel): one nn module per ModuleInstance,
// from its bound constructor arguments; layers training cannot run say so plainly.
import { nn } from '../engine';
import { Stop } from '../pymodel';
import { asInt, asPair, type ModuleInstance, type Value } from '../pymodel/values';

const pairOr = (v: Value | undefined, fallback: [number, number]): [number, number] =>
  v && v.k !== 'none' ? (asPair(v) ?? fallback) : fallback;
const num = (v: Value | undefined, fallback: number): number => (v && (v.k === 'int' || v.k === 'float') ? v.v : fallback);
const bool = (v: Value | undefined, fallback: boolean): boolean => (v && v.k === 'bool' ? v.v : fallback);
const str = (v: Value | undefined, fallback: string): string => (v && v.k === 'str' ? v.v : fallback);

/** PyTorch's legacy implicit softmax dim (dim=None): 0 for 0-, 1- and 3-D input, else 1. */
export class ImplicitDimSoftmax extends nn.Module {
  constructor(private readonly log: boolean) {
    super();
  }
  forward(x: import('../engine').Tensor) {
    const dim = x.ndim === 0 || x.ndim === 1 || x.ndim === 3 ? 0 : 1;
    return this.log ? new nn.LogSoftmax(dim).forward(x) : new nn.Softmax(dim).forward(x);
  }
}

class Identity extends nn.Module {
  forward(x: import('../engine').Tensor) {
    return x;
  }
}

/** The engine module of a built-in layer; throws Stop (with the layer's line) for one training cannot run. */
export function engineModule(m: ModuleInstance): nn.Module {
  const a = m.args;
  const need = (key: string): number => {
    const v = asInt(a[key]);
    if (v === undefined) throw new Stop(`${m.type} argument ${key} is not a constant whole number`, m.line);
    return v;
  };
  switch (m.type) {
    case 'Conv2d': {
      const padding = a.padding?.k === 'str' ? (a.padding.v as 'same' | 'valid') : pairOr(a.padding, [0, 0]);
      return new nn.Conv2d(need('in_channels'), need('out_channels'), pairOr(a.kernel_size, [1, 1]), {
        stride: pairOr(a.stride, [1, 1]),
        padding,
        dilation: pairOr(a.dilation, [1, 1]),
        groups: num(a.groups, 1),
        bias: bool(a.bias, true),
        paddingMode: str(a.padding_mode, 'zeros') as 'zeros',
      });
    }
    case 'ConvTranspose2d':
      return new nn.ConvTranspose2d(need('in_channels'), need('out_channels'), pairOr(a.kernel_size, [1, 1]), {
        stride: pairOr(a.stride, [1, 1]),
        padding: pairOr(a.padding, [0, 0]),
        outputPadding: pairOr(a.output_padding, [0, 0]),
        dilation: pairOr(a.dilation, [1, 1]),
        groups: num(a.groups, 1),
        bias: bool(a.bias, true),
      });
    case 'Linear':
      return new nn.Linear(need('in_features'), need('out_features'), bool(a.bias, true));
    case 'BatchNorm2d':
      return new nn.BatchNorm2d(need('num_features'), {
        eps: num(a.eps, 1e-5),
        momentum: a.momentum?.k === 'none' ? null : num(a.momentum, 0.1),
        affine: bool(a.affine, true),
        trackRunningStats: bool(a.track_running_stats, true),
      });
    case 'MaxPool2d': {
      if (bool(a.return_indices, false)) throw new Stop('MaxPool2d(return_indices=True) is not supported for training', m.line);
      const k = pairOr(a.kernel_size, [1, 1]);
      return new nn.MaxPool2d(k, pairOr(a.stride, k), pairOr(a.padding, [0, 0]), pairOr(a.dilation, [1, 1]), bool(a.ceil_mode, false));
    }
    case 'AvgPool2d': {
      if (a.divisor_override && a.divisor_override.k !== 'none') throw new Stop('AvgPool2d(divisor_override=…) is not supported', m.line);
      const k = pairOr(a.kernel_size, [1, 1]);
      return new nn.AvgPool2d(k, pairOr(a.stride, k), pairOr(a.padding, [0, 0]), bool(a.ceil_mode, false), bool(a.count_include_pad, true));
    }
    case 'AdaptiveAvgPool2d': {
      const o = a.output_size;
      if (o?.k === 'tuple') return new nn.AdaptiveAvgPool2d(o.items.map((v) => (v.k === 'none' ? null : (asInt(v) ?? 1))));
      return new nn.AdaptiveAvgPool2d(need('output_size'));
    }
    case 'ReLU':
      return new nn.ReLU();
    case 'ReLU6':
      return new nn.ReLU6();
    case 'SiLU':
      return new nn.SiLU();
    case 'LeakyReLU':
      return new nn.LeakyReLU(num(a.negative_slope, 0.01));
    case 'ELU':
      return new nn.ELU(num(a.alpha, 1));
    case 'GELU':
      return new nn.GELU(str(a.approximate, 'none') as 'none' | 'tanh');
    case 'Sigmoid':
      return new nn.Sigmoid();
    case 'Tanh':
      return new nn.Tanh();
    case 'Identity':
      return new Identity();
    case 'Softmax':
    case 'LogSoftmax': {
      if (!a.dim || a.dim.k === 'none') return new ImplicitDimSoftmax(m.type === 'LogSoftmax');
      return m.type === 'Softmax' ? new nn.Softmax(need('dim')) : new nn.LogSoftmax(need('dim'));
    }
    case 'Dropout':
      return new nn.Dropout(num(a.p, 0.5));
    case 'Flatten':
      return new nn.Flatten(num(a.start_dim, 1), num(a.end_dim, -1));
    default:
      throw new Stop(`nn.${m.type} is not supported for training yet`, m.line);
  }
}
