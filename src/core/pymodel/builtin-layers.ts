// The one table of torch.nn layer signatures: PyTorch 1.13's constructor parameters with their defaults, how Python binds
// a call to them (with PyTorch's TypeErrors), and parameter counts. The model IR and the literal finder both bind here.
import { asInt, asPair, type Value } from './values';

type Default = Value | 'required';

const R = 'required' as const;
const i = (v: number): Value => ({ k: 'int', v });
const f = (v: number): Value => ({ k: 'float', v });
const b = (v: boolean): Value => ({ k: 'bool', v });
const s = (v: string): Value => ({ k: 'str', v });
const NONE: Value = { k: 'none' };

/** Constructor parameters in order (device/dtype left out: they do not change shapes). */
export const LAYER_SIGNATURES: Record<string, Array<[string, Default]>> = {
  Conv2d: [
    ['in_channels', R],
    ['out_channels', R],
    ['kernel_size', R],
    ['stride', i(1)],
    ['padding', i(0)],
    ['dilation', i(1)],
    ['groups', i(1)],
    ['bias', b(true)],
    ['padding_mode', s('zeros')],
  ],
  ConvTranspose2d: [
    ['in_channels', R],
    ['out_channels', R],
    ['kernel_size', R],
    ['stride', i(1)],
    ['padding', i(0)],
    ['output_padding', i(0)],
    ['groups', i(1)],
    ['bias', b(true)],
    ['dilation', i(1)],
    ['padding_mode', s('zeros')],
  ],
  Linear: [
    ['in_features', R],
    ['out_features', R],
    ['bias', b(true)],
  ],
  BatchNorm2d: [
    ['num_features', R],
    ['eps', f(1e-5)],
    ['momentum', f(0.1)],
    ['affine', b(true)],
    ['track_running_stats', b(true)],
  ],
  BatchNorm1d: [
    ['num_features', R],
    ['eps', f(1e-5)],
    ['momentum', f(0.1)],
    ['affine', b(true)],
    ['track_running_stats', b(true)],
  ],
  MaxPool2d: [
    ['kernel_size', R],
    ['stride', NONE],
    ['padding', i(0)],
    ['dilation', i(1)],
    ['return_indices', b(false)],
    ['ceil_mode', b(false)],
  ],
  AvgPool2d: [
    ['kernel_size', R],
    ['stride', NONE],
    ['padding', i(0)],
    ['ceil_mode', b(false)],
    ['count_include_pad', b(true)],
    ['divisor_override', NONE],
  ],
  AdaptiveAvgPool2d: [['output_size', R]],
  AdaptiveMaxPool2d: [
    ['output_size', R],
    ['return_indices', b(false)],
  ],
  ReLU: [['inplace', b(false)]],
  ReLU6: [['inplace', b(false)]],
  SiLU: [['inplace', b(false)]],
  LeakyReLU: [
    ['negative_slope', f(0.01)],
    ['inplace', b(false)],
  ],
  ELU: [
    ['alpha', f(1)],
    ['inplace', b(false)],
  ],
  GELU: [['approximate', s('none')]],
  Sigmoid: [],
  Tanh: [],
  Identity: [],
  Softmax: [['dim', NONE]],
  LogSoftmax: [['dim', NONE]],
  Dropout: [
    ['p', f(0.5)],
    ['inplace', b(false)],
  ],
  Dropout2d: [
    ['p', f(0.5)],
    ['inplace', b(false)],
  ],
  Upsample: [
    ['size', NONE],
    ['scale_factor', NONE],
    ['mode', s('nearest')],
    ['align_corners', NONE],
    ['recompute_scale_factor', NONE],
  ],
  Flatten: [
    ['start_dim', i(1)],
    ['end_dim', i(-1)],
  ],
};

/** torch.nn.functional calls bound like layers (the literal finder reads F.conv2d's arguments). */
export const FUNCTION_SIGNATURES: Record<string, Array<[string, Default]>> = {
  conv2d: [
    ['input', R],
    ['weight', R],
    ['bias', NONE],
    ['stride', i(1)],
    ['padding', i(0)],
    ['dilation', i(1)],
    ['groups', i(1)],
  ],
};

