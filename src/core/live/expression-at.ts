// The Python expression a hover at a position means: a dotted/indexed name chain up to the hovered word (like VS Code's debug hover).
import type { LiveEntry } from '../protocol/live-tensor';

export interface ExpressionAt {
  expression: string;
  /** Character columns [start, end) in the line. */
  start: number;
  end: number;
}

const WORD = /[A-Za-z_\d]/;

/** Skips back over a balanced [...] ending at i (inclusive); returns the index before '[' or -1 when unbalanced. */
function skipBrackets(line: string, i: number): number {
  let depth = 0;
  for (let j = i; j >= 0; j--) {
    if (line[j] === ']') depth++;
    else if (line[j] === '[') {
      depth--;
      if (depth === 0) return j - 1;
    }
  }
  return -1;
}

/**
 * `self.conv1.weight` when hovering `weight`, `self.conv1` when hovering `conv1`, `batch[0]` on `batch[0]`'s `]`…
 * Keywords, numbers and positions in comments or strings give undefined.
 */
export function expressionAt(line: string, column: number): ExpressionAt | undefined {
  if (inCommentOrString(line, column)) return undefined;
  let end = column;
  if (line[column] === ']') {
    end = column + 1;
  } else {
    if (!WORD.test(line[column] ?? '')) return undefined;
    while (end < line.length && WORD.test(line[end])) end++;
  }
  // Walk left over name chars, dots and balanced subscripts.
  let i = end - 1;
  for (;;) {
    if (i < 0) break;
    const c = line[i];
    if (WORD.test(c)) i--;
    else if (c === '.' && i > 0 && (WORD.test(line[i - 1]) || line[i - 1] === ']')) i--;
    else if (c === ']') {
      const before = skipBrackets(line, i);
      if (before < 0) return undefined;
      i = before;
    } else break;
  }
  const start = i + 1;
  const expression = line.slice(start, end);
  if (!/^[A-Za-z_]/.test(expression) || KEYWORDS.has(expression)) return undefined;
  return { expression, start, end };
}

const KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield print'.split(
    ' ',
  ),
);

function inCommentOrString(line: string, column: number): boolean {
  let quote: string | undefined;
  for (let i = 0; i < column && i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '#') return true;
    else if (c === '"' || c === "'") quote = c;
  }
  return quote !== undefined;
}

/** `self.conv1(x)` → module `self.conv1`, input `x` (a single-argument call, as selected for Explain this layer). */
export function layerCall(text: string): { module: string; input: string } | undefined {
  const m = /^\s*([A-Za-z_][\w.]*(?:\[[^\]]*\])?)\s*\(\s*([^,()]+(?:\([^()]*\))?[^,()]*)\s*\)\s*$/.exec(text);
  if (!m) return undefined;
  return { module: m[1], input: m[2].trim() };
}

/** Which of the kernel's Conv2d layers a defining line may mean: `conv = nn.Conv2d(…)` → conv, `self.conv1 = …` → *.conv1. */
export function layersForLine(line: string, convs: readonly LiveEntry[]): string[] {
  const target = /^\s*([A-Za-z_][\w.]*)\s*(?::[^=]*)?=\s*(?:torch\.)?(?:nn\.)?Conv2d\s*\(/.exec(line)?.[1];
  if (target) {
    const attr = target.startsWith('self.') ? target.slice(5) : undefined;
    const exact = convs.filter((c) => (attr ? c.expr.endsWith(`.${attr}`) : c.expr === target));
    if (exact.length) return exact.map((c) => c.expr);
  }
  return convs.map((c) => c.expr);
}
