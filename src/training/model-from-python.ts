// Reads the nn.Module subclass of a Python file into a ModelSpec: layers from __init__, their order from a straight-chain forward.
import { samePads } from '../core/engine/geometry-conv-args';
import type { LayerSpec, ModelSpec } from '../core/protocol/worker';
import { constValue, dottedName, type Expr } from '../core/pymodel/python-ast';
import { parseExpr } from '../core/pymodel/python-expr';
import { blockAfter, statements, type Statement } from '../core/pymodel/python-source';

/** A model read from source; inputShape is null when forward does not reshape its input (the data decides then). */
export interface ParsedModel extends Omit<ModelSpec, 'inputShape'> {
  inputShape: number[] | null;
  /** 1-based line of the class statement. */
  line: number;
}

export class ModelSourceError extends Error {
  constructor(
    message: string,
    /** 1-based line the problem is on (0 when it is about the whole file). */
    readonly line: number,
  ) {
    super(line > 0 ? `line ${line}: ${message}` : message);
  }
}

const SUPPORTED = 'nn.Conv2d, nn.Linear, nn.ReLU, nn.MaxPool2d, nn.Flatten and nn.Sequential';

/** Parses the first nn.Module subclass in `text`; throws ModelSourceError naming the line of anything unsupported. */
export function modelFromPython(text: string): ParsedModel {
  const all = statements(text);
  const classIndex = all.findIndex((s) => /^class\s+\w+\s*\(\s*(?:torch\.)?(?:nn\.)?Module\s*\)\s*:$/.test(s.text));
  if (classIndex < 0) throw new ModelSourceError('no nn.Module subclass (class Name(nn.Module): ...) in this file', 0);
  const cls = all[classIndex];
  const name = /^class\s+(\w+)/.exec(cls.text)![1];
  const body = blockAfter(all, classIndex);
  const method = (m: string) => {
    const i = all.findIndex((s, k) => k > classIndex && body.includes(s) && new RegExp(`^def\\s+${m}\\s*\\(`).test(s.text));
    return i < 0 ? undefined : { header: all[i], block: blockAfter(all, i) };
  };
  const init = method('__init__');
  const forward = method('forward');
  if (!init) throw new ModelSourceError(`class ${name} has no __init__ that builds its layers`, cls.line);
  if (!forward) throw new ModelSourceError(`class ${name} has no forward method`, cls.line);

  const modules = new Map<string, { layers: LayerSpec[]; line: number }>();
  for (const s of init.block) {
    if (/^super\s*\(.*\)\s*\.\s*__init__\s*\(.*\)$/.test(s.text) || s.text === 'pass') continue;
    const m = /^self\.(\w+)\s*=\s*(.+)$/.exec(s.text);
    if (!m) throw new ModelSourceError(`only "self.name = nn.Layer(...)" statements are supported in __init__, not "${s.text}"`, s.line);
    modules.set(m[1], { layers: moduleLayers(parse(m[2], s), m[1], s), line: s.line });
  }

  const params = /^def\s+forward\s*\(\s*self\s*,\s*(\w+)\s*\)\s*:$/.exec(forward.header.text);
  if (!params) throw new ModelSourceError('forward must take exactly one input: def forward(self, x):', forward.header.line);
  const chain = new ForwardChain(params[1], modules);
  let result: Step[] | undefined;
  for (const s of forward.block) {
    if (result) throw new ModelSourceError('statements after return are not supported', s.line);
    const ret = /^return\s+(.+)$/.exec(s.text);
    const assign = /^(\w+)\s*=\s*(.+)$/.exec(s.text);
    if (ret) result = chain.evaluate(parse(ret[1], s), s);
    else if (assign) chain.assign(assign[1], chain.evaluate(parse(assign[2], s), s));
    else throw new ModelSourceError(`forward must be a straight chain of "y = f(x)" and "return ...", not "${s.text}"`, s.line);
  }
  if (!result) throw new ModelSourceError('forward has no return statement', forward.header.line);

  let inputShape: number[] | null = null;
  const layers: LayerSpec[] = [];
  const used = new Set<string>();
  for (const step of result) {
    if (step.kind === 'reshape') inputShape = step.shape;
    else if (step.kind === 'module') {
      if (used.has(step.name)) throw new ModelSourceError(`self.${step.name} is called twice; shared layers are not supported`, step.line);
      used.add(step.name);
      layers.push(...modules.get(step.name)!.layers);
    } else layers.push(step.layer);
  }
  if (!layers.some((l) => l.kind === 'conv2d' || l.kind === 'linear'))
    throw new ModelSourceError(`forward of ${name} uses no Conv2d or Linear layer`, forward.header.line);
  return { name, inputShape, layers, line: cls.line };
}

