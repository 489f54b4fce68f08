// Script-level code outside classes: layers built and called at module level (`conv = nn.Conv2d(1, 10, 5)`,
// `out = conv(image_tensor)`, `F.conv2d(x, w)`), run statement by statement with the shape each call gets and gives.
import { TorchError } from '../engine/errors';
import { parseLiteral } from '../literals';
import { Interp, buildLayer, dottedName, isBuiltinLayer, layerTypeOf, type Expr, type PyModelFile } from '../pymodel';
import type { CallSite, Callee } from '../pymodel/interp-hooks';
import { unknown, type ModuleInstance, type Value } from '../pymodel/values';
import { functionShape, methodShape } from './functional';
import { layerOutput } from './layer-shapes';

export interface ScriptLayerShape {
  /** Offset of the layer's constructor call (`nn.Conv2d(...)`), or of the `F.conv2d(...)` call itself. */
  start: number;
  type: string;
  /** 1-based line of the call that fed it. */
  line: number;
  /** Source text of the input argument (`image_tensor.view(1, 1, 5, 5)`). */
  arg: string;
  input: number[];
  output?: number[];
  /** PyTorch's error for this input (`RuntimeError: …`). */
  error?: string;
}

const F_CALL = /^(?:torch\.nn\.functional|nn\.functional|F|functional)\.(\w+)$/;

/** Runs the file's module-level statements (each on its own) and returns every layer call's input and output shape. */
export function scriptLayers(file: PyModelFile): ScriptLayerShape[] {
  const out: ScriptLayerShape[] = [];
  const seen = new Set<string>();
  const record = (s: ScriptLayerShape): void => {
    // The first call of a layer is the one its hover shows (as for a model's first forward).
    const key = String(s.start);
    if (seen.has(key)) return;
    seen.add(key);
    out.push(s);
  };
  const argText = (site: CallSite): string => {
    const a = site.expr.args[0];
    return a ? (dottedName(a) ?? file.text.slice(a.start, a.end)).trim() : '';
  };
  const callLayer = (m: ModuleInstance, x: Value, site: CallSite): Value => {
    if (x.k !== 'tensor') return x.k === 'unknown' ? x : unknown(`calling ${m.type} on something that is not a tensor`);
    if (m.type === 'Sequential') return m.children.reduce<Value>((v, [, c]) => callLayer(c, v, site), x);
    if (!isBuiltinLayer(m.type) || m.start === undefined) return unknown(`calling ${m.type}`);
    const entry: ScriptLayerShape = { start: m.start, type: m.type, line: site.line, arg: argText(site), input: [...x.shape] };
    try {
      entry.output = layerOutput(m, x.shape, site.line);
      record(entry);
      return { k: 'tensor', shape: entry.output };
    } catch (e) {
      if (e instanceof TorchError) record({ ...entry, error: `${e.type}: ${e.message}` });
      return unknown(e instanceof TorchError ? `${e.type}: ${e.message}` : `nn.${m.type} on ${entry.arg}`);
    }
  };
  const call = (callee: Callee, args: Value[], kwargs: Record<string, Value>, site: CallSite): Value | undefined => {
    if (callee.kind === 'module') return callLayer(callee.m, args[0] ?? unknown('no input'), site);
    if (callee.kind === 'method')
      return callee.receiver.k === 'tensor' ? methodShape(callee.receiver.shape, callee.name, args, kwargs) : undefined;
    const name = callee.name;
    // A model class of the file is the shape flow's business (analyzeFile runs its forward).
    if (file.moduleClasses.has(name)) return unknown(`the model ${name}`);
    const type = layerTypeOf(name);
    if (type) return { k: 'module', m: buildLayer(type, args, kwargs, site) };
    const fn = F_CALL.exec(name);
    if (fn) return functional(fn[1], args, kwargs, site);
    const t = /^(?:torch|np|numpy)\.(\w+)$/.exec(name);
    if (!t) return undefined;
    const lit = literalShape(file.text, site.expr);
    if (lit) return { k: 'tensor', shape: lit };
    return name.startsWith('torch.') ? functionShape('torch', t[1], args, kwargs) : undefined;
  };
  const functional = (name: string, args: Value[], kwargs: Record<string, Value>, site: CallSite): Value | undefined => {
    const x = args[0];
    if (name !== 'conv2d' || x?.k !== 'tensor') return functionShape('F', name, args, kwargs);
    const entry: ScriptLayerShape = { start: site.expr.start, type: 'conv2d', line: site.line, arg: argText(site), input: [...x.shape] };
    try {
      const v = functionShape('F', name, args, kwargs);
      if (v?.k === 'tensor') record({ ...entry, output: v.shape });
      return v;
    } catch (e) {
      if (e instanceof TorchError) record({ ...entry, error: `${e.type}: ${e.message}` });
      return unknown('F.conv2d');
    }
  };
  const interp = new Interp({ call: (callee, args, kwargs, site) => call(callee, args, kwargs, site) }, file.globals);
  const frame = { vars: new Map(file.globals) };
  for (const s of file.topLevel) {
    if (s.kind !== 'assign' && s.kind !== 'expr') continue;
    try {
      interp.run([s], frame);
    } catch {
      // A statement we cannot follow leaves its names unknown (not their old values); the rest of the script still runs.
      if (s.kind === 'assign') for (const t of s.targets) if (t.kind === 'name') frame.vars.set(t.id, unknown(`line ${s.line}`));
    }
  }
  return out;
}

/** The shape of a tensor literal call (`torch.tensor([[...]])`), parsed only when asked. */
function literalShape(text: string, e: Expr): number[] | undefined {
  const lit = parseLiteral(text.slice(e.start, e.end), { language: 'python', maxElements: 1 << 22 });
  return lit.kind === 'tensor' ? lit.shape : undefined;
}
