// forward() of a straight-chain model read symbolically: which layers, functional ops and reshapes the input passes through.
import type { LayerSpec } from '../core/protocol/worker';
import { constValue, dottedName, type Expr } from '../core/pymodel/python-ast';
import type { Statement } from '../core/pymodel/python-source';
import { ModelSourceError } from './model-source-args';

/** One thing forward does to its input: call a layer of __init__, reshape the input, or apply a functional op. */
export type Step = { kind: 'module'; name: string; line: number } | { kind: 'reshape'; shape: number[] } | { kind: 'op'; layer: LayerSpec };

/** Evaluates forward's expressions symbolically: each tensor value is the list of steps applied to the input. */
export class ForwardChain {
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
