// Timing helpers for the bench: medians of repeated runs after warm-up, and table formatting.
import { performance } from 'node:perf_hooks';

export interface Timing {
  /** Median wall time of one run, in ms (for per-call workloads: of one call). */
  ms: number;
  runs: number;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median of `runs` timed calls after `warmup` untimed ones; `calls` calls per timed run (result is per call). */
export function measure(fn: () => void, opts: { warmup: number; runs: number; calls?: number }): Timing {
  const calls = opts.calls ?? 1;
  for (let i = 0; i < opts.warmup; i++) for (let c = 0; c < calls; c++) fn();
  const times: number[] = [];
  for (let r = 0; r < opts.runs; r++) {
    const t0 = performance.now();
    for (let c = 0; c < calls; c++) fn();
    times.push((performance.now() - t0) / calls);
  }
  return { ms: median(times), runs: opts.runs };
}

export function formatMs(ms: number | null | undefined, unit: 'ms' | 'us'): string {
  if (ms === null || ms === undefined) return '—';
  if (unit === 'us') return `${(ms * 1000).toFixed(1)} µs`;
  return ms >= 100 ? `${ms.toFixed(0)} ms` : ms >= 10 ? `${ms.toFixed(1)} ms` : `${ms.toFixed(2)} ms`;
}

export function formatRatio(peer: number | null | undefined, ours: number): string {
  if (peer === null || peer === undefined) return '—';
  const r = peer / ours;
  return r >= 10 ? `${r.toFixed(0)}×` : `${r.toFixed(1)}×`;
}

/** A Markdown table with columns padded to equal width. */
export function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}