function parse(src: string, s: Statement): Expr {
  try {
    return parseExpr(src);
  } catch (e) {
    throw new ModelSourceError(`cannot read "${src}": ${(e as Error).message}`, s.line);
  }
}

type Step = { kind: 'module'; name: string; line: number } | { kind: 'reshape'; shape: number[] } | { kind: 'op'; layer: LayerSpec };

function layerName(e: Expr): string | undefined {
  const n = dottedName(e);
  const m = n && /^(?:torch\.)?nn\.(\w+)$/.exec(n);
  return m ? m[1] : undefined;
}

/** The layers one `nn.X(...)` expression builds (several for nn.Sequential, named "name.0", "name.1", ...). */
function moduleLayers(e: Expr, name: string, s: Statement): LayerSpec[] {
  const type = e.kind === 'call' ? layerName(e.fn) : undefined;
  if (e.kind !== 'call' || !type) throw new ModelSourceError(`self.${name} must be one of ${SUPPORTED}`, s.line);
  if (type === 'Sequential') {
    if (Object.keys(e.kwargs).length) throw new ModelSourceError('nn.Sequential takes its layers as positional arguments', s.line);
    return e.args.flatMap((child, i) => {
      const inner = moduleLayers(child, `${name}.${i}`, s);
      if (inner.some((l) => 'name' in l && l.name.startsWith(`${name}.${i}.`)))
        throw new ModelSourceError('nested nn.Sequential is not supported', s.line);
      return inner;
    });
  }
  const a = new Args(e, type, s);
  switch (type) {
    case 'Conv2d': {
      const args = a.bind([
        'in_channels',
        'out_channels',
        'kernel_size',
        'stride',
        'padding',
        'dilation',
        'groups',
        'bias',
        'padding_mode',
      ]);
      const kernelSize = a.pair(args.kernel_size, 'kernel_size');
      const dilation = a.pair(args.dilation ?? 1, 'dilation');
      return [
        {
          kind: 'conv2d',
          name,
          inChannels: a.int(args.in_channels, 'in_channels'),
          outChannels: a.int(args.out_channels, 'out_channels'),
          kernelSize,
          stride: a.pair(args.stride ?? 1, 'stride'),
          padding: a.padding(args.padding ?? 0, kernelSize, dilation),
          dilation,
          groups: a.int(args.groups ?? 1, 'groups'),
          bias: a.bool(args.bias ?? true, 'bias'),
          paddingMode: a.oneOf(args.padding_mode ?? 'zeros', ['zeros', 'reflect', 'replicate', 'circular'], 'padding_mode'),
        },
      ];
    }
    case 'Linear': {
      const args = a.bind(['in_features', 'out_features', 'bias']);
      return [
        {
          kind: 'linear',
          name,
          inFeatures: a.int(args.in_features, 'in_features'),
          outFeatures: a.int(args.out_features, 'out_features'),
          bias: a.bool(args.bias ?? true, 'bias'),
        },
      ];
    }
    case 'ReLU':
      a.bind(['inplace']);
      return [{ kind: 'relu' }];
    case 'Flatten': {
      const args = a.bind(['start_dim', 'end_dim']);
      if ((args.start_dim ?? 1) !== 1 || (args.end_dim ?? -1) !== -1)
        throw new ModelSourceError('only nn.Flatten() with start_dim=1, end_dim=-1 is supported', s.line);
      return [{ kind: 'flatten' }];
    }
    case 'MaxPool2d': {
      const args = a.bind(['kernel_size', 'stride', 'padding']);
      const kernelSize = a.pair(args.kernel_size, 'kernel_size');
      return [
        {
          kind: 'maxPool2d',
          kernelSize,
          stride: args.stride == null ? kernelSize : a.pair(args.stride, 'stride'),
          padding: a.pair(args.padding ?? 0, 'padding'),
        },
      ];
    }
    default:
      throw new ModelSourceError(`nn.${type} is not supported (supported: ${SUPPORTED})`, s.line);
  }
}

