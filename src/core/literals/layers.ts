// Layer calls: nn.Conv2d / F.conv2d / nn.Linear / nn.ReLU / nn.MaxPool2d / nn.Flatten bound like Python binds them,
// through the model IR's one table of layer signatures (src/core/pymodel/builtin-layers.ts).
import { intPair, intValue, parseArgs, type Arg, type ArgValue } from './args';
import { ParseFailure, Source } from './source';
import type { LayerCall, LayerType } from './types';
import { FUNCTION_SIGNATURES, LAYER_SIGNATURES, bindLayerArguments } from '../pymodel/builtin-layers';

/** The layer each name calls, and whether it is torch.nn.functional's (bound through pymodel's one signature table). */
interface Callee {
  layer: LayerType;
  /** The table's name: the nn layer's type, or the function's name. */
  type: string;
  fn: boolean;
}

const SIGNATURES: Record<string, Callee> = {};
for (const prefix of ['nn.', 'torch.nn.', ''])
  for (const type of ['Conv2d', 'Linear', 'ReLU', 'MaxPool2d', 'Flatten'] as const)
    SIGNATURES[`${prefix}${type}`] = { layer: type, type, fn: false };
for (const name of ['F.conv2d', 'torch.nn.functional.conv2d', 'nn.functional.conv2d', 'torch.conv2d', 'functional.conv2d'])
  SIGNATURES[name] = { layer: 'conv2d', type: 'conv2d', fn: true };

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
  const order = (sig.fn ? FUNCTION_SIGNATURES : LAYER_SIGNATURES)[sig.type].map(([n]) => n);
  const isConv = sig.type === 'Conv2d';
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
  if (sig.layer === 'Conv2d' || sig.layer === 'conv2d') {
    const kernel = isConv ? get<[number, number] | undefined>('kernel_size', undefined, pair) : undefined;
    call.conv = {
      inChannels: isConv ? get<number | undefined>('in_channels', undefined, intValue) : undefined,
      outChannels: isConv ? get<number | undefined>('out_channels', undefined, intValue) : undefined,
      kernelSize: kernel,
      stride: get<[number, number]>('stride', [1, 1], pair),
      padding: get<[number, number] | 'same' | 'valid'>('padding', [0, 0], (v, a) => padding(v, a)),
      dilation: get<[number, number]>('dilation', [1, 1], pair),
      groups: get('groups', 1, intValue),
      bias: isConv ? get('bias', true, boolValue) : bound.has('bias') && bound.get('bias')!.value.kind !== 'none',
      paddingMode: isConv ? get<(typeof PADDING_MODES)[number]>('padding_mode', 'zeros', paddingMode) : 'zeros',
    };
    if (!isConv) {
      call.conv.inputExpr = bound.get('input')!.text;
      call.conv.weightExpr = bound.get('weight')!.text;
    }
  } else if (sig.layer === 'Linear') {
    call.linear = {
      inFeatures: get('in_features', NaN, intValue),
      outFeatures: get('out_features', NaN, intValue),
      bias: get('bias', true, boolValue),
    };
  } else if (sig.layer === 'MaxPool2d') {
    const kernelSize = get<[number, number]>('kernel_size', [NaN, NaN], pair);
    const strideArg = bound.get('stride');
    const stride = strideArg && strideArg.value.kind !== 'none' ? get<[number, number]>('stride', kernelSize, pair) : kernelSize;
    call.maxPool = { kernelSize, stride, padding: get<[number, number]>('padding', [0, 0], pair) };
  } else if (sig.layer === 'Flatten') {
    call.flatten = { startDim: get('start_dim', 1, intValue), endDim: get('end_dim', -1, intValue) };
  }
  if (unresolved.length) call.unresolved = unresolved.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return call;
}

/** Assigns arguments to parameters as Python does (pymodel's table), a TypeError becoming a ParseFailure at its argument. */
function bind(sig: Callee, args: Arg[], range: { start: number; end: number }): Map<string, Arg> {
  const r = bindLayerArguments(
    sig.type,
    args.filter((a) => !a.name),
    args.filter((a) => a.name).map((a) => [a.name!, a] as [string, Arg]),
    sig.fn,
  );
  if ('error' in r) throw new ParseFailure(r.error, r.at ?? range);
  return r.bound;
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
