// Runs a model's forward on an input shape, statement by statement: the shape each line binds (for inlay hints), every
// leaf module's output in the order it ran (like forward hooks), and the first PyTorch error or the first line we
// cannot follow.
import { errorMessage } from '../error-message';
import { TorchError } from '../engine/errors';
import { Interp } from '../pymodel/interp';
import { Stop, type CallSite, type Callee, type Frame, type Hooks } from '../pymodel/interp-hooks';
import { bindParams, findMethod, isBuiltinLayer, layerTypeOf, type PyModelFile } from '../pymodel';
import { unknown, type ModuleInstance, type Value } from '../pymodel/values';
import { elementwise, functionShape, methodShape } from './functional';
import { LayerError, layerOutput } from './layer-shapes';

export interface LeafOutput {
  path: string;
  type: string;
  outputShape: number[];
}

export interface TraceError {
  type: string;
  message: string;
  /** 1-based line of the innermost statement that raised it. */
  line: number;
  /** The layer that raised it and the argument that would fix it, when one number is wrong. */
  module?: ModuleInstance;
  /** The input shape the failing layer was given. */
  input?: number[];
  fix?: { param: string; value: number };
}

export interface TraceResult {
  output?: Value;
  leafOutputs: LeafOutput[];
  /** Per class of the file: per line, the hint texts of that class's first forward call. */
  hints: Map<string, Map<number, string[]>>;
  /** Per class: the module path whose forward gave its hints ('layer1'; '' for the root). */
  hintPaths: Map<string, string>;
  /** Input and output shape of each module the first time it ran. */
  moduleShapes: Map<ModuleInstance, { input: number[]; output: number[] }>;
  error?: TraceError;
  stop?: { why: string; line: number };
}

const fmt = (s: readonly number[]): string => `[${s.join(', ')}]`;

/** Text of a value in a hint: shapes of tensors (and tuples of them), ints; undefined for anything else. */
export function hintValue(v: Value): string | undefined {
  if (v.k === 'tensor') return fmt(v.shape);
  if (v.k === 'int') return String(v.v);
  if (v.k === 'tuple' && v.items.length > 0 && v.items.length <= 4) {
    const parts = v.items.map(hintValue);
    return parts.every((p) => p !== undefined) ? `(${parts.join(', ')})` : undefined;
  }
  return undefined;
}

/** Runs `root`'s forward on `inputs`; never throws (errors and stops are in the result). */
export function trace(file: PyModelFile, root: ModuleInstance, inputs: Value[]): TraceResult {
  const result: TraceResult = { leafOutputs: [], hints: new Map(), hintPaths: new Map(), moduleShapes: new Map() };
  const tracer = new Tracer(file, result);
  try {
    result.output = tracer.callModule(root, inputs, {}, 0);
  } catch (e) {
    const line = e instanceof TorchError || e instanceof Stop ? (e.line ?? 0) : 0;
    if (e instanceof Stop) result.stop = { why: e.why, line: e.line || line };
    else if (e instanceof TorchError) {
      result.error = { type: e.type, message: e.message, line };
      if (e instanceof LayerError) Object.assign(result.error, { module: e.module, input: e.input, fix: e.fix });
    } else result.stop = { why: `an internal error (${errorMessage(e)})`, line };
  }
  return result;
}

const MAX_CALL_DEPTH = 64;

class Tracer {
  private readonly interp: Interp;
  private depth = 0;

  constructor(
    private readonly file: PyModelFile,
    private readonly result: TraceResult,
  ) {
    this.interp = new Interp(this.hooks(), file.globals);
  }

