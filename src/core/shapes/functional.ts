// Shapes of torch functions (F.relu, F.max_pool2d, torch.flatten, torch.cat, torch.randn…) and tensor methods
// (.view, .reshape, .size, .permute…), each with PyTorch's error; undefined for calls it does not know.
import { runtimeError } from '../engine/errors';
import { conv2dGeometry } from '../engine/geometry';
import { adaptiveAvgPool2dGeometry, avgPool2dGeometry, maxPool2dGeometry } from '../engine/geometry-pool';
import { asInt, asPair, int, unknown, type Value } from '../pymodel/values';
import {
  broadcastShape,
  catShape,
  flattenShape,
  linearShape,
  permuteShape,
  reduceShape,
  squeezeShape,
  transposeShape,
  unsqueezeShape,
  viewShape,
  wrapDim,
} from './tensor-rules';

const ELEMENTWISE = new Set(
  (
    'relu relu6 leaky_relu elu selu celu gelu silu mish sigmoid tanh hardtanh hardswish hardsigmoid softplus softsign ' +
    'logsigmoid dropout dropout2d alpha_dropout abs exp log sqrt rsqrt neg sin cos clone detach contiguous float double half ' +
    'to cpu cuda requires_grad_ relu_ sigmoid_ tanh_ clamp clamp_ clip type_as square'
  ).split(' '),
);
const REDUCE = new Set(['mean', 'sum', 'amax', 'amin', 'prod', 'std', 'var']);
const CONSTRUCTORS = new Set(['randn', 'rand', 'zeros', 'ones', 'empty', 'full']);

const tensor = (shape: number[]): Value => ({ k: 'tensor', shape });
const shapeOf = (v: Value | undefined): number[] | undefined => (v?.k === 'tensor' ? v.shape : undefined);

/** Arguments by position or keyword, as Python binds them. */
class Bound {
  constructor(
    readonly args: Value[],
    readonly kwargs: Record<string, Value>,
  ) {}
  get(i: number, name: string): Value | undefined {
    return this.kwargs[name] ?? this.args[i];
  }
  int(i: number, name: string, fallback?: number): number | undefined {
    const v = this.get(i, name);
    return v === undefined || v.k === 'none' ? fallback : asInt(v);
  }
}

/** Sizes given as `(4, -1)`, `4, -1` or a torch.Size. */
function sizesOf(values: Value[]): number[] | undefined {
  const list = values.length === 1 && values[0].k === 'tuple' ? values[0].items : values;
  const out = list.map(asInt);
  return out.every((v) => v !== undefined) ? (out as number[]) : undefined;
}

/** F.* and torch.* functions; `name` is the function's own name (`relu`, `cat`), `ns` 'F' or 'torch'. */
export function functionShape(ns: 'F' | 'torch', name: string, args: Value[], kwargs: Record<string, Value>): Value | undefined {
  const b = new Bound(args, kwargs);
  if (ns === 'torch' && CONSTRUCTORS.has(name)) {
    const sizes = sizesOf(name === 'full' ? args.slice(0, 1) : args);
    return sizes ? tensor(sizes) : undefined;
  }
  if (name === 'cat' || name === 'concat' || name === 'concatenate') {
    const list = b.get(0, 'tensors');
    if (list?.k !== 'tuple') return undefined;
    const shapes = list.items.map(shapeOf);
    const bad = list.items.find((v) => v.k !== 'tensor');
    if (bad) return bad.k === 'unknown' ? bad : unknown('torch.cat of something that is not a tensor');
    return tensor(catShape(shapes as number[][], b.int(1, 'dim', 0)));
  }
  if (name === 'add' || name === 'mul' || name === 'sub' || name === 'div') {
    const [x, y] = [b.get(0, 'input'), b.get(1, 'other')];
    return elementwise(x, y);
  }
  const input = b.get(0, 'input');
  if (input?.k === 'unknown') return input;
  const x = shapeOf(input);
  if (!x) return undefined;
  return tensorOp(name, x, new Bound(args.slice(1), kwargs));
}

/** x.method(...) on a tensor of shape `x`. */
export function methodShape(x: number[], name: string, args: Value[], kwargs: Record<string, Value>): Value | undefined {
  const b = new Bound(args, kwargs);
  switch (name) {
    case 'view':
    case 'reshape': {
      const sizes = sizesOf(args);
      return sizes ? tensor(viewShape(x, sizes)) : unknown(`a .${name}() size that is not a number`);
    }
    case 'size': {
      const d = b.int(0, 'dim');
      if (b.get(0, 'dim') === undefined) return { k: 'tuple', items: x.map(int) };
      return d === undefined ? undefined : int(x[wrapDim(d, x.length)]);
    }
    case 'dim':
    case 'ndimension':
      return int(x.length);
    case 'numel':
    case 'nelement':
      return int(x.reduce((a, c) => a * c, 1));
    case 'permute': {
      const dims = sizesOf(args);
      return dims ? tensor(permuteShape(x, dims)) : undefined;
    }
    case 'expand_as':
    case 'view_as':
    case 'reshape_as': {
      const other = shapeOf(args[0]);
      return other ? tensor(name === 'expand_as' ? broadcastShape(x, other) : viewShape(x, other)) : undefined;
    }
    default:
      return tensorOp(name, x, b);
  }
}

