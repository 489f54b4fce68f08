// The conv2d WebAssembly SIMD module (kernels in ./conv-kernels): compiled once per flavour, its instances and their memory.
import type { ConvShape } from '../kernels/conv-shape';
import { scratchF32 } from '../memory';
import { convFunctions, relaxedProbe } from './conv-kernels';
import { type WasmApi, type WasmMemory, encodeModule } from './encoder';

/** A forward tile: x, ws, off, k, out, plane, blocks, bias, rows, xRow, oRow (see tileKernel). */
type Tile = (...args: [number, number, number, number, number, number, number, number, number, number, number]) => void;

export interface Kernels {
  compiled: Compiled;
  memory: WasmMemory;
  exports: Record<string, unknown>;
  conv4x8: Tile;
  conv2x8: Tile;
  conv1x8: Tile;
  /** gy, d0–d3, gyBatch, x, xBatch, n, taps, pairs, rows, blocks, gyRow, xRow, out, kp (see wgradKernel). */
  wgrad4x2: (...args: number[]) => void;
  /** zeroAt, zeroBytes, dst, src, planes, rows, len, dstRow, srcRow, dstPlane, srcPlane (see padRowsKernel). */
  padRows: (...args: number[]) => void;
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
  const { conv4x8, conv2x8, conv1x8, wgrad4x2, padRows } = exp;
  Object.assign(k, { memory, exports: exp, conv4x8, conv2x8, conv1x8, wgrad4x2, padRows });
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
 * Where a driver writes its small inputs (packed weights, offsets) for `k`: the heap itself, or for a shared memory a plain
 * staging array (indexed as the heap) whose bytes [from, bytes) `commit()` copies into the heap with one bulk set. Element-by-element JS loops over
 * a view of shared WebAssembly memory run ~5× slower in V8 (7.6 against 1.5 ns an element on the bench machine), and a
 * function that once saw such a view stays slower for every array it touches; bulk set() runs at memcpy speed either way.
 */
export function inputViews(k: Kernels, bytes: number, from = 0): { f32: Float32Array; i32: Int32Array; commit(): void } {
  const heap = heapViews(k, bytes);
  if (!k.compiled.shared) return { ...heap, commit: () => undefined };
  const f32 = scratchF32('wasm.stage', bytes >> 2);
  let i32 = stageInts.get(f32.buffer as ArrayBuffer);
  if (!i32) stageInts.set(f32.buffer as ArrayBuffer, (i32 = new Int32Array(f32.buffer)));
  return { f32, i32, commit: () => heapViews(k, bytes).f32.set(f32.subarray(from >> 2, bytes >> 2), from >> 2) };
}

/**
 * Lays `x` out padded at heap byte `at` as padInto does (n·c planes of `hp` rows, `rowStride` floats apart, zeros around):
 * one bulk copy to byte `rawAt`, then the padRows kernel. The heap must already reach rawAt + x's bytes.
 */
export function padInHeap(k: Kernels, at: number, rawAt: number, x: Float32Array, s: ConvShape, hp: number, rowStride: number): void {
  heapViews(k, 0).f32.set(x.subarray(0, s.n * s.c * s.h * s.w), rawAt >> 2);
  const c0 = Math.max(0, s.padL),
    c1 = Math.min(rowStride, s.w + s.padL),
    r0 = Math.max(0, -s.padT),
    r1 = Math.min(s.h, hp - s.padT);
  const rows = c1 > c0 ? Math.max(0, r1 - r0) : 0;
  const dst = at + ((r0 + s.padT) * rowStride + c0) * 4,
    src = rawAt + (r0 * s.w + c0 - s.padL) * 4;
  k.padRows(
    at,
    s.n * s.c * hp * rowStride * 4,
    dst,
    src,
    s.n * s.c,
    rows,
    (c1 - c0) * 4,
    rowStride * 4,
    s.w * 4,
    hp * rowStride * 4,
    s.h * s.w * 4,
  );
}

/** `rows` rows of `len` floats from `src`, laid out `stride` floats apart at heap byte `at` with zeros after each (via `rawAt`). */
export function widenInHeap(k: Kernels, at: number, rawAt: number, src: Float32Array, rows: number, len: number, stride: number): void {
  const heap = heapViews(k, 0).f32;
  if (len === stride) return heap.set(src.subarray(0, rows * len), at >> 2);
  heap.set(src.subarray(0, rows * len), rawAt >> 2);
  k.padRows(at, rows * stride * 4, at, rawAt, 1, rows, len * 4, stride * 4, len * 4, 0, 0);
}

/** Floats [from, from + len) of k's heap in a plain array (to read results element by element; see inputViews). */
export function heapFloats(k: Kernels, from: number, len: number): Float32Array {
  const heap = heapViews(k, 0).f32;
  if (!k.compiled.shared) return heap.subarray(from, from + len);
  const out = scratchF32('wasm.results', len);
  out.set(heap.subarray(from, from + len));
  return out;
}
