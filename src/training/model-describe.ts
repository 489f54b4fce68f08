// The Training view's one-line model text, from the instantiated module tree and its traced forward: the layers of a
// straight chain ("Conv2d(1,10,5) → ReLU → Linear(360,10)"), or the class with its layer and parameter counts.
import { parameterCount, type TraceResult } from '../core/shapes';
import { asInt, asPair, type ModuleInstance, type Value } from '../core/pymodel/values';

const pair = (v: Value | undefined): string => {
  const p = asPair(v);
  if (!p) return v?.k === 'str' ? `'${v.v}'` : '?';
  return p[0] === p[1] ? `${p[0]}` : `(${p[0]}, ${p[1]})`;
};
const isOne = (v: Value | undefined) => asPair(v)?.every((x) => x === 1) ?? true;
const isZero = (v: Value | undefined) => asPair(v)?.every((x) => x === 0) ?? false;
const num = (v: Value | undefined): string => (v && (v.k === 'int' || v.k === 'float') ? String(v.v) : 'None');

/** One built-in layer as PyTorch would construct it, with its defaults left out: "Conv2d(1,10,5, padding=1)". */
export function describeLayer(m: ModuleInstance): string {
  const a = m.args;
  switch (m.type) {
    case 'Conv2d':
    case 'ConvTranspose2d': {
      const extra = [
        isOne(a.stride) ? '' : `stride=${pair(a.stride)}`,
        isZero(a.padding) ? '' : `padding=${pair(a.padding)}`,
        m.type === 'ConvTranspose2d' && !isZero(a.output_padding) ? `output_padding=${pair(a.output_padding)}` : '',
      ].filter(Boolean);
      return `${m.type}(${asInt(a.in_channels)},${asInt(a.out_channels)},${pair(a.kernel_size)}${extra.length ? `, ${extra.join(', ')}` : ''})`;
    }
    case 'Linear':
      return `Linear(${asInt(a.in_features)},${asInt(a.out_features)})`;
    case 'MaxPool2d':
    case 'AvgPool2d':
      return `${m.type}(${pair(a.kernel_size)})`;
    case 'AdaptiveAvgPool2d':
      return `AdaptiveAvgPool2d(${a.output_size?.k === 'tuple' ? a.output_size.items.map(num).join(', ') : num(a.output_size)})`;
    case 'BatchNorm2d':
      return `BatchNorm2d(${asInt(a.num_features)})`;
    case 'Dropout':
      return `Dropout(${num(a.p)})`;
    case 'Softmax':
    case 'LogSoftmax':
      return `${m.type}(dim=${num(a.dim)})`;
    default:
      return m.type;
  }
}

/** The built-in layers of the tree in registration order (named_modules() order, containers left out). */
export function leafLayers(m: ModuleInstance): ModuleInstance[] {
  if (m.children.length === 0) return m.path === '' && m.cls ? [] : [m];
  return m.children.flatMap(([, c]) => leafLayers(c));
}

/**
 * A chain when the root holds only built-in layers (or nn.Sequential of them) and forward ran each exactly once, in
 * the order __init__ registered them: then the layers are the model (nn.Flatten implied before a Linear, left out).
 */
export function describeTree(name: string, root: ModuleInstance, run: TraceResult): string {
  const leaves = leafLayers(root);
  const ran = run.leafOutputs.map((l) => l.path);
  const plain = (m: ModuleInstance): boolean => m.children.every(([, c]) => !c.cls && plain(c));
  if (plain(root) && leaves.length > 0 && ran.join('\n') === leaves.map((l) => l.path).join('\n'))
    return leaves
      .filter((l) => l.type !== 'Flatten')
      .map(describeLayer)
      .join(' → ');
  const params = parameterCount(root);
  return `${name}: ${run.leafOutputs.length} layers${params === undefined ? '' : `, ${params.toLocaleString('en-US')} parameters`}`;
}
