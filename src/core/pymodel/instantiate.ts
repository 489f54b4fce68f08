// Builds the module tree of one nn.Module class by running its __init__ with constant arguments: built-in layers with
// bound arguments, nn.Sequential / nn.ModuleList, and the file's own classes used inside others (a ResNet BasicBlock).
import { TorchError } from '../engine/errors';
import { LAYER_SIGNATURES, bindLayerArguments, isBuiltinLayer } from './builtin-layers';
import { Interp } from './interp';
import { Stop, type CallSite, type Callee, type Frame, type Hooks } from './interp-hooks';
import type { ClassDef, MethodDef } from './syntax';
import type { PyModelFile } from './model-file';
import { NONE, asInt, unknown, type ArgSource, type ModuleInstance, type Value } from './values';

const SUPER: Value = { k: 'str', v: '<super>' };
const MAX_DEPTH = 16;

/** The layer type a dotted name refers to (`nn.Conv2d`, `torch.nn.Conv2d`, bare `Conv2d`), or undefined. */
export function layerTypeOf(name: string): string | undefined {
  const m = /^(?:torch\.)?(?:nn\.)?(\w+)$/.exec(name);
  if (!m) return undefined;
  return isBuiltinLayer(m[1]) || m[1] === 'Sequential' || m[1] === 'ModuleList' ? m[1] : undefined;
}

