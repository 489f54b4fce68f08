// Tensor constructors by name: data constructors (torch.tensor, np.array, tf.tensor2d, Float32Array) and shape ones.
import type { Dtype } from './types';

export type Library = 'torch' | 'numpy' | 'tf';

export interface DataConstructor {
  syntax: string;
  library: Library;
  /** Fixed dtype (torch.FloatTensor, Float32Array...), else inferred from the elements or a dtype argument. */
  dtype?: Dtype;
  /** Only after `new` (JS typed arrays). */
  needsNew?: boolean;
  /** tf.tensorNd: required rank of the data. */
  rank?: number;
}

export interface ShapeConstructor {
  syntax: string;
  library: Library;
  op: 'ones' | 'zeros' | 'eye' | 'arange' | 'full' | 'linspace';
}

const data: Record<string, DataConstructor> = {};
const shape: Record<string, ShapeConstructor> = {};

for (const prefix of ['torch.', '']) {
  data[`${prefix}tensor`] = { syntax: 'torch.tensor', library: 'torch' };
}
data['torch.as_tensor'] = { syntax: 'torch.tensor', library: 'torch' };
const typedTorch: [string, Dtype][] = [
  ['Tensor', 'float32'],
  ['FloatTensor', 'float32'],
  ['DoubleTensor', 'float64'],
  ['HalfTensor', 'float16'],
  ['LongTensor', 'int64'],
  ['IntTensor', 'int32'],
  ['ShortTensor', 'int16'],
  ['CharTensor', 'int8'],
  ['ByteTensor', 'uint8'],
  ['BoolTensor', 'bool'],
];
for (const [name, dtype] of typedTorch) data[`torch.${name}`] = { syntax: `torch.${name}`, library: 'torch', dtype };
for (const np of ['np', 'numpy']) {
  data[`${np}.array`] = { syntax: 'np.array', library: 'numpy' };
  data[`${np}.asarray`] = { syntax: 'np.array', library: 'numpy' };
}
data['tf.tensor'] = { syntax: 'tf.tensor', library: 'tf' };
for (let r = 1; r <= 6; r++) data[`tf.tensor${r}d`] = { syntax: `tf.tensor${r}d`, library: 'tf', rank: r };
const typedArrays: [string, Dtype][] = [
  ['Float32Array', 'float32'],
  ['Float64Array', 'float64'],
  ['Int32Array', 'int32'],
  ['Int16Array', 'int16'],
  ['Int8Array', 'int8'],
  ['Uint8Array', 'uint8'],
];
for (const [name, dtype] of typedArrays) {
  data[name] = { syntax: name, library: 'tf', dtype, needsNew: true };
  data[`${name}.from`] = { syntax: name, library: 'tf', dtype };
  data[`${name}.of`] = { syntax: name, library: 'tf', dtype };
}

for (const op of ['ones', 'zeros', 'eye', 'arange', 'full', 'linspace'] as const) {
  shape[`torch.${op}`] = { syntax: `torch.${op}`, library: 'torch', op };
  shape[`np.${op}`] = { syntax: `np.${op}`, library: 'numpy', op };
  shape[`numpy.${op}`] = { syntax: `np.${op}`, library: 'numpy', op };
}
shape['tf.ones'] = { syntax: 'tf.ones', library: 'tf', op: 'ones' };
shape['tf.zeros'] = { syntax: 'tf.zeros', library: 'tf', op: 'zeros' };
shape['tf.eye'] = { syntax: 'tf.eye', library: 'tf', op: 'eye' };

export function dataConstructor(name: string): DataConstructor | undefined {
  return Object.prototype.hasOwnProperty.call(data, name) ? data[name] : undefined;
}

export function shapeConstructor(name: string): ShapeConstructor | undefined {
  return Object.prototype.hasOwnProperty.call(shape, name) ? shape[name] : undefined;
}
