// The loss chart's series, pure (no DOM): per-epoch moving average and min/max decimation of long runs.

/** Trailing mean over the last `window` values (fewer at the start). */
export function movingAverage(values: readonly number[], window: number): number[] {
  const out: number[] = [];
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i];
    if (i >= window) sum -= values[i - window];
    out.push(sum / Math.min(i + 1, window));
  }
  return out;
}

/** Most points drawn; longer runs are reduced to each bucket's lowest and highest loss, so spikes still show. */
const MAX_DRAWN = 2000;

/** x (1-based step), loss and moving average, decimated to at most about MAX_DRAWN points. */
export function chartSeries(losses: readonly number[], window: number): [number[], number[], number[]] {
  const avg = movingAverage(losses, Math.max(1, window));
  if (losses.length <= MAX_DRAWN) return [losses.map((_, i) => i + 1), losses.slice(), avg];
  const bucket = Math.ceil(losses.length / (MAX_DRAWN / 2));
  const xs: number[] = [],
    ys: number[] = [],
    as: number[] = [];
  for (let start = 0; start < losses.length; start += bucket) {
    const end = Math.min(losses.length, start + bucket);
    let lo = start,
      hi = start;
    for (let i = start; i < end; i++) {
      if (losses[i] < losses[lo]) lo = i;
      if (losses[i] > losses[hi]) hi = i;
    }
    for (const i of lo === hi ? [lo] : [Math.min(lo, hi), Math.max(lo, hi)]) {
      xs.push(i + 1);
      ys.push(losses[i]);
      as.push(avg[i]);
    }
  }
  return [xs, ys, as];
}