/** Binds a call's constant arguments to parameter names, with messages that name the layer and line. */
class Args {
  constructor(
    private readonly call: Extract<Expr, { kind: 'call' }>,
    private readonly type: string,
    private readonly s: Statement,
  ) {}

  private fail(msg: string): never {
    throw new ModelSourceError(`nn.${this.type}: ${msg}`, this.s.line);
  }

  bind(names: string[]): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (this.call.args.length > names.length) this.fail(`takes at most ${names.length} positional arguments`);
    const put = (key: string, e: Expr) => {
      const v = constValue(e);
      if (v === undefined) this.fail(`argument ${key} must be a constant (numbers, tuples, True/False or a string)`);
      out[key] = v;
    };
    this.call.args.forEach((e, i) => put(names[i], e));
    for (const [k, e] of Object.entries(this.call.kwargs)) {
      if (!names.includes(k)) this.fail(`argument ${k} is not supported`);
      put(k, e);
    }
    return out;
  }

  int(v: unknown, what: string): number {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
      this.fail(`${what} must be a non-negative whole number${v === undefined ? ' (missing)' : ''}`);
    return v;
  }

  pair(v: unknown, what: string): [number, number] {
    if (Array.isArray(v) && v.length === 2) return [this.int(v[0], what), this.int(v[1], what)];
    const n = this.int(v, what);
    return [n, n];
  }

  bool(v: unknown, what: string): boolean {
    if (typeof v !== 'boolean') this.fail(`${what} must be True or False`);
    return v;
  }

  oneOf<T extends string>(v: unknown, options: T[], what: string): T {
    if (!options.includes(v as T)) this.fail(`${what} must be one of ${options.map((o) => `'${o}'`).join(', ')}`);
    return v as T;
  }

  padding(v: unknown, k: [number, number], d: [number, number]): [number, number] {
    if (v === 'valid') return [0, 0];
    if (v === 'same') {
      const p = samePads([0, 0, k[0], k[1]], d);
      if (p.top !== p.bottom || p.left !== p.right)
        this.fail("padding='same' with an even kernel pads unevenly, which is not supported; give the padding as numbers");
      return [p.top, p.left];
    }
    return this.pair(v, 'padding');
  }
}

/** Evaluates forward's expressions symbolically: each tensor value is the list of steps applied to the input. */
class ForwardChain {
  private readonly env = new Map<string, Step[]>();

  constructor(
    input: string,
    private readonly modules: Map<string, { layers: LayerSpec[] }>,
  ) {
    this.env.set(input, []);
  }

  assign(name: string, steps: Step[]): void {
    this.env.set(name, steps);
  }

