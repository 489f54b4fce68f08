// Shape flow of a whole Python file: each nn.Module class instantiated (as the file does, or with its defaults), run on
// its input shape (a `# input:` comment, one the user set, or the tensor the file passes to it), with per-line hints,
// parameter counts, the first PyTorch error (and its fix) or the first line that cannot be followed.
import { literalsInDocument } from '../literals';
import { TorchError } from '../engine/errors';
import {
  Interp,
  Stop,
  commentsAround,
  findMethod,
  instantiate,
  ownParameterCount,
  readModelFile,
  type Expr,
  type PyModelFile,
} from '../pymodel';
import { dottedName } from '../pymodel/python-expr';
import type { ModuleInstance, Value } from '../pymodel/values';
import { functionShape, methodShape } from './functional';
import { hintValue, trace, type LeafOutput, type TraceResult } from './trace';

export interface TextFix {
  start: number;
  end: number;
  newText: string;
  title: string;
}

export interface InputSource {
  shape: number[];
  source: 'comment' | 'setting' | 'file';
  /** Where it comes from, for the CodeLens ("# input: comment", "model(image) on line 30"). */
  label: string;
}

export interface ModelReport {
  className: string;
  classLine: number;
  /** 1-based line of `def forward`, when the class has one of its own. */
  forwardLine?: number;
  input?: InputSource;
  /** How the model was built: "MnistNet(9200) on line 101" or "MnistNet()". */
  built?: string;
  output?: string;
  parameters?: number;
  error?: { type: string; message: string; line: number; fix?: TextFix };
  stop?: { why: string; line: number };
  /** Why the model was not run at all ("needs an input shape", "needs constructor arguments"). */
  notRun?: string;
  leafOutputs: LeafOutput[];
}

export interface LayerShape {
  /** 1-based line of the layer's constructor call. */
  line: number;
  path: string;
  type: string;
  model: string;
  input: number[];
  output: number[];
}

export interface FileShapes {
  models: ModelReport[];
  /** Inlay hint texts per 1-based line (forward lines of analysed classes). */
  hints: Map<number, string[]>;
  layers: LayerShape[];
}

export interface AnalyzeOptions {
  /** Input shapes the user set per class name (remembered by the host). */
  inputShapes?: Record<string, number[]>;
}

const INPUT_COMMENT = /^input\s*[:=]\s*[[(]?\s*(\d+(?:\s*[x×,*]\s*\d+)*)\s*[\])]?\s*$/i;

/** `# input: 1x1x28x28` (also `[4, 1, 28, 28]`, `4×1×28×28`) among comment texts. */
export function inputFromComments(comments: string[]): number[] | undefined {
  for (const c of comments) {
    const m = INPUT_COMMENT.exec(c.trim());
    if (m) return m[1].split(/\s*[x×,*]\s*/).map(Number);
  }
  return undefined;
}

/** Parses a shape the user typed: `4x1x28x28`, `[4, 1, 28, 28]`, `(4, 1, 28, 28)`; undefined if it is not one. */
export function parseShapeText(text: string): number[] | undefined {
  const m = /^\s*[[(]?\s*(\d+(?:\s*[x×,*]\s*\d+)*)\s*,?\s*[\])]?\s*$/.exec(text);
  if (!m) return undefined;
  const dims = m[1].split(/\s*[x×,*]\s*/).map(Number);
  return dims.every((d) => Number.isInteger(d) && d > 0 && d < 1e7) && dims.length <= 8 ? dims : undefined;
}

/** Learnable parameters of a module tree, each module counted once (shared modules too). */
export function parameterCount(root: ModuleInstance): number {
  const seen = new Set<ModuleInstance>();
  const walk = (m: ModuleInstance): number => {
    if (seen.has(m)) return 0;
    seen.add(m);
    return ownParameterCount(m.type, m.args) + m.children.reduce((s, [, c]) => s + walk(c), 0);
  };
  return walk(root);
}

export function analyzeFile(text: string, opts: AnalyzeOptions = {}): FileShapes {
  const file = readModelFile(text);
  const lines = text.split('\n');
  const out: FileShapes = { models: [], hints: new Map(), layers: [] };
  const hinted = new Set<string>();
  const pending = new Map<string, Map<number, string[]>>();
  const fileInputs = new FileInputs(file);
  for (const cls of file.moduleClasses.values()) {
    const forward = cls.methods.get('forward');
    const report: ModelReport = { className: cls.name, classLine: cls.line, forwardLine: forward?.line, leafOutputs: [] };
    out.models.push(report);
    if (!findMethod(file, cls, 'forward')) {
      report.notRun = 'no forward method';
      continue;
    }
    const inst =
      file.instances.find((i) => i.className === cls.name && file.uses.some((u) => u.instance === i.name)) ??
      file.instances.find((i) => i.className === cls.name);
    const comment = inputFromComments([...cls.comments, ...(forward ? commentsAround(lines, forward.line) : [])]);
    let input: InputSource | undefined;
    if (comment) input = { shape: comment, source: 'comment', label: '# input: comment' };
    else if (opts.inputShapes?.[cls.name]) input = { shape: opts.inputShapes[cls.name], source: 'setting', label: 'set input shape' };
    else if (inst) input = fileInputs.inputOf(inst.name);
    let root: ModuleInstance;
    try {
      if (inst) {
        const [args, kwargs] = fileInputs.constructorArgs(inst.call);
        root = instantiate(file, cls.name, args, kwargs, inst.line);
        report.built = `${text.slice(inst.call.start, inst.call.end)} on line ${inst.line}`;
      } else {
        root = instantiate(file, cls.name, [], {}, cls.line);
        report.built = `${cls.name}()`;
      }
    } catch (e) {
      if (e instanceof TorchError && /missing \d+ required positional argument/.test(e.message)) {
        report.notRun = `needs constructor arguments (${e.message.replace(/^.*argument(s)?: /, '')})`;
      } else if (e instanceof TorchError) {
        const line = (e as { line?: number }).line ?? cls.line;
        report.error = { type: e.type, message: e.message, line };
      } else if (e instanceof Stop) report.stop = { why: e.why, line: e.line || ((e as { line?: number }).line ?? cls.line) };
      else report.stop = { why: `an internal error (${String(e)})`, line: cls.line };
      continue;
    }
    report.parameters = parameterCount(root);
    if (!input) {
      report.notRun = 'needs an input shape';
      continue;
    }
    report.input = input;
    const result = trace(file, root, [{ k: 'tensor', shape: input.shape }]);
    report.leafOutputs = result.leafOutputs;
    if (result.output) report.output = hintValue(result.output) ?? '?';
    if (result.stop) report.stop = result.stop;
    if (result.error) report.error = { ...result.error, fix: fixOf(text, result) };
    collectLayers(out, result, cls.name);
    for (const [name, perLine] of result.hints) {
      if (name === cls.name) {
        hinted.add(name);
        merge(out.hints, perLine);
      } else if (!pending.has(name)) pending.set(name, perLine);
    }
  }
  // Classes only used inside others (a BasicBlock needing arguments) show the shapes of their first use.
  for (const [name, perLine] of pending) if (!hinted.has(name)) merge(out.hints, perLine);
  return out;
}

