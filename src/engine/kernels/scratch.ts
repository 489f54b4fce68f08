// Reusable scratch buffers (grow-only, one per slot) so hot kernels don't touch fresh memory on every call.

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
