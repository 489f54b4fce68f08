// Reusable scratch buffers (grow-only, one per slot) for hot kernels, and slab-carved small op outputs: no fresh backing store per call.

const floats = new Map<string, Float32Array>();
const ints = new Map<string, Int32Array>();

/** A Float32Array of at least `size` elements for `slot`; contents are stale, callers overwrite what they read. */
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

/** Drops every scratch buffer (e.g. after processing a huge tensor). */
export function releaseScratch(): void {
  floats.clear();
  ints.clear();
}

// Op outputs of up to SMALL floats are carved from shared 16 KiB slabs: a fresh small Float32Array costs ~0.6 µs
// (its own backing store, tracked by the GC), a view into a slab ~15 ns. A slab is freed once no view of it is alive.
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