  evaluate(e: Expr, s: Statement): Step[] {
    const fail = (msg: string): never => {
      throw new ModelSourceError(msg, s.line);
    };
    if (e.kind === 'name') return this.env.get(e.id) ?? fail(`unknown tensor "${e.id}" in forward`);
    if (e.kind !== 'call') return fail('forward must pass one tensor through layer calls, F.relu, .view/.flatten');
    const fn = e.fn;
    // self.layer(x)
    if (fn.kind === 'attr' && fn.target.kind === 'name' && fn.target.id === 'self') {
      if (!this.modules.has(fn.attr)) fail(`self.${fn.attr} is not a layer built in __init__`);
      if (e.args.length !== 1) fail(`self.${fn.attr} must be called with one tensor`);
      return [...this.evaluate(e.args[0], s), { kind: 'module', name: fn.attr, line: s.line }];
    }
    const dotted = dottedName(fn);
    const args = e.args.slice(1).map(constValue);
    if (dotted && /^(?:F|torch|torch\.nn\.functional)\.relu$/.test(dotted))
      return [...this.evaluate(e.args[0], s), { kind: 'op', layer: { kind: 'relu' } }];
    if (dotted === 'torch.flatten') {
      if ((args[0] ?? 0) !== 1) fail('only torch.flatten(x, 1) is supported');
      return [...this.evaluate(e.args[0], s), { kind: 'op', layer: { kind: 'flatten' } }];
    }
    if (dotted && /^(?:F|torch\.nn\.functional)\.max_pool2d$/.test(dotted)) {
      const k = pairOf(args[0]) ?? fail('F.max_pool2d needs a constant kernel size');
      const kw = (key: string) => (e.kwargs[key] ? constValue(e.kwargs[key]) : undefined);
      const layer: LayerSpec = {
        kind: 'maxPool2d',
        kernelSize: k,
        stride: pairOf(args[1] ?? kw('stride')) ?? k,
        padding: pairOf(args[2] ?? kw('padding') ?? 0) ?? [0, 0],
      };
      return [...this.evaluate(e.args[0], s), { kind: 'op', layer }];
    }
    // x.view(...), x.reshape(...), x.flatten(1), x.relu()
    if (fn.kind === 'attr' && !(dotted && !this.env.has(dotted.split('.')[0]))) {
      const base = this.evaluate(fn.target, s);
      if (fn.attr === 'relu' && e.args.length === 0) return [...base, { kind: 'op', layer: { kind: 'relu' } }];
      if (fn.attr === 'flatten') {
        if (e.args.length !== 1 || constValue(e.args[0]) !== 1) fail('only x.flatten(1) is supported');
        return [...base, { kind: 'op', layer: { kind: 'flatten' } }];
      }
      if (fn.attr === 'view' || fn.attr === 'reshape') {
        const dims = (e.args.length === 1 && e.args[0].kind === 'tuple' ? e.args[0].items : e.args).map(batchDim);
        if (dims.some((d) => d === undefined)) fail(`x.${fn.attr}(...) needs constant sizes`);
        const shape = dims as number[];
        if (shape.length === 2 && (shape[1] === -1 || shape[0] === -1)) return [...base, { kind: 'op', layer: { kind: 'flatten' } }];
        if (base.length === 0 && shape.filter((d) => d === -1).length <= 1)
          return [{ kind: 'reshape', shape: shape.map((d, i) => (d === -1 && i === 0 ? 1 : d)) }];
        fail(`x.${fn.attr}(${shape.join(', ')}) is only supported on the input or as a flatten like .view(1, -1)`);
      }
    }
    return fail(`"${dotted ?? 'this call'}" is not supported in forward (use layers from __init__, F.relu, .view or flatten)`);
  }
}

/** A view size: a constant, or x.size(0) / x.shape[0] (the batch, which is 1 here). */
function batchDim(e: Expr): number | undefined {
  const v = constValue(e);
  if (typeof v === 'number') return v;
  if (
    e.kind === 'call' &&
    e.fn.kind === 'attr' &&
    e.fn.attr === 'size' &&
    constValue(e.args[0] ?? { kind: 'num', value: -1, start: 0, end: 0 }) === 0
  )
    return 1;
  if (e.kind === 'index' && e.target.kind === 'attr' && e.target.attr === 'shape' && constValue(e.index) === 0) return 1;
  return undefined;
}

function pairOf(v: unknown): [number, number] | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return [v, v];
  if (Array.isArray(v) && v.length === 2 && v.every((x) => Number.isInteger(x))) return [v[0], v[1]];
  return undefined;
}
