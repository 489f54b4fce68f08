// Recognises code whose tensor only exists when the program runs (comprehensions, random/IO calls, names), to say so plainly.
import type { LiteralError, TextRange } from './types';

export interface RuntimeTensor {
  /** The variable it is assigned to, if the code is `name = ...`. */
  name?: string;
  /** Why it can't be read from the text, e.g. "it is built by a list comprehension". */
  reason: string;
  /** Range of the expression within the text. */
  range: TextRange;
  /** 'code': a comprehension, random draw or file read says so; 'name': only that it starts with a name or call. */
  evidence: 'code' | 'name';
}

const RANDOM =
  /^(torch\.(randn|rand|randint|randperm|normal|bernoulli|multinomial|poisson|empty|randn_like|rand_like|randint_like|empty_like)|(np|numpy)\.random\.\w+|random\.\w+|tf\.random\.\w+)\s*\(/;
const FILES =
  /^(torch\.load|(np|numpy)\.(load|loadtxt|genfromtxt|fromfile)|Image\.open|PIL\.Image\.open|cv2\.imread|imageio\.\w*imread|plt\.imread|torchvision\.io\.read_image|read_image|safetensors\.\w+\.load_file|load_file)\s*\(/;

/**
 * What `text` (a selection or one statement) computes at run time, or null when it isn't recognisably so.
 * Call only after the literal parser found no tensor: a literal such as `[1, 2]` is never reported here.
 */
export function computedAtRunTime(text: string): RuntimeTensor | null {
  const lead = /^\s*(?:([A-Za-z_]\w*)\s*(?::[^=\n]+)?=(?!=)\s*)?/.exec(text);
  const name = lead?.[1];
  const start = lead?.[0].length ?? 0;
  const expr = text.slice(start).replace(/\s*(#[^\n]*)?\s*$/, '');
  if (!expr) return null;
  const range = { start, end: start + expr.length };
  const label = (reason: string, evidence: RuntimeTensor['evidence'] = 'code'): RuntimeTensor => ({
    ...(name ? { name } : {}),
    reason,
    range,
    evidence,
  });
  if (/^[[({]/.test(expr) && /\bfor\b[\s\S]*\bin\b/.test(expr)) return label(`it is built by a ${comprehensionKind(expr)}`);
  if (/^(torch\.tensor|torch\.as_tensor|np\.array|numpy\.array|np\.asarray)\s*\(\s*[[(]/.test(expr) && /\bfor\b[\s\S]*\bin\b/.test(expr)) {
    return label('its values come from a list comprehension');
  }
  const random = RANDOM.exec(expr);
  if (random) return label(`${random[1]} draws random values`);
  const file = FILES.exec(expr);
  if (file) return label(`${file[1]} reads a file`);
  // A name, attribute or call on names (`x`, `model(x)`, `conv(x).relu()`, `batch[0]`): bound when the code runs.
  if (/^[A-Za-z_][\w.]*\s*(\(|\[|$|\.|[-+*/@]\s*[A-Za-z_(])/.test(expr) && !/^(True|False|None)$/.test(expr)) {
    const head = /^[A-Za-z_][\w.]*/.exec(expr)?.[0] ?? expr;
    return label(expr === head ? `\`${head}\` is bound when the code runs` : `it is computed from \`${head}\``, 'name');
  }
  return null;
}

function comprehensionKind(expr: string): string {
  return expr.startsWith('(') ? 'generator expression' : expr.startsWith('{') ? 'comprehension' : 'list comprehension';
}

/**
 * Why `text` (a selection or one statement) gives no tensor: computed when the program runs, or the literal parser's
 * error. A comprehension, random draw or file read is always run-time; otherwise a literal that is *wrong* (ragged, an
 * unclosed bracket, a non-number, over the element limit) keeps its own message, as the hover shows it — even inside
 * `torch.tensor(…)`, which merely starts with a name. Only text that is no literal form at all is called run-time for
 * its name. One rule for every surface, so they give one reason.
 */
export function whyNoTensor(
  text: string,
  error: LiteralError | undefined,
): { runtime: RuntimeTensor } | { error: LiteralError } | undefined {
  const live = computedAtRunTime(text);
  if (live?.evidence === 'code') return { runtime: live };
  if (error && !error.notALiteral) return { error };
  if (live) return { runtime: live };
  return error ? { error } : undefined;
}

/** The one-line message: "`ramp` is computed when the program runs: start debugging and hover it to see it live (…)". */
export function runtimeMessage(r: RuntimeTensor): string {
  const who = r.name ? `\`${r.name}\` is` : 'This tensor is';
  const hover = r.name ? 'hover it' : 'hover its variable';
  return `${who} computed when the program runs: start debugging and ${hover} to see it live (${r.reason}).`;
}
