// The conv2d WebAssembly SIMD module (kernels in ./conv-kernels): compiled once per flavour, its instances and their memory.
import { scratchF32 } from '../memory';
import { convFunctions, relaxedProbe } from './conv-kernels';
import { type WasmApi, type WasmMemory, encodeModule } from './encoder';

export interface Kernels {
  compiled: Compiled;
  memory: WasmMemory;
  exports: Record<string, unknown>;
  conv4x8: (
    x: number,
    ws: number,
    off: number,
    k: number,
    out: number,
    plane: number,
    blocks: number,
    bias: number,
    rows: number,
    xRow: number,
    oRow: number,
  ) => void;
  conv2x8: (
    x: number,
    ws: number,
    off: number,
    k: number,
    out: number,
    plane: number,
    blocks: number,
    bias: number,
    rows: number,
    xRow: number,
    oRow: number,
  ) => void;
  conv1x8: (
    x: number,
    ws: number,
    off: number,
    k: number,
    out: number,
    plane: number,
    blocks: number,
    bias: number,
    rows: number,
    xRow: number,
    oRow: number,
  ) => void;
  wgrad4x2: (
    gy: number,
    d0: number,
    d1: number,
    d2: number,
    d3: number,
    gyBatch: number,
    x: number,
    xBatch: number,
    n: number,
    taps: number,
    pairs: number,
    rows: number,
    blocks: number,
    gyRow: number,
    xRow: number,
    out: number,
    kp: number,
  ) => void;
}

type Compiled = { api: WasmApi; module: object; shared: boolean };
type Flavour = 'simd' | 'relaxed' | 'simd-shared' | 'relaxed-shared';
const modules: Partial<Record<Flavour, Compiled | null>> = {};
const instances: Partial<Record<Flavour, Kernels>> = {};
/** Pages of a shared memory: it grows in place up to this (a shared buffer is never detached), so it is never replaced. */
const SHARED_MAX_PAGES = 2048;

function wasmApi(): WasmApi | null {
  return (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly ?? null;
}

function flavour(relaxed: boolean, shared: boolean): Flavour {
  return `${relaxed ? 'relaxed' : 'simd'}${shared ? '-shared' : ''}` as Flavour;
}

function compile(relaxed: boolean, shared = false): Compiled | null {
  const key = flavour(relaxed, shared);
  if (modules[key] === undefined) {
    try {
      const api = wasmApi();
      if (!api) throw new Error('no WebAssembly');
      if (relaxed && !api.validate(relaxedProbe())) throw new Error('no relaxed SIMD');
      const module = new api.Module(encodeModule(convFunctions(relaxed), shared ? SHARED_MAX_PAGES : undefined));
      modules[key] = { api, module, shared };
    } catch {
      modules[key] = null; // no WebAssembly (SIMD), or a CSP without 'wasm-unsafe-eval', or no shared memory
    }
  }
  return modules[key];
}

/** The best WebAssembly flavour this runtime compiles, or null where none does. Compiles (once) on the first call. */
export function simdFlavour(): 'wasm-relaxed-simd' | 'wasm-simd' | null {
  if (compile(true)) return 'wasm-relaxed-simd';
  return compile(false) ? 'wasm-simd' : null;
}

/** Points `k` at a fresh instance over a new memory of `pages` pages. */
function instantiate(k: Partial<Kernels>, c: Compiled, pages: number): void {
  const memory = new c.api.Memory(c.shared ? { initial: pages, maximum: SHARED_MAX_PAGES, shared: true } : { initial: pages });
  const exp = new c.api.Instance(c.module, { env: { memory } }).exports as Omit<Kernels, 'memory'>;
  Object.assign(k, { memory, exports: exp, conv4x8: exp.conv4x8, conv2x8: exp.conv2x8, conv1x8: exp.conv1x8, wgrad4x2: exp.wgrad4x2 });
  views.delete(k as Kernels);
}

/** The conv kernels (relaxed or plain SIMD; over a shared memory for helper threads), or null where that flavour does not compile. */
export function simdKernels(relaxed = false, shared = false): Kernels | null {
  const key = flavour(relaxed, shared);
  if (!instances[key]) {
    const c = compile(relaxed, shared);
    if (!c) return null;
    const k: Partial<Kernels> = { compiled: c };
    try {
      instantiate(k, c, 16);
    } catch {
      return null; // e.g. shared memory unavailable
    }
    instances[key] = k as Kernels;
  }
  return instances[key]!;
}

/** A call that would need more than this uses the plain-JS kernels instead. */
export const MAX_SIMD_HEAP_BYTES = 128 * 1024 * 1024;

const views = new Map<Kernels, { f32: Float32Array; i32: Int32Array }>();

/**
 * Float32 and Int32 views of the kernels' memory, at least `bytes` long. A bigger memory is a new memory and instance
 * (re-read k's functions after this call), never memory.grow(): growing detaches the old ArrayBuffer, and one detach
 * anywhere in the process makes V8 check for detached buffers on every typed-array access from then on (≈3× slower loops).
 */
export function heapViews(k: Kernels, bytes: number): { f32: Float32Array; i32: Int32Array } {
  const have = k.memory.buffer.byteLength;
  if (have < bytes) {
    const pages = Math.ceil(Math.max(bytes, have * 1.5) / 65536);
    if (k.compiled.shared) k.memory.grow(Math.min(pages, SHARED_MAX_PAGES) - have / 65536);
    else instantiate(k, k.compiled, pages);
  }
  let v = views.get(k);
  if (!v || v.f32.buffer.byteLength !== k.memory.buffer.byteLength) {
    views.set(k, (v = { f32: new Float32Array(k.memory.buffer), i32: new Int32Array(k.memory.buffer) }));
  }
  return v;
}

const stageInts = new WeakMap<ArrayBuffer, Int32Array>();

/**
 * Where a driver writes its inputs (padded data, packed weights, offsets) for `k`: the heap itself, or for a shared memory a
 * plain staging array that `commit()` copies into the heap's first `bytes` with one bulk set. Element-by-element JS loops over
 * a view of shared WebAssembly memory run ~5× slower in V8 (7.6 against 1.5 ns an element on the bench machine), and a
 * function that once saw such a view stays slower for every array it touches; bulk set() runs at memcpy speed either way.
 */
export function inputViews(k: Kernels, bytes: number): { f32: Float32Array; i32: Int32Array; commit(): void } {
  const heap = heapViews(k, bytes);
  if (!k.compiled.shared) return { ...heap, commit: () => undefined };
  const f32 = scratchF32('wasm.stage', bytes >> 2);
  let i32 = stageInts.get(f32.buffer as ArrayBuffer);
  if (!i32) stageInts.set(f32.buffer as ArrayBuffer, (i32 = new Int32Array(f32.buffer)));
  return { f32, i32, commit: () => heapViews(k, bytes).f32.set(f32.subarray(0, bytes >> 2)) };
}

/** Floats [from, from + len) of k's heap in a plain array (to read results element by element; see inputViews). */
export function heapFloats(k: Kernels, from: number, len: number): Float32Array {
  const heap = heapViews(k, 0).f32;
  if (!k.compiled.shared) return heap.subarray(from, from + len);
  const out = scratchF32('wasm.results', len);
  out.set(heap.subarray(from, from + len));
  return out;
}
