// Reads the nn.Module subclass of a Python file into a ModelSpec: layers from __init__, their order from a straight-chain forward.
import type { LayerSpec, ModelSpec } from '../core/protocol/worker';
import { dottedName, type Expr } from '../core/pymodel/python-ast';
import { blockAfter, statements, type Statement } from '../core/pymodel/python-source';
import { ForwardChain, type Step } from './model-forward-chain';
import { LayerArgs, ModelSourceError, parseStatementExpr } from './model-source-args';

/** A model read from source; inputShape is null when forward does not reshape its input (the data decides then). */
export interface ParsedModel extends Omit<ModelSpec, 'inputShape'> {
  inputShape: number[] | null;
  /** 1-based line of the class statement. */
  line: number;
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
    modules.set(m[1], { layers: moduleLayers(parseStatementExpr(m[2], s), m[1], s), line: s.line });
  }

  const params = /^def\s+forward\s*\(\s*self\s*,\s*(\w+)\s*\)\s*:$/.exec(forward.header.text);
  if (!params) throw new ModelSourceError('forward must take exactly one input: def forward(self, x):', forward.header.line);
  const chain = new ForwardChain(params[1], modules);
  let result: Step[] | undefined;
  for (const s of forward.block) {
    if (result) throw new ModelSourceError('statements after return are not supported', s.line);
    const ret = /^return\s+(.+)$/.exec(s.text);
    const assign = /^(\w+)\s*=\s*(.+)$/.exec(s.text);
    if (ret) result = chain.evaluate(parseStatementExpr(ret[1], s), s);
    else if (assign) chain.assign(assign[1], chain.evaluate(parseStatementExpr(assign[2], s), s));
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
  const a = new LayerArgs(e, type, s);
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
