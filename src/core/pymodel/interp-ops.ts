// Python semantics the interpreter needs beyond tensors: builtins (len, int, max…), list methods, comparisons, arithmetic.
import type { Callee } from './interp-hooks';
import { NONE, equal, int, isNumber, unknown, type Value } from './values';

/** Python builtins and list methods that matter for model code. */
export function callBuiltin(callee: Callee, args: Value[]): Value | undefined {
  if (callee.kind === 'method' && callee.receiver.k === 'tuple' && callee.receiver.list) {
    if (callee.name === 'append' && args.length === 1) {
      callee.receiver.items.push(args[0]);
      return NONE;
    }
    if (callee.name === 'extend' && args[0]?.k === 'tuple') {
      callee.receiver.items.push(...args[0].items);
      return NONE;
    }
  }
  if (callee.kind !== 'global') return undefined;
  const nums = args.filter(isNumber);
  switch (callee.name) {
    case 'len':
      return args[0]?.k === 'tuple' ? int(args[0].items.length) : args[0]?.k === 'str' ? int(args[0].v.length) : undefined;
    case 'int':
      return nums.length === 1 ? int(Math.trunc(nums[0].v)) : undefined;
    case 'float':
      return nums.length === 1 ? { k: 'float', v: nums[0].v } : undefined;
    case 'max':
    case 'min': {
      const list = args.length === 1 && args[0].k === 'tuple' ? args[0].items : args;
      if (!list.length || !list.every(isNumber)) return undefined;
      const vals = list.map((v) => (v as { v: number }).v);
      const r = callee.name === 'max' ? Math.max(...vals) : Math.min(...vals);
      return list.every((v) => v.k === 'int') ? int(r) : { k: 'float', v: r };
    }
    case 'tuple':
    case 'list':
      return args[0]?.k === 'tuple' ? { k: 'tuple', items: [...args[0].items], list: callee.name === 'list' } : undefined;
    default:
      return undefined;
  }
}

/** Comparisons of known constants; unknown when the answer depends on the data. */
export function compareValues(op: string, a: Value, b: Value): Value {
  if (op === 'is' || op === 'is not' || op === '==' || op === '!=') {
    const eq = equal(a, b);
    if (eq === undefined) return unknown('a comparison on the data');
    return { k: 'bool', v: op === '==' || op === 'is' ? eq : !eq };
  }
  if (isNumber(a) && isNumber(b)) {
    const r = op === '<' ? a.v < b.v : op === '>' ? a.v > b.v : op === '<=' ? a.v <= b.v : op === '>=' ? a.v >= b.v : undefined;
    if (r !== undefined) return { k: 'bool', v: r };
  }
  if ((op === 'in' || op === 'not in') && b.k === 'tuple') {
    const found = b.items.map((x) => equal(a, x));
    if (found.includes(true)) return { k: 'bool', v: op === 'in' };
    if (found.every((f) => f === false)) return { k: 'bool', v: op !== 'in' };
  }
  return unknown('a comparison on the data');
}

/** Arithmetic on Python numbers and tuples (tensors are the shape flow's business). */
export function arithmetic(op: string, a: Value, b: Value): Value {
  if (a.k === 'bool') a = int(Number(a.v));
  if (b.k === 'bool') b = int(Number(b.v));
  if (isNumber(a) && isNumber(b)) {
    const x = a.v;
    const y = b.v;
    const ints = a.k === 'int' && b.k === 'int';
    switch (op) {
      case '+':
        return ints ? int(x + y) : { k: 'float', v: x + y };
      case '-':
        return ints ? int(x - y) : { k: 'float', v: x - y };
      case '*':
        return ints ? int(x * y) : { k: 'float', v: x * y };
      case '/':
        return { k: 'float', v: x / y };
      case '//':
        return y === 0 ? unknown('a division by zero') : ints ? int(Math.floor(x / y)) : { k: 'float', v: Math.floor(x / y) };
      case '%':
        return y === 0
          ? unknown('a division by zero')
          : ints
            ? int(x - y * Math.floor(x / y))
            : { k: 'float', v: x - y * Math.floor(x / y) };
      case '**':
        return ints && y >= 0 ? int(x ** y) : { k: 'float', v: x ** y };
    }
  }
  if (op === '+' && a.k === 'tuple' && b.k === 'tuple') return { k: 'tuple', items: [...a.items, ...b.items], list: a.list };
  if (op === '*' && a.k === 'tuple' && b.k === 'int')
    return { k: 'tuple', items: Array.from({ length: b.v }, () => a.items).flat(), list: a.list };
  if (a.k === 'unknown') return a;
  if (b.k === 'unknown') return b;
  return unknown(`"${op}" on these values`);
}
