// Replies of the live helper (in a debuggee or a kernel) (JSON metadata, base64 little-endian float32 slices) and the Python calls that ask for them.

export interface LiveStats {
  /** Over finite values; absent when there are none. */
  min?: number;
  max?: number;
  mean?: number;
  nan: number;
  posInf: number;
  negInf: number;
}

/** What the helper says about a tensor-like value (torch.Tensor, Parameter, numpy.ndarray, PIL image, nested list). */
export interface LiveMeta {
  kind: string;
  /** The original dtype ('float32', 'bfloat16', 'int64', 'bool', 'uint8', 'PIL RGB'…); values always arrive as float32. */
  dtype: string;
  device: string;
  shape: number[];
  numel: number;
  requiresGrad?: boolean;
  stats?: LiveStats;
}

/** A slice x[index] (a prefix of indices) as float32. */
export interface LiveSlice {
  meta: LiveMeta;
  index: number[];
  /** Shape of the slice: meta.shape without the indexed dimensions. */
  shape: number[];
  data: Float32Array;
}

export interface LiveConv2dArgs {
  inChannels: number;
  outChannels: number;
  kernelSize: [number, number];
  stride: [number, number];
  padding: [number, number] | 'same' | 'valid';
  dilation: [number, number];
  groups: number;
  paddingMode: 'zeros' | 'reflect' | 'replicate' | 'circular';
  bias: boolean;
}

/** One row of the Tensors view. */
export interface LiveEntry {
  name: string;
  expr: string;
  meta?: LiveMeta;
  module?: 'Conv2d';
  conv?: LiveConv2dArgs;
  error?: string;
  /** An nn.Module global of a kernel: its class, and how many parameters are listed under it. */
  moduleClass?: string;
  parameters?: number;
  /** The expr of the module this row belongs to (its Conv2d layers and parameters, named as PyTorch names them). */
  parent?: string;
}

export interface LiveError {
  error: string;
}

export function isLiveError(v: unknown): v is LiveError {
  return typeof v === 'object' && v !== null && typeof (v as LiveError).error === 'string';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return { error: `unexpected reply from the debuggee: ${text.length > 120 ? `${text.slice(0, 120)}…` : text}` };
  }
}

function checkMeta(v: unknown): LiveMeta | LiveError {
  if (isLiveError(v)) return v;
  const m = v as LiveMeta;
  if (typeof m !== 'object' || m === null || !Array.isArray(m.shape) || typeof m.dtype !== 'string')
    return { error: 'unexpected reply from the debuggee (no shape)' };
  return m;
}

export function parseMeta(text: string): LiveMeta | LiveError {
  return checkMeta(parseJson(text));
}

export function parseEntries(text: string): LiveEntry[] | LiveError {
  const v = parseJson(text);
  if (isLiveError(v)) return v;
  return Array.isArray(v) ? (v as LiveEntry[]) : { error: 'unexpected reply from the debuggee (no list)' };
}

/** "metadata JSON\nbase64" → the slice; the value count must match the slice's shape. */
export function parseSlice(text: string): LiveSlice | LiveError {
  const nl = text.indexOf('\n');
  const head = checkMeta(parseJson(nl < 0 ? text : text.slice(0, nl)));
  if (isLiveError(head)) return head;
  if (nl < 0) return { error: 'unexpected reply from the debuggee (no data)' };
  const index = (head as LiveMeta & { index?: number[] }).index ?? [];
  const shape = head.shape.slice(index.length);
  const data = decodeFloat32(text.slice(nl + 1));
  const size = shape.reduce((p, d) => p * d, 1);
  if (data.length !== size) return { error: `the debuggee sent ${data.length} values for shape ${shape.join('×')} (${size})` };
  return { meta: head, index, shape, data };
}

/** The conv_layer reply: the module's arguments and PyTorch's output. */
export function parseConvLayer(text: string): { conv: LiveConv2dArgs; output: LiveSlice } | LiveError {
  const nl = text.indexOf('\n');
  const head = parseJson(nl < 0 ? text : text.slice(0, nl));
  if (isLiveError(head)) return head;
  const h = head as { conv?: LiveConv2dArgs; output?: LiveMeta };
  if (!h.conv || !h.output || nl < 0) return { error: 'unexpected reply from the debuggee (no layer)' };
  const out = parseSlice(`${JSON.stringify(h.output)}${text.slice(nl)}`);
  return isLiveError(out) ? out : { conv: h.conv, output: out };
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Uint8Array(128).fill(255);
for (let i = 0; i < B64.length; i++) LOOKUP[B64.charCodeAt(i)] = i;
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

export function decodeBase64(text: string): Uint8Array {
  let end = text.length;
  while (end > 0 && (text[end - 1] === '=' || text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? LOOKUP[c] : 255;
    if (v === 255) throw new Error(`invalid base64 character at ${i}`);
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, o);
}

/** Base64 of little-endian float32 values → a Float32Array (an error value on a truncated reply). */
export function decodeFloat32(text: string): Float32Array {
  let bytes: Uint8Array;
  try {
    bytes = decodeBase64(text);
  } catch {
    return new Float32Array(0);
  }
  const n = Math.floor(bytes.length / 4);
  if (LITTLE_ENDIAN && bytes.byteOffset % 4 === 0) return new Float32Array(bytes.buffer, bytes.byteOffset, n);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Float32Array.from({ length: n }, (_, i) => view.getFloat32(i * 4, true));
}

/** Stats in the hover's shape (NaN where there are no finite values). */
export function statsOf(meta: LiveMeta): {
  count: number;
  min: number;
  max: number;
  mean: number;
  nan: number;
  posInf: number;
  negInf: number;
} {
  const s = meta.stats ?? { nan: 0, posInf: 0, negInf: 0 };
  return {
    count: meta.numel,
    min: s.min ?? NaN,
    max: s.max ?? NaN,
    mean: s.mean ?? NaN,
    nan: s.nan,
    posInf: s.posInf,
    negInf: s.negInf,
  };
}