/** A method of a file class or of the file classes it derives from. */
export function findMethod(file: PyModelFile, cls: ClassDef, name: string, depth = 0): MethodDef | undefined {
  const own = cls.methods.get(name);
  if (own || depth > MAX_DEPTH) return own;
  for (const base of cls.bases) {
    const parent = file.moduleClasses.get(base);
    const found = parent && findMethod(file, parent, name, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * Instantiates `className(*args, **kwargs)`. Throws TorchError for constructor errors PyTorch raises (a missing
 * argument, bad groups) and Stop (with its line) for __init__ code we cannot follow.
 */
export function instantiate(
  file: PyModelFile,
  className: string,
  args: Value[] = [],
  kwargs: Record<string, Value> = {},
  line = 0,
  depth = 0,
): ModuleInstance {
  const cls = file.moduleClasses.get(className);
  if (!cls) throw new Stop(`${className} is not an nn.Module class of this file`, line);
  if (depth > MAX_DEPTH) throw new Stop('modules nested too deeply', line);
  const m: ModuleInstance = {
    path: '',
    type: className,
    args: {},
    children: [],
    attrs: new Map(),
    cls,
    line: line || cls.line,
    argSpans: {},
  };
  runInit(file, cls, m, args, kwargs, depth);
  if (depth === 0) setPaths(m, '');
  return m;
}

function runInit(
  file: PyModelFile,
  cls: ClassDef,
  self: ModuleInstance,
  args: Value[],
  kwargs: Record<string, Value>,
  depth: number,
): void {
  const init = findMethod(file, cls, '__init__');
  if (!init) return;
  const interp = new Interp(initHooks(file, cls, self, depth), file.globals);
  const frame: Frame = { vars: bindParams(init, args, kwargs, `${cls.name}.__init__()`, interp), self };
  interp.run(init.body, frame);
}

/** Binds call arguments to a def's parameters (after self) as Python does, defaults evaluated in the file's scope. */
export function bindParams(
  def: MethodDef,
  args: Value[],
  kwargs: Record<string, Value>,
  owner: string,
  interp: Interp,
): Map<string, Value> {
  const params = def.params.slice(1);
  const vars = new Map<string, Value>();
  const positional = params.filter((p) => !p.star);
  const star = params.find((p) => p.star === '*');
  args.forEach((a, i) => {
    if (i < positional.length) vars.set(positional[i].name, a);
  });
  if (args.length > positional.length) {
    if (!star)
      throw new TorchError('TypeError', `${owner} takes ${positional.length + 1} positional arguments but ${args.length + 1} were given`);
    vars.set(star.name, { k: 'tuple', items: args.slice(positional.length) });
  } else if (star) vars.set(star.name, { k: 'tuple', items: [] });
  for (const [k, v] of Object.entries(kwargs)) {
    if (!positional.some((p) => p.name === k) && !params.some((p) => p.star === '**'))
      throw new TorchError('TypeError', `${owner} got an unexpected keyword argument '${k}'`);
    vars.set(k, v);
  }
  const missing: string[] = [];
  for (const p of positional) {
    if (vars.has(p.name)) continue;
    if (p.default) vars.set(p.name, interp.eval(p.default, { vars: new Map() }, def.line));
    else missing.push(p.name);
  }
  if (missing.length) {
    const q = missing.map((n) => `'${n}'`);
    const list = q.length === 1 ? q[0] : `${q.slice(0, -1).join(', ')}${q.length > 2 ? ',' : ''} and ${q[q.length - 1]}`;
    throw new TorchError(
      'TypeError',
      `${owner} missing ${missing.length} required positional argument${missing.length > 1 ? 's' : ''}: ${list}`,
    );
  }
  return vars;
}

/** Gives every module in the tree its dotted path, as named_modules() does. */
export function setPaths(m: ModuleInstance, path: string, seen = new Set<ModuleInstance>()): void {
  // A module registered twice keeps its first path, as named_modules() reports it; `self.a = self` cannot loop.
  if (seen.has(m)) return;
  seen.add(m);
  m.path = path;
  for (const [name, child] of m.children) setPaths(child, path ? `${path}.${name}` : name, seen);
}

function initHooks(file: PyModelFile, cls: ClassDef, self: ModuleInstance, depth: number): Hooks {
  return {
    call(callee: Callee, args, kwargs, site) {
      if (callee.kind === 'global') {
        if (callee.name === 'super') return SUPER;
        if (file.moduleClasses.has(callee.name)) {
          return { k: 'module', m: instantiate(file, callee.name, args, kwargs, site.line, depth + 1) };
        }
        const type = layerTypeOf(callee.name);
        if (type) return { k: 'module', m: buildLayer(type, args, kwargs, site) };
        const ctor = /^torch\.(randn|rand|zeros|ones|empty)$/.exec(callee.name);
        const sizes = (args.length === 1 && args[0].k === 'tuple' ? args[0].items : args).map(asInt);
        if (ctor && sizes.every((n) => n !== undefined)) return { k: 'tensor', shape: sizes as number[] };
        if (/^(?:torch\.)?(?:nn\.)?Parameter$/.test(callee.name) && args[0]?.k === 'tensor')
          return { k: 'tensor', shape: args[0].shape, param: true };
        const layer = /^(?:torch\.)?nn\.(\w+)$/.exec(callee.name);
        if (layer) return unknown(`nn.${layer[1]} (not supported by the shape flow yet)`);
        return undefined;
      }
      if (callee.kind === 'method' && callee.receiver === SUPER && callee.name === '__init__') {
        for (const base of cls.bases) {
          const parent = file.moduleClasses.get(base);
          if (parent) runInit(file, parent, self, args, kwargs, depth + 1);
        }
        return NONE;
      }
      if (
        callee.kind === 'method' &&
        callee.receiver.k === 'module' &&
        callee.name === 'add_module' &&
        args[0]?.k === 'str' &&
        args[1]?.k === 'module'
      ) {
        callee.receiver.m.children.push([args[0].v, args[1].m]);
        return NONE;
      }
      if (
        callee.kind === 'method' &&
        callee.receiver.k === 'module' &&
        callee.receiver.m.type === 'ModuleList' &&
        callee.name === 'append'
      ) {
        const list = callee.receiver.m;
        if (args[0]?.k === 'module') list.children.push([String(list.children.length), args[0].m]);
        return NONE;
      }
      return undefined;
    },
  };
}

/** A built-in layer (or container) call bound as PyTorch binds it. */
export function buildLayer(type: string, args: Value[], kwargs: Record<string, Value>, site: CallSite): ModuleInstance {
  const m: ModuleInstance = {
    path: '',
    type,
    args: {},
    children: [],
    attrs: new Map(),
    line: site.line,
    start: site.expr.start,
    argSpans: {},
  };
  if (type === 'Sequential') {
    args.forEach((a, i) => {
      if (a.k !== 'module') throw new Stop(a.k === 'unknown' ? a.why : `nn.Sequential argument ${i} is not a module`, site.line);
      m.children.push([String(i), a.m]);
    });
    return m;
  }
  if (type === 'ModuleList') {
    const list = args[0] ?? kwargs.modules;
    if (list && list.k === 'tuple')
      list.items.forEach((a, i) => {
        if (a.k === 'module') m.children.push([String(i), a.m]);
      });
    else if (list && list.k !== 'none')
      throw new Stop(list.k === 'unknown' ? list.why : 'nn.ModuleList of something we cannot list', site.line);
    return m;
  }
  const sig = LAYER_SIGNATURES[type];
  const exprs = site.expr.args;
  const given = (v: Value, e: { start: number; end: number } | undefined) => ({ v, span: source(v, e) });
  const r = bindLayerArguments(
    type,
    args.map((a, k) => given(a, exprs[k])),
    Object.entries(kwargs).map(([k, v]) => [k, given(v, site.expr.kwargs[k])] as [string, ReturnType<typeof given>]),
  );
  if ('error' in r) throw new TorchError('TypeError', r.error);
  for (const [name, a] of r.bound) {
    if (name === 'device' || name === 'dtype') continue;
    m.args[name] = a.v;
    m.argSpans[name] = a.span;
  }
  for (const [n, d] of sig) if (!(n in m.args) && d !== 'required') m.args[n] = d;
  return m;
}

function source(v: Value, e: { start: number; end: number } | undefined): ArgSource {
  if (v.k === 'int' && v.src) return { ...v.src, literal: true };
  return { start: e?.start ?? 0, end: e?.end ?? 0, literal: false };
}
