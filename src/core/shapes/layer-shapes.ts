// Output shape of one built-in nn layer for an input shape, with PyTorch's error when it fails and, where one number
// of the layer is wrong, the fix (`in_features` → 9216).
import { TorchError } from '../engine/errors';
import { conv2dGeometry, type PaddingMode } from '../engine/geometry';
import { adaptiveAvgPool2dGeometry, avgPool2dGeometry, maxPool2dGeometry } from '../engine/geometry-pool';
import { convTranspose2dGeometry } from '../engine/geometry-transposed';
import { Stop } from '../pymodel/interp-hooks';
import { asInt, asPair, repr, type ModuleInstance, type Value } from '../pymodel/values';
import { functionShape } from './functional';
import { batchNormShape, flattenShape, linearShape, wrapDim } from './tensor-rules';

/** A PyTorch error raised by a layer, with the argument that would make it pass when one number is wrong. */
export class LayerError extends TorchError {
  constructor(
    cause: TorchError,
    readonly module: ModuleInstance,
    readonly input: number[],
    readonly fix?: { param: string; value: number },
  ) {
    super(cause.type, cause.message);
  }
}

/** The output shape of built-in layer `m` on `input`; throws LayerError (PyTorch's message) or Stop (args not constant). */
export function layerOutput(m: ModuleInstance, input: readonly number[], line: number): number[] {
  const arg = (name: string): Value => m.args[name];
  const need = <T>(name: string, read: (v: Value) => T | undefined): T => {
    const v = read(arg(name));
    if (v === undefined) {
      const a = arg(name);
      throw new Stop(
        `nn.${m.type}'s ${name} is ${a?.k === 'unknown' ? a.why : `not a constant we can use (${a ? repr(a) : 'missing'})`}`,
        line,
      );
    }
    return v;
  };
  const int = (name: string): number => need(name, asInt);
  const pair = (name: string): [number, number] => need(name, asPair);
  const optPair = (name: string): [number, number] | null => (arg(name)?.k === 'none' ? null : pair(name));
  const bool = (name: string): boolean => need(name, (v) => (v.k === 'bool' ? v.v : undefined));
  try {
    switch (m.type) {
      case 'Conv2d': {
        const groups = int('groups');
        const padding = arg('padding')?.k === 'str' ? ((arg('padding') as { v: string }).v as 'same' | 'valid') : pair('padding');
        const out = int('out_channels');
        const weight = [out, int('in_channels') / groups, ...pair('kernel_size')];
        const mode = need('padding_mode', (v) => (v.k === 'str' ? (v.v as PaddingMode) : undefined));
        return conv2dGeometry(
          input,
          weight,
          { stride: pair('stride'), padding, dilation: pair('dilation'), groups, paddingMode: mode },
          bool('bias') ? [out] : null,
        ).outputShape;
      }
      case 'ConvTranspose2d': {
        const groups = int('groups');
        const weight = [int('in_channels'), int('out_channels') / groups, ...pair('kernel_size')];
        const opts = {
          stride: pair('stride'),
          padding: pair('padding'),
          outputPadding: pair('output_padding'),
          dilation: pair('dilation'),
          groups,
        };
        return convTranspose2dGeometry(input, weight, opts, bool('bias') ? [int('out_channels')] : null).outputShape;
      }
      case 'Linear':
        return linearShape(input, int('in_features'), int('out_features'));
      case 'BatchNorm2d':
      case 'BatchNorm1d':
        return batchNormShape(input, int('num_features'), m.type === 'BatchNorm2d');
      case 'MaxPool2d':
        return maxPool2dGeometry(input, {
          kernelSize: pair('kernel_size'),
          stride: optPair('stride'),
          padding: pair('padding'),
          dilation: pair('dilation'),
          ceilMode: bool('ceil_mode'),
        }).outputShape;
      case 'AvgPool2d':
        return avgPool2dGeometry(input, {
          kernelSize: pair('kernel_size'),
          stride: optPair('stride'),
          padding: pair('padding'),
          ceilMode: bool('ceil_mode'),
          countIncludePad: bool('count_include_pad'),
        }).outputShape;
      case 'AdaptiveAvgPool2d':
      case 'AdaptiveMaxPool2d':
        return adaptiveAvgPool2dGeometry(input, outputSize(arg('output_size'), line)).outputShape;
      case 'Flatten':
        return flattenShape(input, int('start_dim'), int('end_dim'));
      case 'Upsample': {
        const out = functionShape('F', 'interpolate', [{ k: 'tensor', shape: [...input] }], {
          size: arg('size'),
          scale_factor: arg('scale_factor'),
        });
        if (out?.k !== 'tensor')
          throw new Stop('nn.Upsample with a size or scale we cannot use (only 4-D input with a constant size or scale_factor)', line);
        return out.shape;
      }
      case 'Softmax':
      case 'LogSoftmax': {
        const d = arg('dim');
        if (d?.k !== 'none') wrapDim(int('dim'), input.length);
        return [...input];
      }
      default:
        // Activations, Dropout, Identity, an empty Sequential: element-wise, shape unchanged.
        return [...input];
    }
  } catch (e) {
    if (e instanceof TorchError) throw new LayerError(e, m, [...input], fixFor(m, input, e));
    throw e;
  }
}

function outputSize(v: Value, line: number): number | Array<number | null> {
  const n = asInt(v);
  if (n !== undefined) return n;
  if (v?.k === 'tuple' && v.items.every((i) => asInt(i) !== undefined || i.k === 'none'))
    return v.items.map((i) => (i.k === 'none' ? null : asInt(i)!));
  throw new Stop('the output_size of an adaptive pool is not a constant', line);
}

/** The one argument that, changed, makes this layer accept the input: in_features, in_channels or num_features. */
function fixFor(m: ModuleInstance, input: readonly number[], e: TorchError): { param: string; value: number } | undefined {
  if (m.type === 'Linear' && e.message.startsWith('mat1 and mat2') && input.length > 0)
    return { param: 'in_features', value: input[input.length - 1] };
  if ((m.type === 'Conv2d' || m.type === 'ConvTranspose2d') && / channels, but got \d+ channels instead$/.test(e.message)) {
    const channels = input.length === 3 ? input[0] : input[1];
    const groups = asInt(m.args.groups) ?? 1;
    return channels % groups === 0 ? { param: 'in_channels', value: channels } : undefined;
  }
  if (m.type.startsWith('BatchNorm') && e.message.startsWith('running_mean should contain'))
    return { param: 'num_features', value: input[1] };
  return undefined;
}
