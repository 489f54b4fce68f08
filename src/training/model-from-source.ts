// The trainable model of a Python file, read through the model IR: which class, its input shape, its classes, its
// description, and the TrainConfig model (ModelSpec) the worker builds with IrNetwork.
import { errorMessage } from '../core/error-message';
import { TorchError } from '../core/engine';
import { Stop, instantiate, readModelFile, type PyModelFile } from '../core/pymodel';
import type { ModuleInstance } from '../core/pymodel/values';
import type { ModelSpec } from '../core/protocol/worker';
import { inputFromComments, trace } from '../core/shapes';
import { commentsAround } from '../core/pymodel';
import { literalsInDocument } from '../core/literals';
import type { TensorLiteral } from '../core/literals/types';
import { datasetFromFile } from './file-dataset';
import { describeLayer, describeTree } from './model-describe';
import { ModelSourceError } from './model-source-error';

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
  let root: ModuleInstance;
  try {
    root = instantiate(m.file, m.name);
  } catch (e) {
    throw asSourceError(e, m.line);
  }
  const r = trace(m.file, root, [{ k: 'tensor', shape: inputShape }]);
  if (r.error) {
    const { module, input } = r.error;
    const where =
      module && input ? `${describeLayer(module)} on input [${input.join(', ')}]` : `class ${m.name} on input [${inputShape.join(', ')}]`;
    throw new ModelSourceError(`${where}: ${r.error.message}`, r.error.line);
  }
  if (r.stop) throw new ModelSourceError(`class ${m.name}: can't follow ${r.stop.why}`, r.stop.line);
  const out = r.output?.k === 'tensor' ? r.output.shape : undefined;
  if (!out || out.length !== 2 || out[0] !== 1) {
    throw new ModelSourceError(
      `class ${m.name} should end with logits [1, classes] but ends with ${out ? `[${out.join(', ')}]` : 'something that is not a tensor'}`,
      m.line,
    );
  }
  return { name: m.name, inputShape, source: { text, classes: out[1], summary: describeTree(m.name, root, r) } };
}

/** The ModelSpec of the model class of `text` for a batch-1 `inputShape` (the tutorial's, a bench's, a test's). */
export function modelSpecFromSource(text: string, inputShape: number[]): ModelSpec {
  return sourceModelSpec(sourceModel(text), text, inputShape);
}

/** Why `spec` cannot train on its input shape (PyTorch's error, naming the layer and line), or null. */
export function modelProblem(spec: ModelSpec): string | null {
  try {
    const file = readModelFile(spec.source.text);
    const cls = file.moduleClasses.get(spec.name);
    if (!cls) return `the model's source has no class ${spec.name}`;
    sourceModelSpec({ name: spec.name, line: cls.line, inputShape: null, file }, spec.source.text, spec.inputShape);
    return null;
  } catch (e) {
    if (e instanceof ModelSourceError) return e.message;
    throw e;
  }
}

function asSourceError(e: unknown, line: number): ModelSourceError {
  if (e instanceof Stop) return new ModelSourceError(`can't follow ${e.why}`, e.line || line);
  if (e instanceof TorchError) return new ModelSourceError(`${e.type}: ${e.message}`, e.line ?? line);
  return new ModelSourceError(errorMessage(e), line);
}

/**
 * The file's model and training images, read through the model IR. The input shape comes from a `# input:` comment, else
 * from the images. Throws ModelSourceError naming the line of the first problem.
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
  const src = sourceModel(text);
  const inputShape = pick(datasetFromFile(text, tensors, src.inputShape, 0)).inputShape;
  const model = sourceModelSpec(src, text, inputShape);
  const data = pick(datasetFromFile(text, tensors, inputShape, model.source.classes));
  return { model, images: data.images.map(({ name, shape, data, label, line }) => ({ name, shape, data, label, line })) };
}
