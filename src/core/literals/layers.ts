// Layer calls: nn.Conv2d / F.conv2d / nn.Linear / nn.ReLU / nn.MaxPool2d / nn.Flatten bound like Python binds them.
import { intPair, intValue, parseArgs, type Arg, type ArgValue } from './args';
import { ParseFailure, Source } from './source';
import type { LayerCall, LayerType } from './types';

interface Signature {
  layer: LayerType;
  /** Name in Python's TypeError messages. */
  owner: string;
  params: string[];
  required: number;
}

const CONV: Signature = {
  layer: 'Conv2d',
  owner: 'Conv2d.__init__()',
  required: 3,
  params: [
    'in_channels',
    'out_channels',
    'kernel_size',
    'stride',
    'padding',
    'dilation',
    'groups',
    'bias',
    'padding_mode',
    'device',
    'dtype',
  ],
};
const FCONV: Signature = {
  layer: 'conv2d',
  owner: 'conv2d()',
  required: 2,
  params: ['input', 'weight', 'bias', 'stride', 'padding', 'dilation', 'groups'],
};
const LINEAR: Signature = {
  layer: 'Linear',
  owner: 'Linear.__init__()',
  required: 2,
  params: ['in_features', 'out_features', 'bias', 'device', 'dtype'],
};
const RELU: Signature = { layer: 'ReLU', owner: 'ReLU.__init__()', required: 0, params: ['inplace'] };
const MAXPOOL: Signature = {
  layer: 'MaxPool2d',
  owner: '_MaxPoolNd.__init__()',
  required: 1,
  params: ['kernel_size', 'stride', 'padding', 'dilation', 'return_indices', 'ceil_mode'],
};
const FLATTEN: Signature = { layer: 'Flatten', owner: 'Flatten.__init__()', required: 0, params: ['start_dim', 'end_dim'] };

const SIGNATURES: Record<string, Signature> = {};
for (const prefix of ['nn.', 'torch.nn.', '']) {
  SIGNATURES[`${prefix}Conv2d`] = CONV;
  SIGNATURES[`${prefix}Linear`] = LINEAR;
  SIGNATURES[`${prefix}ReLU`] = RELU;
  SIGNATURES[`${prefix}MaxPool2d`] = MAXPOOL;
  SIGNATURES[`${prefix}Flatten`] = FLATTEN;
}
for (const name of ['F.conv2d', 'torch.nn.functional.conv2d', 'nn.functional.conv2d', 'torch.conv2d', 'functional.conv2d'])
  SIGNATURES[name] = FCONV;

export function isLayerName(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(SIGNATURES, name);
}

const PADDING_MODES = ['zeros', 'reflect', 'replicate', 'circular'] as const;

/** Parses the layer call whose name starts at the cursor, or returns null (cursor unchanged) if it is not one. */
export function parseLayerAt(src: Source): LayerCall | null {
  src.skipTrivia();
  const start = src.pos;
  const name = src.dottedName();
  const sig = isLayerName(name) ? SIGNATURES[name] : undefined;
  src.skipTrivia();
  if (!sig || src.code() !== 40) {
    src.pos = start;
    return null;
  }
  const open = src.pos;
  src.pos++;
  const args = parseArgs(src, open);
  const range = { start, end: src.pos };
  const bound = bind(sig, args, range);
  const unresolved: string[] = [];
  const get = <T>(param: string, fallback: T, read: (v: ArgValue, a: Arg, param: string) => T | undefined): T => {
    const a = bound.get(param);
    if (!a) return fallback;
    const v = read(a.value, a, param);
    if (v === undefined) {
      unresolved.push(param);
      return fallback;
    }
    return v;
  };
  const call: LayerCall = { kind: 'layer', range, layer: sig.layer };
  const pair = (v: ArgValue, a: Arg, param: string): [number, number] | undefined => {
    if (v.kind === 'tuple' && v.items.length !== 2) throw new ParseFailure(`${param} must be an int or a pair of ints`, a);
    return intPair(v);
  };
  if (sig === CONV || sig === FCONV) {
    const kernel = sig === CONV ? get<[number, number] | undefined>('kernel_size', undefined, pair) : undefined;
    call.conv = {
      inChannels: sig === CONV ? get<number | undefined>('in_channels', undefined, intValue) : undefined,
      outChannels: sig === CONV ? get<number | undefined>('out_channels', undefined, intValue) : undefined,
      kernelSize: kernel,
      stride: get<[number, number]>('stride', [1, 1], pair),
      padding: get<[number, number] | 'same' | 'valid'>('padding', [0, 0], (v, a) => padding(v, a)),
      dilation: get<[number, number]>('dilation', [1, 1], pair),
      groups: get('groups', 1, intValue),
      bias: sig === CONV ? get('bias', true, boolValue) : bound.has('bias') && bound.get('bias')!.value.kind !== 'none',
      paddingMode: sig === CONV ? get<(typeof PADDING_MODES)[number]>('padding_mode', 'zeros', paddingMode) : 'zeros',
    };
    if (sig === FCONV) {
      call.conv.inputExpr = bound.get('input')!.text;
      call.conv.weightExpr = bound.get('weight')!.text;
    }
  } else if (sig === LINEAR) {
    call.linear = {
      inFeatures: get('in_features', NaN, intValue),
      outFeatures: get('out_features', NaN, intValue),
      bias: get('bias', true, boolValue),
    };
  } else if (sig === MAXPOOL) {
    const kernelSize = get<[number, number]>('kernel_size', [NaN, NaN], pair);
    const strideArg = bound.get('stride');
    const stride = strideArg && strideArg.value.kind !== 'none' ? get<[number, number]>('stride', kernelSize, pair) : kernelSize;
    call.maxPool = { kernelSize, stride, padding: get<[number, number]>('padding', [0, 0], pair) };
  } else if (sig === FLATTEN) {
    call.flatten = { startDim: get('start_dim', 1, intValue), endDim: get('end_dim', -1, intValue) };
  }
  if (unresolved.length) call.unresolved = unresolved.sort((a, b) => sig.params.indexOf(a) - sig.params.indexOf(b));
  return call;
}

