// The training data of a Python file: its image literals that fit the model, with labels prefilled from label tensors or names.
import type { TensorLiteral } from '../core/literals/types';

export interface DatasetImage {
  name: string;
  /** 1-based line of the literal. */
  line: number;
  shape: number[];
  data: number[];
  /** Class index, or null when nothing in the file says (the user picks one in the view). */
  label: number | null;
  /** Where the label came from, e.g. "label_one" or "name". */
  labelFrom: string | null;
}

export interface FileDataset {
  images: DatasetImage[];
  /** The model's input shape (batch 1): from forward's reshape, or derived from the images. */
  inputShape: number[];
  /** Literals left out because their size does not fit the input. */
  skipped: string[];
}

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** "one_image_2" → 1, "TwoImage" → 2; null when the name holds no number word. */
export function labelFromName(name: string): number | null {
  const words = name
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[_\d]+/);
  for (const w of words) {
    const i = NUMBER_WORDS.indexOf(w);
    if (i >= 0) return i;
  }
  return null;
}

/** Class of a label tensor: a one-hot / probability row (argmax) of length `classes`, or a single class index. */
function classOfLabelTensor(lit: TensorLiteral, classes: number): number | null {
  const d = lit.data;
  if (d.length === classes && classes > 1 && d.every((v) => v >= 0) && Math.abs(d.reduce((a, b) => a + b, 0) - 1) < 1e-6) {
    return Array.from(d).indexOf(Math.max(...d));
  }
  if (d.length === 1 && Number.isInteger(d[0]) && d[0] >= 0 && d[0] < classes && /label|target|class/i.test(lit.name ?? '')) return d[0];
  return null;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Collects the file's training images. Pairs written in the file like `(one_image_1, label_one)` decide labels and order;
 * otherwise number words in names do (`two_image_1` → 2), in file order.
 */
export function datasetFromFile(
  text: string,
  literals: TensorLiteral[],
  inputShape: number[] | null,
  classes: number,
): FileDataset | { error: string } {
  const named = literals.filter((l) => l.name);
  const labelTensors = new Map<string, number>();
  for (const l of named) {
    const c = classOfLabelTensor(l, classes);
    if (c !== null) labelTensors.set(l.name!, c);
  }
  const candidates = named.filter((l) => !labelTensors.has(l.name!) && l.shape.length >= 2);
  if (!inputShape) {
    const first = candidates.find((l) => labelFromName(l.name!) !== null) ?? candidates[0];
    if (!first) return { error: 'no named 2-D tensor literals in this file to train on' };
    inputShape = first.shape.length === 2 ? [1, 1, ...first.shape] : first.shape.length === 3 ? [1, ...first.shape] : first.shape.slice();
  }
  const size = inputShape.reduce((a, b) => a * b, 1);
  const fits = candidates.filter((l) => l.data.length === size);
  const skipped = candidates.filter((l) => l.data.length !== size).map((l) => l.name!);
  if (fits.length === 0) return { error: `no tensor literal in this file has the model's input size ${size} ([${inputShape.join(', ')}])` };

  const pairLabels = new Map<string, string>();
  for (const m of text.matchAll(/\(\s*([A-Za-z_]\w*)\s*,\s*([A-Za-z_]\w*)\s*\)/g)) {
    if (labelTensors.has(m[2]) && fits.some((l) => l.name === m[1]) && !pairLabels.has(m[1])) pairLabels.set(m[1], m[2]);
  }
  const byName = new Map<string, DatasetImage>();
  for (const l of fits) {
    if (byName.has(l.name!)) continue; // a re-assigned name: the first literal wins, like the pairs refer to
    const pair = pairLabels.get(l.name!);
    const fromName = labelFromName(l.name!);
    const label = pair ? labelTensors.get(pair)! : fromName !== null && fromName < classes ? fromName : null;
    byName.set(l.name!, {
      name: l.name!,
      line: lineOf(text, l.range.start),
      shape: l.shape.slice(),
      data: Array.from(l.data),
      label,
      labelFrom: pair ?? (label !== null ? 'name' : null),
    });
  }
  const ordered = [...pairLabels.keys()].map((n) => byName.get(n)!);
  const rest = [...byName.values()].filter((img) => !pairLabels.has(img.name));
  return { images: [...ordered, ...rest], inputShape, skipped };
}
