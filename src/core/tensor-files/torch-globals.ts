// The only Python globals a tensor checkpoint may name, and what each means when "called" (our code, never theirs).
import { fail } from './byte-source';
import type { DType } from './dtypes';
import { isGlobal, isOpaque, isTuple, type PyGlobal, type PyValue, type UnpickleHooks } from './pickle';

export const STORAGE_DTYPES: Record<string, DType> = {
  FloatStorage: 'float32',
  DoubleStorage: 'float64',
  HalfStorage: 'float16',
  BFloat16Storage: 'bfloat16',
  LongStorage: 'int64',
  IntStorage: 'int32',
  ShortStorage: 'int16',
  CharStorage: 'int8',
  ByteStorage: 'uint8',
  BoolStorage: 'bool',
};

/** A storage named by a persistent id: `key` finds its bytes, `offset` (elements) for legacy storage views. */
export interface StorageRef {
  type: 'storage';
  dtype: DType;
  key: string;
  numel: number;
  offset: number;
}

export interface TensorRef {
  type: 'tensor';
  storage: StorageRef;
  offset: number;
  shape: number[];
  strides: number[];
}

const CALLABLE = new Set([
  'collections.OrderedDict',
  'torch._utils._rebuild_tensor',
  'torch._utils._rebuild_tensor_v2',
  'torch._utils._rebuild_parameter',
  'torch._utils._rebuild_parameter_with_state',
  'torch.Size',
]);

const PY2_MODULES: Record<string, string> = { __builtin__: 'builtins', copy_reg: 'copyreg' };

function allowed(module: string, name: string): boolean {
  return CALLABLE.has(`${module}.${name}`) || (module === 'torch' && name in STORAGE_DTYPES);
}

/** Modules whose objects are never model classes: naming them needs no "save a state_dict" hint. */
const SYSTEM_MODULES = new Set([
  'builtins',
  'os',
  'posix',
  'nt',
  'subprocess',
  'sys',
  'shutil',
  'socket',
  'pty',
  'runpy',
  'importlib',
  'pickle',
  '_codecs',
  'codecs',
  'operator',
  'functools',
  'types',
  'webbrowser',
  'ctypes',
]);

export function refusalMessage(qualified: string): string {
  const base = `it refers to the Python object ${qualified}, which is not a tensor: refused without running anything.`;
  if (SYSTEM_MODULES.has(qualified.split('.')[0])) return `${base} Tensor Lens never runs code from a file.`;
  return `${base} The file holds Python objects other than tensors: save a state_dict instead (torch.save(model.state_dict(), path)).`;
}

export function torchHooks(persistent: (pid: PyValue) => StorageRef): UnpickleHooks {
  return {
    global(rawModule, name) {
      // Protocol-2 pickles spell Python 3 modules the Python 2 way; name them as Python 3 does (fix_imports).
      const module = PY2_MODULES[rawModule] ?? rawModule;
      if (!allowed(module, name)) fail(refusalMessage(`${module.slice(0, 80)}.${name.slice(0, 80)}`));
      return { kind: 'global', module, name };
    },
    reduce(fn, args) {
      if (!isGlobal(fn)) fail('corrupt pickle: REDUCE of something that is not a global');
      return reduceAllowed(fn, args);
    },
    persistentLoad(pid) {
      return { kind: 'opaque', value: persistent(pid) };
    },
  };
}

function reduceAllowed(fn: PyGlobal, args: PyValue[]): PyValue {
  const q = `${fn.module}.${fn.name}`;
  switch (q) {
    case 'collections.OrderedDict':
      if (args.length) fail('OrderedDict with arguments is not supported');
      return { kind: 'dict', entries: [] };
    case 'torch.Size':
      return { kind: 'tuple', items: isTuple(args[0]) ? args[0].items : [] };
    case 'torch._utils._rebuild_tensor':
    case 'torch._utils._rebuild_tensor_v2': {
      const [storage, offset, size, stride] = args;
      if (!isOpaque(storage) || (storage.value as StorageRef).type !== 'storage') fail('corrupt checkpoint: a tensor without a storage');
      const ref = storage.value as StorageRef;
      const shape = ints(size, 'size');
      const strides = ints(stride, 'stride');
      if (shape.length !== strides.length || typeof offset !== 'number') fail('corrupt checkpoint: tensor size and stride disagree');
      const tensor: TensorRef = { type: 'tensor', storage: ref, offset: ref.offset + offset, shape, strides };
      return { kind: 'opaque', value: tensor };
    }
    case 'torch._utils._rebuild_parameter':
    case 'torch._utils._rebuild_parameter_with_state':
      if (!isOpaque(args[0])) fail('corrupt checkpoint: a parameter without a tensor');
      return args[0];
  }
  fail(refusalMessage(q));
}

function ints(v: PyValue, what: string): number[] {
  if (!isTuple(v) || !v.items.every((x) => typeof x === 'number' && Number.isSafeInteger(x)))
    fail(`corrupt checkpoint: tensor ${what} is not a tuple of integers`);
  return v.items as number[];
}

export function storageFromPid(pid: PyValue, storageKeyOk: (key: string) => void): StorageRef {
  // ('storage', torch.FloatStorage, key, location, numel[, view_metadata])
  if (!isTuple(pid) || pid.items[0] !== 'storage' || pid.items.length < 5) fail('corrupt checkpoint: unexpected persistent id');
  const [, type, key, , numel] = pid.items;
  if (!isGlobal(type) || !(type.name in STORAGE_DTYPES)) fail('corrupt checkpoint: unknown storage type');
  if (typeof key !== 'string' || typeof numel !== 'number') fail('corrupt checkpoint: bad storage key');
  storageKeyOk(key);
  let offset = 0;
  const view = pid.items[5];
  if (isTuple(view) && typeof view.items[1] === 'number') offset = view.items[1];
  return { type: 'storage', dtype: STORAGE_DTYPES[type.name], key, numel, offset };
}