/** Layers whose constructor also takes device= and dtype= (PyTorch's factory_kwargs), after their own parameters. */
const FACTORY_KWARGS = new Set(['Conv2d', 'ConvTranspose2d', 'Linear', 'BatchNorm2d', 'BatchNorm1d']);
/** Layers whose __init__ is a base class's, which PyTorch's TypeErrors name. */
const INIT_OWNERS: Record<string, string> = {
  MaxPool2d: '_MaxPoolNd',
  AdaptiveAvgPool2d: '_AdaptiveAvgPoolNd',
  AdaptiveMaxPool2d: '_AdaptiveMaxPoolNd',
  BatchNorm2d: '_BatchNorm',
  BatchNorm1d: '_BatchNorm',
  Dropout: '_DropoutNd',
  Dropout2d: '_DropoutNd',
};

/** A call's arguments bound to parameter names, or Python's TypeError text and the argument it is about (none: the call). */
export type Bound<A> = { bound: Map<string, A> } | { error: string; at?: A };

/**
 * Binds a call of built-in layer `type` (or, with `fn`, of torch.nn.functional.`fn`) as Python binds it, with PyTorch's
 * TypeError for every way that fails. `device`/`dtype` bind too where the layer takes them.
 */
export function bindLayerArguments<A>(type: string, positional: A[], keywords: Array<[string, A]>, fn = false): Bound<A> {
  const sig = fn ? FUNCTION_SIGNATURES[type] : LAYER_SIGNATURES[type];
  const params = [...sig.map(([n]) => n), ...(!fn && FACTORY_KWARGS.has(type) ? ['device', 'dtype'] : [])];
  const required = sig.filter(([, d]) => d === 'required').map(([n]) => n);
  const owner = fn ? `${type}()` : `${INIT_OWNERS[type] ?? type}.__init__()`;
  const self = fn ? 0 : 1;
  if (positional.length > params.length) {
    const lo = required.length + self;
    const hi = params.length + self;
    const given = positional.length + self;
    return {
      error: `${owner} takes ${lo === hi ? hi : `from ${lo} to ${hi}`} positional argument${hi === 1 ? '' : 's'} but ${given} ${given === 1 ? 'was' : 'were'} given`,
      at: positional[params.length],
    };
  }
  const bound = new Map<string, A>();
  positional.forEach((a, k) => bound.set(params[k], a));
  for (const [name, a] of keywords) {
    if (!params.includes(name)) return { error: `${owner} got an unexpected keyword argument '${name}'`, at: a };
    if (bound.has(name)) return { error: `${owner} got multiple values for argument '${name}'`, at: a };
    bound.set(name, a);
  }
  const missing = required.filter((n) => !bound.has(n)).map((n) => `'${n}'`);
  if (missing.length) {
    const list =
      missing.length === 1 ? missing[0] : `${missing.slice(0, -1).join(', ')}${missing.length > 2 ? ',' : ''} and ${missing.at(-1)}`;
    return { error: `${owner} missing ${missing.length} required positional argument${missing.length > 1 ? 's' : ''}: ${list}` };
  }
  return { bound };
}

export function isBuiltinLayer(type: string): boolean {
  return Object.prototype.hasOwnProperty.call(LAYER_SIGNATURES, type);
}

/** Learnable parameters of one built-in layer (its own, not its children's), as sum(p.numel()) counts them. */
export function ownParameterCount(type: string, args: Record<string, Value>): number {
  const n = (k: string): number => asInt(args[k]) ?? 0;
  const bias = args.bias?.k === 'bool' ? args.bias.v : true;
  switch (type) {
    case 'Conv2d':
    case 'ConvTranspose2d': {
      const [kh, kw] = asPair(args.kernel_size) ?? [0, 0];
      const groups = n('groups') || 1;
      const weight = type === 'Conv2d' ? n('out_channels') * (n('in_channels') / groups) : n('in_channels') * (n('out_channels') / groups);
      return weight * kh * kw + (bias ? n('out_channels') : 0);
    }
    case 'Linear':
      return n('in_features') * n('out_features') + (bias ? n('out_features') : 0);
    case 'BatchNorm2d':
    case 'BatchNorm1d':
      return args.affine?.k === 'bool' && !args.affine.v ? 0 : 2 * n('num_features');
    default:
      return 0;
  }
}
