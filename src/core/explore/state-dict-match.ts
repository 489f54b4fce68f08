// Matching a state dict to a model by PyTorch's key names, with the mismatches load_state_dict(strict=True) reports.

export interface KeyShape {
  key: string;
  shape: readonly number[];
}

export interface StateDictMatch {
  /** The model's keys the state dict lacks, in the model's state_dict() order. */
  missing: string[];
  /** The state dict's keys the model has no place for. */
  unexpected: string[];
  /** Keys present in both with different shapes. */
  wrongShape: Array<{ key: string; given: number[]; expected: number[] }>;
}

/** BatchNorm's counter: a state dict without it still loads (PyTorch fills it in for dicts without version metadata). */
const OPTIONAL = /(^|\.)num_batches_tracked$/;

/**
 * What `model.load_state_dict(given)` reports for a model whose state_dict() keys and shapes are `expected` (parameters
 * and persistent buffers, in PyTorch's order). `modules` are the model's module paths (`layer1`, `layer1.conv1`) when
 * known; otherwise they are read off the expected keys. Unexpected keys follow PyTorch's rule: each module checks the
 * keys under its prefix whose next name part is neither one of its own tensors nor a child module.
 */
export function matchStateDict(
  expected: readonly KeyShape[],
  given: Record<string, { shape: readonly number[] }>,
  modules?: readonly string[],
): StateDictMatch {
  const result: StateDictMatch = { missing: [], unexpected: [], wrongShape: [] };
  for (const { key, shape } of expected) {
    const t = given[key];
    if (!t) {
      if (!OPTIONAL.test(key)) result.missing.push(key);
      continue;
    }
    // PyTorch loads a 1-element vector into a 0-dim tensor (old checkpoints), so that is not a mismatch.
    const same = t.shape.join(',') === shape.join(',') || (shape.length === 0 && t.shape.length === 1 && t.shape[0] === 1);
    if (!same) result.wrongShape.push({ key, given: [...t.shape], expected: [...shape] });
  }
  const paths = new Set(modules ?? []);
  for (const { key } of expected) {
    const parts = key.split('.');
    for (let i = 1; i < parts.length; i++) paths.add(parts.slice(0, i).join('.'));
  }
  const ordered = ['', ...[...paths].filter((p) => p !== '')];
  const children = new Map<string, Set<string>>(ordered.map((p) => [p, new Set<string>()]));
  const local = new Map<string, Set<string>>(ordered.map((p) => [p, new Set<string>()]));
  for (const p of ordered) {
    if (!p) continue;
    const at = p.lastIndexOf('.');
    children.get(at < 0 ? '' : p.slice(0, at))?.add(p.slice(at + 1));
  }
  for (const { key } of expected) {
    const at = key.lastIndexOf('.');
    local.get(at < 0 ? '' : key.slice(0, at))?.add(key.slice(at + 1));
  }
  const givenKeys = Object.keys(given);
  for (const p of ordered) {
    const prefix = p ? `${p}.` : '';
    for (const key of givenKeys) {
      if (!key.startsWith(prefix)) continue;
      const name = key.slice(prefix.length).split('.')[0];
      if (!children.get(p)!.has(name) && !local.get(p)!.has(name)) result.unexpected.push(key);
    }
  }
  return result;
}

export function matches(m: StateDictMatch): boolean {
  return m.missing.length === 0 && m.unexpected.length === 0 && m.wrongShape.length === 0;
}

const size = (s: readonly number[]): string => `torch.Size([${s.join(', ')}])`;

/** PyTorch's lines after "Error(s) in loading state_dict for Net:", one per problem (empty when it matches). */
export function mismatchLines(m: StateDictMatch): string[] {
  const quoted = (keys: string[]) => keys.map((k) => `"${k}"`).join(', ');
  const lines: string[] = [];
  if (m.missing.length) lines.push(`Missing key(s) in state_dict: ${quoted(m.missing)}. `);
  if (m.unexpected.length) lines.push(`Unexpected key(s) in state_dict: ${quoted(m.unexpected)}. `);
  for (const w of m.wrongShape)
    lines.push(
      `size mismatch for ${w.key}: copying a param with shape ${size(w.given)} from checkpoint, the shape in current model is ${size(w.expected)}.`,
    );
  return lines;
}

/** The RuntimeError text load_state_dict raises, or undefined when the state dict fits. */
export function loadStateDictError(className: string, m: StateDictMatch): string | undefined {
  const lines = mismatchLines(m);
  return lines.length ? `Error(s) in loading state_dict for ${className}:\n\t${lines.join('\n\t')}` : undefined;
}