function merge(into: Map<number, string[]>, from: Map<number, string[]>): void {
  for (const [line, texts] of from) if (!into.has(line)) into.set(line, texts);
}

function collectLayers(out: FileShapes, result: TraceResult, model: string): void {
  for (const [m, s] of result.moduleShapes) {
    if (m.cls) continue;
    out.layers.push({ line: m.line, path: m.path, type: m.type, model, input: s.input, output: s.output });
  }
}

/** The edit that makes the failing layer accept its input, when the wrong number is written in the file. */
function fixOf(text: string, result: TraceResult): TextFix | undefined {
  const e = result.error;
  if (!e?.module || !e.fix) return undefined;
  const span = e.module.argSpans[e.fix.param];
  if (!span || span.end <= span.start) return undefined;
  const current = text.slice(span.start, span.end);
  if (!span.literal && !/^[\d\s*+\-/()]+$/.test(current)) return undefined;
  return { start: span.start, end: span.end, newText: String(e.fix.value), title: `Change ${e.fix.param} to ${e.fix.value}` };
}

/** Module-level code: tensors the file builds and passes to its models, and the constructor arguments it uses. */
class FileInputs {
  private env?: Map<string, Value>;
  private literalShapes?: Map<number, number[]>;
  private readonly interp: Interp;

  constructor(private readonly file: PyModelFile) {
    this.interp = new Interp(
      {
        call: (callee, args, kwargs, site) => {
          if (callee.kind === 'method')
            return callee.receiver.k === 'tensor' ? methodShape(callee.receiver.shape, callee.name, args, kwargs) : undefined;
          if (callee.kind !== 'global') return undefined;
          const t = /^(?:torch|np|numpy)\.(\w+)$/.exec(callee.name);
          if (!t) return undefined;
          const lit = this.literals().get(site.expr.start);
          if (lit) return { k: 'tensor', shape: lit };
          return callee.name.startsWith('torch.') ? functionShape('torch', t[1], args, kwargs) : undefined;
        },
      },
      file.globals,
    );
  }

  private literals(): Map<number, number[]> {
    if (!this.literalShapes) {
      this.literalShapes = new Map();
      for (const l of literalsInDocument(this.file.text, { language: 'python', maxElements: 1 << 22 }))
        if (l.kind === 'tensor') this.literalShapes.set(l.range.start, l.shape);
    }
    return this.literalShapes;
  }

  /** Runs the module-level statements once (each on its own: one that fails does not stop the rest). */
  private environment(): Map<string, Value> {
    if (this.env) return this.env;
    this.env = new Map(this.file.globals);
    const frame = { vars: this.env };
    for (const s of this.file.topLevel) {
      if (s.kind !== 'assign') continue;
      if (s.targets.length === 1 && s.targets[0].kind === 'name' && this.file.instances.some((i) => i.line === s.line)) continue;
      try {
        this.interp.run([s], frame);
      } catch {
        // Code we cannot evaluate binds nothing we use.
      }
    }
    return this.env;
  }

  /** The shape of the first tensor the file passes to instance `name`. */
  inputOf(name: string): InputSource | undefined {
    for (const use of this.file.uses) {
      if (use.instance !== name) continue;
      const lit = this.literals().get(use.arg.start);
      const v: Value = lit ? { k: 'tensor', shape: lit } : this.evaluate(use.arg, use.line);
      if (v.k === 'tensor')
        return {
          shape: v.shape,
          source: 'file',
          label: `${name}(${dottedName(use.arg) ?? this.file.text.slice(use.arg.start, use.arg.end)}) on line ${use.line}`,
        };
    }
    return undefined;
  }

  constructorArgs(call: { args: Expr[]; kwargs: Record<string, Expr> }): [Value[], Record<string, Value>] {
    const frame = { vars: this.environment() };
    const args = call.args.map((a) => this.interp.eval(a, frame, 0));
    const kwargs = Object.fromEntries(Object.entries(call.kwargs).map(([k, v]) => [k, this.interp.eval(v, frame, 0)]));
    return [args, kwargs];
  }

  private evaluate(e: Expr, line: number): Value {
    try {
      return this.interp.eval(e, { vars: this.environment() }, line);
    } catch {
      return { k: 'unknown', why: 'the model input' };
    }
  }
}