/** Ops shared by the function and method forms; `b` holds the arguments after the input. */
function tensorOp(name: string, x: number[], b: Bound): Value | undefined {
  if (ELEMENTWISE.has(name)) return tensor([...x]);
  switch (name) {
    case 'conv2d': {
      const w = b.get(0, 'weight');
      const bias = b.get(1, 'bias');
      if (w?.k !== 'tensor') return unknown('an F.conv2d weight whose shape is not known');
      const padArg = b.get(3, 'padding');
      const padding = padArg?.k === 'str' ? (padArg.v as 'same' | 'valid') : asPair(padArg ?? int(0));
      const [stride, dilation] = [asPair(b.get(2, 'stride') ?? int(1)), asPair(b.get(4, 'dilation') ?? int(1))];
      const groups = b.int(5, 'groups', 1);
      if (!padding || !stride || !dilation || groups === undefined) return unknown('F.conv2d arguments that are not constants');
      const biasShape = bias?.k === 'tensor' ? bias.shape : null;
      return tensor(conv2dGeometry(x, w.shape, { stride, padding, dilation, groups }, biasShape).outputShape);
    }
    case 'linear': {
      const w = b.get(0, 'weight');
      if (w?.k !== 'tensor' || w.shape.length !== 2) return unknown('an F.linear weight whose shape is not known');
      return tensor(linearShape(x, w.shape[1], w.shape[0]));
    }
    case 'softmax':
    case 'log_softmax': {
      const d = b.int(0, 'dim');
      if (d !== undefined) wrapDim(d, x.length);
      return tensor([...x]);
    }
    case 'flatten':
      return tensor(flattenShape(x, b.int(0, 'start_dim', 0), b.int(1, 'end_dim', -1)));
    case 'reshape': {
      const sizes = sizesOf(b.args.slice(0, 1));
      return sizes ? tensor(viewShape(x, sizes)) : undefined;
    }
    case 'transpose':
    case 'swapaxes': {
      const [d0, d1] = [b.int(0, 'dim0'), b.int(1, 'dim1')];
      return d0 === undefined || d1 === undefined ? undefined : tensor(transposeShape(x, d0, d1));
    }
    case 'unsqueeze': {
      const d = b.int(0, 'dim');
      return d === undefined ? undefined : tensor(unsqueezeShape(x, d));
    }
    case 'squeeze':
      return tensor(squeezeShape(x, b.int(0, 'dim')));
    case 'max_pool2d':
    case 'avg_pool2d': {
      const k = asPair(b.get(0, 'kernel_size'));
      const strideArg = b.get(1, 'stride');
      const stride = strideArg === undefined || strideArg.k === 'none' ? null : asPair(strideArg);
      const padding = asPair(b.get(2, 'padding') ?? int(0));
      if (!k || stride === undefined || !padding) return unknown(`F.${name} arguments that are not constants`);
      if (name === 'max_pool2d') {
        const dilation = asPair(b.get(3, 'dilation') ?? int(1));
        const ceil = b.get(4, 'ceil_mode');
        if (!dilation) return unknown('F.max_pool2d dilation that is not a constant');
        return tensor(
          maxPool2dGeometry(x, { kernelSize: k, stride, padding, dilation, ceilMode: ceil?.k === 'bool' && ceil.v }).outputShape,
        );
      }
      const ceil = b.get(3, 'ceil_mode');
      return tensor(avgPool2dGeometry(x, { kernelSize: k, stride, padding, ceilMode: ceil?.k === 'bool' && ceil.v }).outputShape);
    }
    case 'adaptive_avg_pool2d':
    case 'adaptive_max_pool2d': {
      const size = b.get(0, 'output_size');
      const n = asInt(size);
      if (n !== undefined) return tensor(adaptiveAvgPool2dGeometry(x, n).outputShape);
      if (size?.k === 'tuple')
        return tensor(
          adaptiveAvgPool2dGeometry(
            x,
            size.items.map((i) => (i.k === 'none' ? null : (asInt(i) ?? 0))),
          ).outputShape,
        );
      return undefined;
    }
    case 'interpolate':
    case 'upsample': {
      if (x.length !== 4) return undefined;
      const size = asPair(b.get(0, 'size'));
      if (size) return tensor([x[0], x[1], ...size]);
      const sf = b.get(1, 'scale_factor');
      const num = (v: Value | undefined): number | undefined => (v?.k === 'int' || v?.k === 'float' ? v.v : undefined);
      const f = num(sf) !== undefined ? [num(sf)!, num(sf)!] : sf?.k === 'tuple' && sf.items.length === 2 ? sf.items.map(num) : undefined;
      if (f && f.some((v) => v === undefined)) return undefined;
      return f ? tensor([x[0], x[1], Math.floor(x[2] * f[0]!), Math.floor(x[3] * f[1]!)]) : undefined;
    }
    default:
      if (REDUCE.has(name)) {
        const d = b.get(0, 'dim');
        const keep = b.get(1, 'keepdim');
        const dims = d === undefined || d.k === 'none' ? undefined : (asInt(d) ?? sizesOf([d]));
        if (d !== undefined && d.k !== 'none' && dims === undefined) return undefined;
        return tensor(reduceShape(x, dims, keep?.k === 'bool' && keep.v));
      }
      return undefined;
  }
}

/** `a + b` and friends: broadcasting between tensors; a number leaves the tensor's shape. */
export function elementwise(a: Value | undefined, b: Value | undefined): Value {
  if (a?.k === 'unknown') return a;
  if (b?.k === 'unknown') return b;
  if (a?.k === 'tensor' && b?.k === 'tensor') return tensor(broadcastShape(a.shape, b.shape));
  if (a?.k === 'tensor' && (b?.k === 'int' || b?.k === 'float' || b?.k === 'bool')) return tensor([...a.shape]);
  if (b?.k === 'tensor' && (a?.k === 'int' || a?.k === 'float' || a?.k === 'bool')) return tensor([...b.shape]);
  throw runtimeError('unsupported operand types for a tensor operation');
}
