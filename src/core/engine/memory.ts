// Every reused buffer of the engine: kernel scratch, slab-carved small outputs, recycled gradient temporaries, pooled large outputs.
//
// Why reuse at all: a fresh Float32Array costs its backing store (~1 µs for a small one, tracked by the GC) and, for megabytes,
// one page fault per 4 KiB on first touch (a fresh 12.8 MB conv output faults in ~3,000 pages). And a WebAssembly memory is never
// grown: growing detaches its ArrayBuffer, and one detach anywhere in the process makes V8 check every typed-array access for
// detachment from then on (~3× slower loops). The autograd core and Tensor know none of this; ops ask here for buffers.

const floats = new Map<string, Float32Array>();
const ints = new Map<string, Int32Array>();

/** A Float32Array of at least `size` elements for `slot` (grow-only); contents are stale, callers overwrite what they read. */
export function scratchF32(slot: string, size: number): Float32Array {
  let buf = floats.get(slot);
  if (!buf || buf.length < size) {
    buf = new Float32Array(Math.max(size, Math.ceil((buf?.length ?? 0) * 1.5)));
    floats.set(slot, buf);
  }
  return buf;
}

export function scratchI32(slot: string, size: number): Int32Array {
  let buf = ints.get(slot);
  if (!buf || buf.length < size) {
    buf = new Int32Array(Math.max(size, 64));
    ints.set(slot, buf);
  }
  return buf;
}

const sharedFloats = new Map<string, Float32Array>();

/** As scratchF32, on a SharedArrayBuffer (results helper threads write for a caller whose own array is not shared). */
export function sharedScratchF32(slot: string, size: number): Float32Array {
  let buf = sharedFloats.get(slot);
  if (!buf || buf.length < size) {
    buf = new Float32Array(new SharedArrayBuffer(4 * Math.max(size, Math.ceil((buf?.length ?? 0) * 1.5))));
    sharedFloats.set(slot, buf);
  }
  return buf.subarray(0, size);
}

/** Drops every scratch buffer and pooled output (e.g. after processing a huge tensor). */
export function releaseScratch(): void {
  floats.clear();
  ints.clear();
  sharedFloats.clear();
  reclaimed.clear();
}

// Small op outputs are views carved from shared 16 KiB slabs (~15 ns against ~0.6 µs for their own backing store).
// A slab is freed by the GC once no view of it is alive; a view is never handed out twice.
const SLAB_BYTES = 16 * 1024;
const SMALL = 1024;
let slab = new ArrayBuffer(0);
let slabTop = 0;

/** A zero-filled Float32Array of `size` elements for an op's output (small ones share a slab; never reused while alive). */
export function outputF32(size: number): Float32Array {
  if (size > SMALL || size < 16) return new Float32Array(size);
  const bytes = (size * 4 + 15) & ~15;
  if (slabTop + bytes > slab.byteLength) {
    slab = new ArrayBuffer(SLAB_BYTES);
    slabTop = 0;
  }
  const out = new Float32Array(slab, slabTop, size);
  slabTop += bytes;
  return out;
}

// Large outputs (≥ 1 MiB) are owned by whoever holds the Float32Array handed out (a Tensor, its views, user code). The pool
// gets a backing store back only when the owner says it is done: Tensor.dispose(), like tfjs's dispose(). Never on garbage
// collection: a subarray of the data may outlive the array it was cut from, and must never see its storage reused.
const LARGE = 256 * 1024;
// A training step frees many outputs of one size at once (a conv's output and its ReLU's; a deeper net's repeated blocks).
const POOLED_PER_SIZE = 8;
// Keyed by byte length, negative for SharedArrayBuffers (outputs helper threads write into).
const reclaimed = new Map<number, (ArrayBuffer | SharedArrayBuffer)[]>();
const keyOf = (buffer: ArrayBuffer | SharedArrayBuffer) => (buffer instanceof ArrayBuffer ? buffer.byteLength : -buffer.byteLength);
const handedOut = new WeakSet<Float32Array>();

function reclaim(buffer: ArrayBuffer | SharedArrayBuffer): void {
  let list = reclaimed.get(keyOf(buffer));
  if (!list) reclaimed.set(keyOf(buffer), (list = []));
  if (list.length < POOLED_PER_SIZE) list.push(buffer);
}

/**
 * An op output of `size` floats whose every element the op overwrites (contents stale): large ones reuse released pages.
 * `shared`: on a SharedArrayBuffer, so helper threads can write it (a split convolution).
 */
export function outputBuffer(size: number, shared = false): Float32Array {
  if (size < LARGE && !shared) return outputF32(size);
  if (size < LARGE) return new Float32Array(new SharedArrayBuffer(size * 4));
  const buffer =
    reclaimed.get(shared ? -size * 4 : size * 4)?.pop() ?? (shared ? new SharedArrayBuffer(size * 4) : new ArrayBuffer(size * 4));
  const out = new Float32Array(buffer);
  handedOut.add(out);
  scopes[scopes.length - 1]?.push(out);
  return out;
}

/** Outputs handed out inside each open withOutputScope(), innermost last. */
const scopes: Float32Array[][] = [];

/**
 * Runs `fn`, then gives back every large output handed out during it except those `kept(result)` names (which pass to the
 * enclosing scope, if any), as tfjs's tidy() and PyTorch's reference counts free a step's intermediates. On a throw,
 * everything made inside is given back. Nothing made inside and not kept may be read after the scope.
 */
export function withOutputScope<T>(fn: () => T, kept: (result: T) => readonly Float32Array[]): T {
  const list: Float32Array[] = [];
  scopes.push(list);
  let keep: readonly Float32Array[] = [];
  try {
    const result = fn();
    keep = kept(result);
    return result;
  } finally {
    scopes.pop();
    const outer = scopes[scopes.length - 1];
    for (const data of list) {
      if (!keep.includes(data)) releaseOutput(data);
      else outer?.push(data);
    }
  }
}

/** Takes back an array outputBuffer() handed out, now that its owner is done with it; false (and nothing done) for any other array. */
export function releaseOutput(data: Float32Array): boolean {
  if (!handedOut.has(data)) return false;
  handedOut.delete(data);
  reclaim(data.buffer);
  return true;
}

// Gradient temporaries an op's backward returns are recycled after the backward walk: a training step makes several.
const gradPool = new Map<number, Float32Array[]>();
const GRADS_PER_SIZE = 4;

/** A buffer for a gradient an op's backward returns; contents are stale, the op must overwrite every element. */
export function gradBuffer(size: number): Float32Array {
  const list = gradPool.get(size);
  return list !== undefined && list.length > 0 ? list.pop()! : new Float32Array(size);
}

/** Returns gradients no one references any more (each once, even if listed twice). */
export function recycleGrads(buffers: Float32Array[]): void {
  const seen = new Set<Float32Array>();
  for (const b of buffers) {
    if (seen.has(b)) continue;
    seen.add(b);
    let list = gradPool.get(b.length);
    if (!list) gradPool.set(b.length, (list = []));
    if (list.length < GRADS_PER_SIZE) list.push(b);
  }
}