/** Assigns arguments to parameters with Python's TypeError messages for every way that can fail. */
function bind(sig: Signature, args: Arg[], range: { start: number; end: number }): Map<string, Arg> {
  const bound = new Map<string, Arg>();
  const positional = args.filter((a) => !a.name);
  const isMethod = sig.owner.includes('__init__');
  const selfCount = isMethod ? 1 : 0;
  if (positional.length > sig.params.length) {
    const lo = sig.required + selfCount;
    const hi = sig.params.length + selfCount;
    const takes = lo === hi ? `${hi}` : `from ${lo} to ${hi}`;
    throw new ParseFailure(
      `${sig.owner} takes ${takes} positional argument${hi === 1 ? '' : 's'} but ${positional.length + selfCount} ${positional.length + selfCount === 1 ? 'was' : 'were'} given`,
      positional[sig.params.length],
    );
  }
  positional.forEach((a, i) => bound.set(sig.params[i], a));
  for (const a of args) {
    if (!a.name) continue;
    if (!sig.params.includes(a.name)) throw new ParseFailure(`${sig.owner} got an unexpected keyword argument '${a.name}'`, a);
    if (bound.has(a.name)) throw new ParseFailure(`${sig.owner} got multiple values for argument '${a.name}'`, a);
    bound.set(a.name, a);
  }
  const missing = sig.params.slice(0, sig.required).filter((p) => !bound.has(p));
  if (missing.length) {
    const quoted = missing.map((m) => `'${m}'`);
    const list =
      quoted.length === 1
        ? quoted[0]
        : quoted.length === 2
          ? quoted.join(' and ')
          : `${quoted.slice(0, -1).join(', ')}, and ${quoted[quoted.length - 1]}`;
    throw new ParseFailure(
      `${sig.owner} missing ${missing.length} required positional argument${missing.length === 1 ? '' : 's'}: ${list}`,
      range,
    );
  }
  return bound;
}

function boolValue(v: ArgValue): boolean | undefined {
  if (v.kind === 'number') return v.value !== 0;
  if (v.kind === 'none') return false;
  return undefined;
}

function padding(v: ArgValue, a: Arg): [number, number] | 'same' | 'valid' | undefined {
  if (v.kind === 'string') {
    if (v.value === 'same' || v.value === 'valid') return v.value;
    throw new ParseFailure(`Invalid padding string '${v.value}', should be one of {'valid', 'same'}`, a);
  }
  if (v.kind === 'tuple' && v.items.length !== 2) throw new ParseFailure("padding must be an int, a pair of ints, 'same' or 'valid'", a);
  return intPair(v);
}

function paddingMode(v: ArgValue, a: Arg): (typeof PADDING_MODES)[number] | undefined {
  if (v.kind !== 'string') return undefined;
  const mode = PADDING_MODES.find((m) => m === v.value);
  if (!mode) {
    throw new ParseFailure(
      `padding_mode must be one of {'zeros', 'reflect', 'replicate', 'circular'}, but got padding_mode='${v.value}'`,
      a,
    );
  }
  return mode;
}
