// Tensors on postMessage: VS Code JSON-encodes messages (NaN and ±Infinity become null) but carries typed arrays as bytes.
/** A tensor as it crosses postMessage: its data as a Float64Array (exact for float32 and float64 values, NaN and ±Inf kept). */
interface Tensorish {
  shape: unknown;
  data: unknown;
}

const isTensorish = (v: object): v is Tensorish => Array.isArray((v as Tensorish).shape) && 'data' in v;

/**
 * The message with every `{ shape, data: number[] }` inside it carrying its data as a Float64Array. VS Code (engines ≥ 1.57)
 * transfers typed arrays as raw bytes and recreates them in the webview; plain arrays go through JSON, which has no NaN/Inf.
 */
export function toWire<T>(message: T): T {
  return walk(message, (t) => (Array.isArray(t.data) ? { ...t, data: Float64Array.from(t.data as number[]) } : t)) as T;
}

/** The inverse of toWire: typed-array data back to plain number arrays (NaN and ±Inf kept), for code that spreads or slices it. */
export function fromWire<T>(message: T): T {
  return walk(message, (t) => (ArrayBuffer.isView(t.data) ? { ...t, data: Array.from(t.data as Float64Array) } : t)) as T;
}

function walk(value: unknown, fix: (t: Tensorish) => Tensorish): unknown {
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return value;
  if (Array.isArray(value)) return value.some((v) => typeof v === 'object' && v !== null) ? value.map((v) => walk(v, fix)) : value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = walk(v, fix);
  return isTensorish(out) ? fix(out) : out;
}

/** True when every value is finite (such tensors survive JSON, e.g. in a webview's saved state). */
export function allFinite(data: ArrayLike<number>): boolean {
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i])) return false;
  return true;
}
