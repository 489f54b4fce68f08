// Any trainable model of a Python file, read through the model IR: which class, its input shape, its classes, and the
// TrainConfig model (ModelSpec.source) the worker builds with IrNetwork. Used when the file's model is not a straight chain.
import { TorchError } from '../core/engine';
import { Stop, instantiate, readModelFile, type PyModelFile } from '../core/pymodel';
import type { ModuleInstance } from '../core/pymodel/values';
import type { ModelSpec } from '../core/protocol/worker';
import { inputFromComments, parameterCount, trace } from '../core/shapes';
import { commentsAround } from '../core/pymodel';
import { literalsInDocument } from '../core/literals';
import type { TensorLiteral } from '../core/literals/types';
import { datasetFromFile } from './file-dataset';
import { modelFromPython } from './model-from-python';
import { ModelSourceError } from './model-source-args';
import { inferShapes } from './model-spec';

export interface SourceModel {
  name: string;
  line: number;
  /** From a `# input: 1x1x28x28` comment on the class or forward (batch set to 1), else null (the data decides). */
  inputShape: number[] | null;
  file: PyModelFile;
}

/** The model class to train: the one the file instantiates, else the last class no other class uses inside itself. */
export function sourceModel(text: string): SourceModel {
  const file = readModelFile(text);
  if (file.moduleClasses.size === 0) throw new ModelSourceError('no nn.Module subclass (class Name(nn.Module): ...) in this file', 0);
  const trees = new Map<string, ModuleInstance>();
  for (const name of file.moduleClasses.keys()) {
    try {
      trees.set(name, instantiate(file, name));
    } catch {
      // needs constructor arguments or cannot be followed: not a root we can train
    }
  }
  const used = new Set<string>();
  const visit = (m: ModuleInstance) => m.children.forEach(([, c]) => (used.add(c.type), visit(c)));
  trees.forEach(visit);
  const instantiated = file.instances.map((i) => i.className).find((n) => trees.has(n));
  const roots = [...trees.keys()].filter((n) => !used.has(n));
  const name = instantiated ?? roots[roots.length - 1];
  if (!name) {
    const first = [...file.moduleClasses.values()][0];
    try {
      instantiate(file, first.name);
    } catch (e) {
      throw asSourceError(e, first.line);
    }
    throw new ModelSourceError(`class ${first.name} cannot be built without arguments`, first.line);
  }
  const cls = file.moduleClasses.get(name)!;
  const forward = cls.methods.get('forward');
  const lines = text.split('\n');
  const comments = [...commentsAround(lines, cls.line), ...(forward ? commentsAround(lines, forward.line) : [])];
  const shape = inputFromComments(comments);
  return { name, line: cls.line, inputShape: shape ? [1, ...shape.slice(1)] : null, file };
}

/** Runs the static shape flow for a batch-1 input: the model's ModelSpec with its class count, or a line-named error. */
export function sourceModelSpec(m: SourceModel, text: string, inputShape: number[]): ModelSpec {
  const root = instantiate(m.file, m.name);
  const r = trace(m.file, root, [{ k: 'tensor', shape: inputShape }]);
  if (r.error) throw new ModelSourceError(`class ${m.name} on input [${inputShape.join(', ')}]: ${r.error.message}`, r.error.line);
  if (r.stop) throw new ModelSourceError(`class ${m.name}: can't follow ${r.stop.why}`, r.stop.line);
  const out = r.output?.k === 'tensor' ? r.output.shape : undefined;
  if (!out || out.length !== 2 || out[0] !== 1) {
    throw new ModelSourceError(
      `class ${m.name} should end with logits [1, classes] but ends with ${out ? `[${out.join(', ')}]` : 'something that is not a tensor'}`,
      m.line,
    );
  }
  const params = parameterCount(root);
  const summary = `${m.name}: ${r.leafOutputs.length} layers${params === undefined ? '' : `, ${params.toLocaleString('en-US')} parameters`}`;
  return { name: m.name, inputShape, layers: [], source: { text, classes: out[1], summary } };
}

function asSourceError(e: unknown, line: number): ModelSourceError {
  if (e instanceof Stop) return new ModelSourceError(`can't follow ${e.why}`, e.line || line);
  if (e instanceof TorchError) return new ModelSourceError(`${e.type}: ${e.message}`, (e as { line?: number }).line ?? line);
  return new ModelSourceError(e instanceof Error ? e.message : String(e), line);
}

/**
 * The file's model and training images: a straight chain through the chain reader (feature maps and all), any other
 * architecture through the model IR. Throws ModelSourceError naming the line of the first problem.
 */
export function trainableFromFile(text: string): {
  model: ModelSpec;
  images: Array<{ name: string; shape: number[]; data: number[]; label: number | null; line: number }>;
} {
  const tensors = literalsInDocument(text, { language: 'python' }).filter((l): l is TensorLiteral => l.kind === 'tensor');
  const pick = (d: ReturnType<typeof datasetFromFile>) => {
    if ('error' in d) throw new ModelSourceError(d.error, 0);
    return d;
  };
  const imagesOf = (d: Exclude<ReturnType<typeof datasetFromFile>, { error: string }>) =>
    d.images.map(({ name, shape, data, label, line }) => ({ name, shape, data, label, line }));
  let parsed;
  try {
    parsed = modelFromPython(text);
  } catch (chainError) {
    if (!(chainError instanceof ModelSourceError)) throw chainError;
    const src = sourceModel(text);
    const inputShape = pick(datasetFromFile(text, tensors, src.inputShape, 0)).inputShape;
    const model = sourceModelSpec(src, text, inputShape);
    return { model, images: imagesOf(pick(datasetFromFile(text, tensors, inputShape, model.source!.classes))) };
  }
  const lastLinear = [...parsed.layers].reverse().find((l) => l.kind === 'linear');
  const classes = lastLinear && lastLinear.kind === 'linear' ? lastLinear.outFeatures : 0;
  const data = pick(datasetFromFile(text, tensors, parsed.inputShape, classes));
  const model: ModelSpec = { name: parsed.name, inputShape: data.inputShape, layers: parsed.layers };
  const shapes = inferShapes(model);
  if ('error' in shapes) throw new ModelSourceError(`class ${parsed.name}: ${shapes.error}`, parsed.line);
  return { model, images: imagesOf(data) };
}
