// "Convolve Selection" without VS Code: which literal a selection (or the cursor) means, its title, and the file's kernel candidates.
import type { KernelCandidate, WireTensor } from '../core/protocol/convolution';
import type { Literal, LiteralError, TensorLiteral, TextRange } from '../core/literals/types';
import { runtimeMessage, whyNoTensor } from '../core/literals/runtime-tensor';

/** The literal finder functions this command needs (src/literals). */
export interface LiteralFinder {
  parseSelection(text: string): Array<Literal | LiteralError>;
  literalAt(text: string, offset: number): Literal | LiteralError | null;
  literalsInDocument(text: string): Array<Literal | LiteralError>;
}

/** What the command resolved: the input literal (absolute offsets), an optional kernel literal, and the picker's list. */
export interface ConvolveRequest {
  title: string;
  input: WireTensor;
  /** Where the input literal is in the document now, and its variable name: how edits find it again. */
  range: TextRange;
  name?: string;
  line: number;
  candidates: KernelCandidate[];
  /** Candidate name of a second literal in the selection, used as the kernel. */
  kernel?: string;
}

export interface RequestError {
  message: string;
  /** The selection is computed by code (comprehension, random/IO call, name): offer to start debugging. */
  runtime?: boolean;
  /** 1-based. */
  line: number;
  column: number;
}

/** Literals bigger than this are not offered as kernels (they would bloat every message to the panel). */
const MAX_CANDIDATE_ELEMENTS = 4096;

/** 1-based line and column of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

const isTensor = (l: Literal | LiteralError | null | undefined): l is TensorLiteral => !!l && l.kind === 'tensor';

/**
 * Resolves the command's input: the tensor literals inside a non-empty selection (the first is the input, a second one the kernel),
 * or the literal under the cursor. `file` is the workspace-relative path used in titles and messages.
 */
export function resolveRequest(finder: LiteralFinder, text: string, selection: TextRange, file: string): ConvolveRequest | RequestError {
  let input: TensorLiteral | undefined;
  let second: TensorLiteral | undefined;
  if (selection.end > selection.start) {
    const found = finder.parseSelection(text.slice(selection.start, selection.end));
    const tensors = found.filter(isTensor).map((l) => shift(l, selection.start));
    [input, second] = tensors;
    if (!input) {
      const why = whyNoTensor(
        text.slice(selection.start, selection.end),
        found.find((l): l is LiteralError => l.kind === 'error'),
      );
      if (why && 'runtime' in why) {
        const at = lineColumn(text, selection.start + why.runtime.range.start);
        return { message: `${file}:${at.line}:${at.column}: ${runtimeMessage(why.runtime)}`, runtime: true, ...at };
      }
      if (why) {
        const at = lineColumn(text, selection.start + why.error.range.start);
        return { message: `${file}:${at.line}:${at.column}: ${why.error.message}`, ...at };
      }
      const at = lineColumn(text, selection.start);
      return {
        message: `${file}:${at.line}:${at.column}: the selection holds no tensor literal (such as torch.tensor([[1, 0], [0, 1]]) or [[1, 0], [0, 1]]).`,
        ...at,
      };
    }
  } else {
    const found = finder.literalAt(text, selection.start);
    const at = lineColumn(text, selection.start);
    const why = !found || found.kind === 'error' ? whyNoTensor(statementAt(text, selection.start), found ?? undefined) : undefined;
    if (why && 'runtime' in why)
      return { message: `${file}:${at.line}:${at.column}: ${runtimeMessage(why.runtime)}`, runtime: true, ...at };
    if (why) {
      const e = lineColumn(text, why.error.range.start);
      return { message: `${file}:${e.line}:${e.column}: ${why.error.message}`, ...e };
    }
    if (!isTensor(found)) {
      return {
        message: `${file}:${at.line}:${at.column}: no tensor literal at the cursor. Select one (or put the cursor inside it) and run Convolve Selection again.`,
        ...at,
      };
    }
    input = found;
  }
  const found = input;
  const { line } = lineColumn(text, found.range.start);
  const all = finder.literalsInDocument(text).filter(isTensor);
  // A selection of just the brackets has no name of its own: take the enclosing literal's, or the `name =` before it.
  const name =
    found.name ??
    all.find((l) => l.name && l.range.start <= found.range.start && l.range.end >= found.range.end)?.name ??
    assignedName(text, found.range.start);
  if (name) input = { ...input, name };
  const candidates = kernelCandidates(text, all, input);
  let kernel: string | undefined;
  if (second) {
    const name = candidateName(text, second);
    if (!candidates.some((c) => c.name === name)) candidates.unshift(toCandidate(text, second));
    kernel = name;
  }
  return {
    title: input.name ? `${input.name} (${file}:${line})` : `${file}:${line}`,
    input: { shape: [...input.shape], data: Array.from(input.data) },
    range: input.range,
    name: input.name,
    line,
    candidates,
    kernel,
  };
}

/** The file's other small tensor literals, named by variable (or "line N"). */
export function kernelCandidates(text: string, literals: readonly TensorLiteral[], input?: { range: TextRange }): KernelCandidate[] {
  const seen = new Set<string>();
  const out: KernelCandidate[] = [];
  for (const l of literals) {
    if (input && l.range.start === input.range.start) continue;
    if (l.data.length > MAX_CANDIDATE_ELEMENTS || l.shape.length < 2 || l.shape.length > 4) continue;
    const c = toCandidate(text, l);
    if (seen.has(c.name)) continue; // a reassigned name: the first definition wins, as in the picker's list order
    seen.add(c.name);
    out.push(c);
  }
  return out;
}

/** The statement on the cursor's line (with its continuation lines while brackets are open). */
function statementAt(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth--;
    else if (ch === '\n' && depth <= 0) return text.slice(start, i);
  }
  return text.slice(start);
}

/** `image = torch.tensor(` → "image": the identifier assigned on the literal's own line, right before it. */
function assignedName(text: string, start: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const m = /([A-Za-z_]\w*)\s*(?::[^=]*)?=\s*(?:[\w.]+\()?\s*$/.exec(text.slice(lineStart, start));
  return m?.[1];
}

function candidateName(text: string, l: TensorLiteral): string {
  return l.name ?? `line ${lineColumn(text, l.range.start).line}`;
}

function toCandidate(text: string, l: TensorLiteral): KernelCandidate {
  return { name: candidateName(text, l), line: lineColumn(text, l.range.start).line, shape: [...l.shape], data: Array.from(l.data) };
}

function shift(l: TensorLiteral, by: number): TensorLiteral {
  return { ...l, range: { start: l.range.start + by, end: l.range.end + by } };
}
