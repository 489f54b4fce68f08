// The plain values the restricted unpickler builds (no Python objects), and type guards for them.

export interface PyTuple {
  kind: 'tuple';
  items: PyValue[];
}
export interface PyDict {
  kind: 'dict';
  entries: Array<[PyValue, PyValue]>;
}
export interface PyGlobal {
  kind: 'global';
  module: string;
  name: string;
}
/** Anything the caller's hooks build (storages, tensors). */
export interface PyOpaque {
  kind: 'opaque';
  value: unknown;
}
export type PyValue = null | boolean | number | string | Uint8Array | PyValue[] | PyTuple | PyDict | PyGlobal | PyOpaque;

export function isTuple(v: PyValue): v is PyTuple {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && v.kind === 'tuple';
}
export function isDict(v: PyValue): v is PyDict {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && v.kind === 'dict';
}
export function isGlobal(v: PyValue): v is PyGlobal {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && v.kind === 'global';
}
export function isOpaque(v: PyValue): v is PyOpaque {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && v.kind === 'opaque';
}
