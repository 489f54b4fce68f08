// The model's input wherever it comes from, resolved one way for the panel and the command line: a file's bytes (an
// image as ToTensor() reads it, or a tensor file), a typed literal or shape, the literal the file passes to the model,
// or the shape of its `# input:` comment (a seeded torch.rand).
import { Tensor, manualSeed } from '../engine';
import { random } from '../engine/rng';
import { parseLiteral } from '../literals';
import type { PyModelFile } from '../pymodel';
import { FileInputs, parseShapeText } from '../shapes';
import { classInputComment } from '../shapes/input-comment';
import type { Inflate } from '../tensor-files/byte-source';
import { readInputFile, type ImageOptions } from './inputs';

export type InputChoice = { label: string; bytes: Uint8Array } | { label: string; text: string } | undefined;

export interface InputContext {
  file: PyModelFile;
  className: string;
  /** The variable the file assigns the model to, whose call gives the file's own input. */
  instance?: string;
  seed: number;
  image?: ImageOptions;
  inflate?: Inflate;
}

/** The input tensor and how to name it; throws an Error with one sentence when there is none. */
export async function resolveInput(src: InputChoice, ctx: InputContext): Promise<{ label: string; tensor: Tensor }> {
  if (src && 'bytes' in src) return { label: src.label, tensor: await readInputFile(src.bytes, { ...ctx.image, inflate: ctx.inflate }) };
  if (src) {
    const shape = parseShapeText(src.text);
    if (shape) return { label: `torch.rand(${shape.join(', ')})`, tensor: randomTensor(shape, ctx.seed) };
    const lit = parseLiteral(src.text, { language: 'python' });
    if (lit.kind !== 'tensor')
      throw new Error(`${src.label} is not a file, a shape or a tensor literal${lit.kind === 'error' ? ` (${lit.message})` : ''}`);
    return { label: src.label, tensor: new Tensor(lit.data.slice(), lit.shape) };
  }
  const lit = ctx.instance ? new FileInputs(ctx.file).inputValues(ctx.instance) : undefined;
  if (lit) return { label: lit.name ?? "the file's input", tensor: new Tensor(lit.data.slice(), lit.shape) };
  const cls = ctx.file.moduleClasses.get(ctx.className);
  const shape = cls && classInputComment(ctx.file.text.split('\n'), cls);
  if (shape) return { label: `torch.rand(${shape.join(', ')}) for # input: ${shape.join('x')}`, tensor: randomTensor(shape, ctx.seed) };
  throw new Error(`${ctx.className} needs an input: an image, a tensor file, a literal or a shape such as 1x3x32x32`);
}

/** torch.rand(shape) after a seed, with the engine's generator. */
function randomTensor(shape: number[], seed: number): Tensor {
  manualSeed(seed);
  return new Tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, random), shape);
}
