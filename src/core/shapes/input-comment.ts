// Where a model's input shape is written: a `# input: 4x1x28x28` comment above the class, as the first lines inside
// its body, or beside forward; and shapes the user types (`4x1x28x28`, `[4, 1, 28, 28]`).
import { commentsAround, type ClassDef } from '../pymodel';

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

/** The comment lines that open a class body (`class Net(nn.Module):` then `# input: 2x3x32x32`), after a docstring. */
export function commentsInsideClass(lines: string[], classLine: number): string[] {
  const out: string[] = [];
  let l = classLine;
  if (/^\s*[rRuU]?("""|''')/.test(lines[l] ?? '')) {
    // Skip a docstring: one line, or up to its closing quotes.
    const q = /("""|''')/.exec(lines[l])![1];
    const rest = lines[l].slice(lines[l].indexOf(q) + 3);
    if (!rest.includes(q)) {
      l++;
      while (l < lines.length && !lines[l].includes(q)) l++;
    }
    l++;
  }
  for (; l < lines.length && /^\s*(#|$)/.test(lines[l]); l++) {
    const t = lines[l].trim();
    if (t) out.push(t.slice(1).trim());
  }
  return out;
}

/** The `# input:` shape written for a class: above it, first inside its body, or beside its own forward. */
export function classInputComment(lines: string[], cls: ClassDef): number[] | undefined {
  const forward = cls.methods.get('forward');
  return inputFromComments([
    ...cls.comments,
    ...commentsInsideClass(lines, cls.line),
    ...(forward ? commentsAround(lines, forward.line) : []),
  ]);
}
