// Values the model interpreter knows: Python constants, tuples/lists, tensors (by shape), module instances, unknowns.
import type { Span } from './python-ast';
import type { ClassDef } from './syntax';

export type Value =
  /** `src`: the integer literal it was written as, when it came straight from one (for Quick Fixes). */
  | { k: 'int'; v: number; src?: Span }
  | { k: 'float'; v: number }
  | { k: 'bool'; v: boolean }
  | { k: 'str'; v: string }
  | { k: 'none' }
  /** Tuples, lists and torch.Size; `list` ones are mutable (append). */
  | { k: 'tuple'; items: Value[]; list?: boolean }
  /** `param`: registered as an nn.Parameter (counted in the parameters). */
  | { k: 'tensor'; shape: number[]; param?: boolean }
  | { k: 'module'; m: ModuleInstance }
  /** A value we do not follow, with the reason (said plainly, never guessed). */
  | { k: 'unknown'; why: string };

/** One nn.Module in the instantiated tree: a built-in layer, a container, or a class of the file. */
export interface ModuleInstance {
  /** Dotted path from the root as PyTorch's named_modules() spells it ('' for the root, 'layer2.shortcut.0'). */
  path: string;
  /** 'Conv2d', 'Sequential', 'ModuleList', or the file's class name ('BasicBlock'). */
  type: string;
  /** Built-in layer arguments, bound to PyTorch's parameter names with defaults filled in. */
  args: Record<string, Value>;
  /** Sub-modules in registration order (named_children order). */
  children: Array<[string, ModuleInstance]>;
  /** Non-module attributes set on self in __init__ (file classes). */
  attrs: Map<string, Value>;
  /** The file's class, for modules defined in the file. */
  cls?: ClassDef;
  /** Where the constructor call is: its 1-based line and, per argument name, the span of the argument's source. */
  line: number;
  /** Offset of the constructor call in the text (the call's first character). */
  start?: number;
  argSpans: Record<string, ArgSource>;
}

/** Where a built-in layer's argument came from, for Quick Fixes: a literal in the call or a constructor default. */
export interface ArgSource extends Span {
  /** True when the span is a plain integer literal the user can simply retype. */
  literal: boolean;
}

export const int = (v: number): Value => ({ k: 'int', v });
export const unknown = (why: string): Value => ({ k: 'unknown', why });
export const NONE: Value = { k: 'none' };

export function isNumber(v: Value): v is { k: 'int' | 'float'; v: number } {
  return v.k === 'int' || v.k === 'float';
}

/** The int value, or undefined. Python bools are ints too. */
export function asInt(v: Value | undefined): number | undefined {
  if (!v) return undefined;
  if (v.k === 'int') return v.v;
  if (v.k === 'bool') return v.v ? 1 : 0;
  return undefined;
}

/** An int or a pair (PyTorch's _pair), or undefined. */
export function asPair(v: Value | undefined): [number, number] | undefined {
  const n = asInt(v);
  if (n !== undefined) return [n, n];
  if (v?.k === 'tuple' && v.items.length === 2) {
    const [a, b] = v.items.map(asInt);
    if (a !== undefined && b !== undefined) return [a, b];
  }
  return undefined;
}

/** Python truthiness; undefined when the value is not known. */
export function truthy(v: Value): boolean | undefined {
  switch (v.k) {
    case 'int':
    case 'float':
      return v.v !== 0;
    case 'bool':
      return v.v;
    case 'str':
      return v.v !== '';
    case 'none':
      return false;
    case 'tuple':
      return v.items.length > 0;
    case 'module':
      return true;
    default:
      return undefined;
  }
}

/** Python's repr of a value, for messages. */
export function repr(v: Value): string {
  switch (v.k) {
    case 'int':
      return String(v.v);
    case 'float':
      return Number.isInteger(v.v) ? `${v.v}.0` : String(v.v);
    case 'bool':
      return v.v ? 'True' : 'False';
    case 'str':
      return `'${v.v}'`;
    case 'none':
      return 'None';
    case 'tuple':
      return v.list ? `[${v.items.map(repr).join(', ')}]` : `(${v.items.map(repr).join(', ')}${v.items.length === 1 ? ',' : ''})`;
    case 'tensor':
      return `tensor of shape [${v.shape.join(', ')}]`;
    case 'module':
      return `${v.m.type}(...)`;
    default:
      return '?';
  }
}

/** Equality of known constants; undefined when either side is unknown or a tensor. */
export function equal(a: Value, b: Value): boolean | undefined {
  if (a.k === 'unknown' || b.k === 'unknown' || a.k === 'tensor' || b.k === 'tensor') return undefined;
  if (isNumber(a) || a.k === 'bool') {
    const x = a.k === 'bool' ? Number(a.v) : a.v;
    if (isNumber(b) || b.k === 'bool') return x === (b.k === 'bool' ? Number(b.v) : b.v);
    return false;
  }
  if (a.k === 'str' || b.k === 'str') return a.k === b.k && (a as { v: string }).v === (b as { v: string }).v;
  if (a.k === 'none' || b.k === 'none') return a.k === b.k;
  if (a.k === 'tuple' && b.k === 'tuple') {
    if (a.items.length !== b.items.length) return false;
    let all: boolean | undefined = true;
    a.items.forEach((x, i) => {
      const e = equal(x, b.items[i]);
      if (e === false) all = false;
      else if (e === undefined && all) all = undefined;
    });
    return all;
  }
  if (a.k === 'module' && b.k === 'module') return a.m === b.m;
  return false;
}
