// The one-line summary of a model's shape flow shown on its CodeLens.
import type { ModelReport } from './analyze';

const fmt = (s: readonly number[]): string => `[${s.join(', ')}]`;
const count = (n: number): string => n.toLocaleString('en-US');

/** `[4, 1, 28, 28] → [4, 10] · 1,199,882 parameters`, the error, or where the shapes stop and why. */
export function modelSummary(m: ModelReport, where: (line: number) => string = (line) => `line ${line}`): string {
  const params = m.parameters !== undefined ? ` · ${count(m.parameters)} parameters` : '';
  if (m.notRun && m.shownAs) return `$(symbol-ruler) shapes as ${m.shownAs} (${m.notRun} to run alone)`;
  if (m.notRun) return `$(symbol-ruler) shapes: ${m.notRun}${params}`;
  const input = m.input ? fmt(m.input.shape) : '?';
  if (m.error) return `$(error) ${input} → ✗ ${where(m.error.line)}: ${m.error.message}`;
  if (m.stop) return `$(warning) ${input} → shapes known up to ${where(m.stop.line)}: ${m.stop.why}${params}`;
  return `${input} → ${m.output ?? '?'}${params}`;
}