  callModule(m: ModuleInstance, args: Value[], kwargs: Record<string, Value>, line: number): Value {
    const leaf = m.children.length === 0 && (isBuiltinLayer(m.type) || m.type === 'Sequential');
    if (leaf || m.type === 'Sequential') {
      const x = args[0];
      if (!x || x.k !== 'tensor') return x?.k === 'unknown' ? x : unknown(`calling ${m.path || m.type} on something that is not a tensor`);
      let out: Value;
      if (leaf) {
        out = { k: 'tensor', shape: m.children.length ? x.shape : layerOutput(m, x.shape, line) };
        this.result.leafOutputs.push({ path: m.path, type: m.type, outputShape: (out as { shape: number[] }).shape });
      } else {
        out = x;
        for (const [, child] of m.children) out = this.callModule(child, [out], {}, line);
      }
      this.remember(m, x, out);
      return out;
    }
    if (m.type === 'ModuleList') throw new Stop(`calling an nn.ModuleList (${m.path})`, line);
    if (this.depth >= MAX_CALL_DEPTH) throw new Stop(`modules calling each other more than ${MAX_CALL_DEPTH} deep (a recursion?)`, line);
    const cls = m.cls ?? this.file.moduleClasses.get(m.type);
    const forward = cls && findMethod(this.file, cls, 'forward');
    if (!cls || !forward) throw new Stop(`${m.type} has no forward we can read`, line);
    const frame: Frame = { vars: bindParams(forward, args, kwargs, `${m.type}.forward()`, this.interp), self: m };
    if (!this.result.hints.has(cls.name)) {
      this.result.hints.set(cls.name, new Map());
      this.result.hintPaths.set(cls.name, m.path);
      frame.hintClass = cls.name;
    }
    this.depth++;
    let out: Value;
    try {
      out = this.interp.run(forward.body, frame);
    } finally {
      this.depth--;
    }
    if (args[0]) this.remember(m, args[0], out);
    return out;
  }

  private remember(m: ModuleInstance, x: Value, out: Value): void {
    if (x.k === 'tensor' && out.k === 'tensor' && !this.result.moduleShapes.has(m))
      this.result.moduleShapes.set(m, { input: x.shape, output: out.shape });
  }

  private hooks(): Hooks {
    return {
      call: (callee: Callee, args, kwargs, site: CallSite) => this.call(callee, args, kwargs, site),
      tensorBinop: (op, a, b) => (['+', '-', '*', '/'].includes(op) ? elementwise(a, b) : unknown(`the "${op}" operator on tensors`)),
      attribute: (target, attr) => {
        if (target.k !== 'tensor') return undefined;
        if (attr === 'shape') return { k: 'tuple', items: target.shape.map((v) => ({ k: 'int', v })) };
        if (attr === 'ndim') return { k: 'int', v: target.shape.length };
        if (attr === 'T') return { k: 'tensor', shape: [...target.shape].reverse() };
        if (attr === 'data') return target;
        return undefined;
      },
      statement: (stmt, bound, frame) => {
        const cls = frame.hintClass;
        for (const [name, v] of bound) {
          if (v.k === 'unknown' && name !== '' && stmt.kind !== 'return') throw new Stop(v.why, stmt.line);
          if (stmt.kind === 'return' && v.k === 'unknown') throw new Stop(v.why, stmt.line);
          if (!cls || name === '') continue;
          const text = hintValue(v);
          if (!text) continue;
          const lines = this.result.hints.get(cls)!;
          // After the statement's last line: a call spread over several lines gets its shape after the closing bracket.
          const list = lines.get(stmt.endLine) ?? [];
          list.push(name === 'return' ? `→ ${text}` : `${name}: ${text}`);
          lines.set(stmt.endLine, list);
        }
      },
    };
  }

  private call(callee: Callee, args: Value[], kwargs: Record<string, Value>, site: CallSite): Value | undefined {
    if (callee.kind === 'module') return this.callModule(callee.m, args, kwargs, site.line);
    if (callee.kind === 'method') {
      const r = callee.receiver;
      if (r.k === 'tensor') return methodShape(r.shape, callee.name, args, kwargs) ?? unknown(`the tensor method .${callee.name}()`);
      if (r.k === 'unknown') return r;
      return undefined;
    }
    const name = callee.name;
    const fn = /^(?:torch\.nn\.functional|nn\.functional|F|functional)\.(\w+)$/.exec(name);
    if (fn) return functionShape('F', fn[1], args, kwargs) ?? unknown(`${name}(…)`);
    const t = /^torch\.(\w+)$/.exec(name);
    if (t) return functionShape('torch', t[1], args, kwargs) ?? unknown(`${name}(…)`);
    if (layerTypeOf(name) || this.file.moduleClasses.has(name)) return unknown(`a layer built inside forward (${name})`);
    return undefined;
  }
}
