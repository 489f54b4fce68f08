// Summary statistics of a tensor for the hover title: min / max / mean over finite values, NaN and ±Inf counts.

export interface TensorStats {
  count: number;
  /** Over finite values only; NaN when there are none. */
  min: number;
  max: number;
  mean: number;
  nan: number;
  posInf: number;
  negInf: number;
}

export function tensorStats(data: ArrayLike<number>): TensorStats {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let finite = 0;
  let nan = 0;
  let posInf = 0;
  let negInf = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v === v && v !== Infinity && v !== -Infinity) {
      if (v < min) min = v;
      if (v > max) max = v;
      sum += v;
      finite++;
    } else if (v !== v) nan++;
    else if (v > 0) posInf++;
    else negInf++;
  }
  return finite === 0
    ? { count: data.length, min: NaN, max: NaN, mean: NaN, nan, posInf, negInf }
    : { count: data.length, min, max, mean: sum / finite, nan, posInf, negInf };
}

/** A statistic as people read it: integers exactly, else 4 significant digits, exponent form when tiny or huge. */
export function formatStat(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  if (Number.isInteger(v) && Math.abs(v) < 1e9) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return v.toExponential(3).replace(/\.?0+e/, 'e');
  return String(Number(v.toPrecision(4)));
}

/** "2 NaN, 1 +Inf" or "" when every value is finite. */
export function nonFiniteText(s: TensorStats): string {
  const parts: string[] = [];
  if (s.nan) parts.push(`${s.nan} NaN`);
  if (s.posInf) parts.push(`${s.posInf} +Inf`);
  if (s.negInf) parts.push(`${s.negInf} −Inf`);
  return parts.join(', ');
}
