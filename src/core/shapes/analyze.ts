// Shape flow of a whole Python file: each nn.Module class instantiated (as the file does, or with its defaults), run on
// its input shape (a `# input:` comment, one the user set, or the tensor the file passes to it), with per-line hints,
// parameter counts, the first PyTorch error (and its fix) or the first line that cannot be followed.
import { TorchError } from '../engine/errors';
import { Stop, findMethod, instantiate, ownParameterCount, readModelFile } from '../pymodel';
import type { ModuleInstance } from '../pymodel/values';
import { FileInputs } from './file-inputs';
import { scriptLayers, type ScriptLayerShape } from './script-layers';
import { classInputComment } from './input-comment';

export { inputFromComments, parseShapeText } from './input-comment';
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
  error?: {
    type: string;
    message: string;
    line: number;
    fix?: TextFix;
    /** The built-in layer that raised it: its constructor call's offset, path and the input it got. */
    layer?: { start?: number; path: string; type: string; input: number[] };
  };
  stop?: { why: string; line: number };
  /** Why the model was not run at all ("needs an input shape", "needs constructor arguments"). */
  notRun?: string;
  /** For a class that cannot run alone: where its hints come from ("layer1 of TinyResNet"). */
  shownAs?: string;
  leafOutputs: LeafOutput[];
}

export interface LayerShape {
  /** 1-based line of the layer's constructor call and its offset. */
  line: number;
  start?: number;
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
  /** Layers built and called at module level, outside any class (`out = conv(image_tensor)`); computed on first read. */
  script: ScriptLayerShape[];
}

export interface AnalyzeOptions {
  /** Input shapes the user set per class name (remembered by the host). */
  inputShapes?: Record<string, number[]>;
}

/**
 * Learnable parameters of a module tree, each module counted once (shared modules too); undefined when __init__ stored
 * something the shape flow could not evaluate (its parameters would be missing from the count).
 */
export function parameterCount(root: ModuleInstance): number | undefined {
  const seen = new Set<ModuleInstance>();
  let unknownLayer = false;
  const walk = (m: ModuleInstance): number => {
    if (seen.has(m)) return 0;
    seen.add(m);
    let own = ownParameterCount(m.type, m.args);
    for (const v of m.attrs.values()) {
      if (v.k === 'tensor' && v.param) own += v.shape.reduce((a, b) => a * b, 1);
      // Anything __init__ stored that we could not evaluate might hold parameters (nn.LSTM, a torchvision model).
      if (v.k === 'unknown') unknownLayer = true;
    }
    return own + m.children.reduce((s, [, c]) => s + walk(c), 0);
  };
  const total = walk(root);
  return unknownLayer ? undefined : total;
}

export function analyzeFile(text: string, opts: AnalyzeOptions = {}): FileShapes {
  const file = readModelFile(text);
  const lines = text.split('\n');
  let script: ScriptLayerShape[] | undefined;
  // Script-level code is run only when asked (hovers): it may parse large tensor literals the models never use.
  const out: FileShapes = {
    models: [],
    hints: new Map(),
    layers: [],
    get script() {
      return (script ??= scriptLayers(file));
    },
  };
  const hinted = new Set<string>();
  const pending = new Map<string, { perLine: Map<number, string[]>; shownAs: string }>();
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
    const comment = classInputComment(lines, cls);
    let input: InputSource | undefined;
    // The shape set with "Set input shape…" is the most deliberate choice; then the file's comment; then its own call.
    if (opts.inputShapes?.[cls.name]) input = { shape: opts.inputShapes[cls.name], source: 'setting', label: 'Set input shape…' };
    else if (comment) input = { shape: comment, source: 'comment', label: '# input: comment' };
    let inputWhy: string | undefined;
    if (!input && inst) ({ input, why: inputWhy } = fileInputs.findInput(inst.name));
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
        const line = e.line ?? cls.line;
        report.error = { type: e.type, message: e.message, line };
      } else if (e instanceof Stop) report.stop = { why: e.why, line: e.line || cls.line };
      else report.stop = { why: `an internal error (${String(e)})`, line: cls.line };
      continue;
    }
    report.parameters = parameterCount(root);
    if (!input) {
      report.notRun = inputWhy ? `needs an input shape (${inputWhy})` : 'needs an input shape';
      continue;
    }
    report.input = input;
    const result = trace(file, root, [{ k: 'tensor', shape: input.shape }]);
    report.leafOutputs = result.leafOutputs;
    if (result.output) report.output = hintValue(result.output) ?? '?';
    if (result.stop) report.stop = result.stop;
    if (result.error) {
      const { type, message, line, module, input } = result.error;
      report.error = { type, message, line, fix: fixOf(text, result) };
      if (module && input) report.error.layer = { start: module.start, path: module.path, type: module.type, input };
    }
    collectLayers(out, result, cls.name);
    for (const [name, perLine] of result.hints) {
      if (name === cls.name) {
        hinted.add(name);
        merge(out.hints, perLine);
      } else if (!pending.has(name)) pending.set(name, { perLine, shownAs: `${result.hintPaths.get(name) || '?'} of ${cls.name}` });
    }
  }
  // Classes only used inside others (a BasicBlock needing arguments) show the shapes of their first use.
  for (const [name, { perLine, shownAs }] of pending) {
    if (hinted.has(name)) continue;
    merge(out.hints, perLine);
    const report = out.models.find((m) => m.className === name);
    if (report && !report.input) report.shownAs = shownAs;
  }
  return out;
}

function merge(into: Map<number, string[]>, from: Map<number, string[]>): void {
  for (const [line, texts] of from) if (!into.has(line)) into.set(line, texts);
}

function collectLayers(out: FileShapes, result: TraceResult, model: string): void {
  for (const [m, s] of result.moduleShapes) {
    if (m.cls) continue;
    out.layers.push({ line: m.line, start: m.start, path: m.path, type: m.type, model, input: s.input, output: s.output });
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

const memo: Array<{ text: string; opts: string; shapes: FileShapes }> = [];

/** analyzeFile with the last few results kept (hovers and editors ask for the same text repeatedly). */
export function analyzeFileCached(text: string, opts: AnalyzeOptions = {}): FileShapes {
  const key = JSON.stringify(opts);
  const hit = memo.find((m) => m.text === text && m.opts === key);
  if (hit) return hit.shapes;
  const shapes = analyzeFile(text, opts);
  memo.unshift({ text, opts: key, shapes });
  if (memo.length > 4) memo.pop();
  return shapes;
}
