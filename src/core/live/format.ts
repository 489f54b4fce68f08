// Numbers in the Tensors view and Explain this layer, read like the hover's (integers exactly, else 4 significant digits).
import type { LiveStats } from '../protocol/live-tensor';

export function formatStat(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  if (Number.isInteger(v) && Math.abs(v) < 1e9) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return v.toExponential(3).replace(/\.?0+e/, 'e');
  return String(Number(v.toPrecision(4)));
}

/** "1 NaN, 1 +Inf" or "" when every value is finite. */
export function nonFiniteText(s: Pick<LiveStats, 'nan' | 'posInf' | 'negInf'>): string {
  const parts: string[] = [];
  if (s.nan) parts.push(`${s.nan} NaN`);
  if (s.posInf) parts.push(`${s.posInf} +Inf`);
  if (s.negInf) parts.push(`${s.negInf} −Inf`);
  return parts.join(', ');
}
