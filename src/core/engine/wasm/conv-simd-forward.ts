// Drives the SIMD tiles for stride-1 conv2d forward: lays out padded input, weights and tap offsets in wasm memory.
import { type ConvShape, copyFloats, copyRows } from '../kernels/conv-shape';
import { type KernelJob, memoJobs, noteSplit, parallelFor } from '../parallel';
import { MAX_SIMD_HEAP_BYTES, heapViews, inputViews, padInHeap, simdKernels } from './conv-simd';

const align16 = (n: number) => (n + 15) & ~15;
const align64 = (n: number) => (n + 63) & ~63;
const CHUNK_FLOATS = 64 * 1024;

/** Computes conv2d forward into `out` with SIMD; returns false (nothing written) when not applicable. */
export function conv2dForwardSimd(
  x: Float32Array,
  w: Float32Array,
  b: Float32Array | null,
  s: ConvShape,
  out: Float32Array,
  relaxed = false,
): boolean {
  if (s.sW !== 1 || s.outW < 1 || s.outH < 1 || s.n * s.o === 0) return false;
  const cg = s.c / s.groups,
    og = s.o / s.groups,
    K = cg * s.kH * s.kW;
  // Helper threads write into `out` themselves, so a split needs an output on a SharedArrayBuffer (the op asks for one).
  const par = out.buffer instanceof ArrayBuffer ? null : parallelFor(s.n * s.o * s.outH * s.outW * K, K);
  const threads = par ? par.threads : 1;
  const k = simdKernels(relaxed, par !== null);
  if (!k) return false;
  const outWp = (s.outW + 7) & ~7;
  const hp = (s.outH - 1) * s.sH + s.dH * (s.kH - 1) + 1;
  const span = s.dW * (s.kW - 1);
  // Rows of whole 8-pixel blocks waste the lanes past outW (26 wide: 6 of 32). `flat`: the blocks run along each chunk's rows
  // laid end to end at the padded width instead (26 + 2 of 28 lanes), the lanes that straddle two rows computing values
  // no one copies out; only for a stride-1 height, where the next row's inputs follow on.
  const flat = s.sH === 1 && outWp - s.outW > span;
  const wpx = flat ? s.outW + span : outWp + span; // row stride: blocks may read past outW, into zeros (or the next row)
  const rowFloats = flat ? wpx : outWp;
  // Output rows go through a cache-sized chunk (≤ 4 channels × `chunkRows` rows) and straight on to `out`: writing the whole
  // output into wasm memory first and copying it after would stream it through main memory twice more.
  const chunkRows = Math.max(1, Math.min(s.outH, Math.floor(CHUNK_FLOATS / (4 * rowFloats))));
  /** Floats of one channel's chunk of `rows` rows (whole blocks). */
  const chunkFloats = (rows: number) => (flat ? (rows * wpx + 7) & ~7 : rows * outWp);
  // A flat chunk's last block reads up to 8 + span floats past the last row of the last plane. Whole cache lines: the
  // regions after it keep their alignment.
  const xpBytes = align64((s.n * s.c * hp * wpx + (flat ? 8 + span : 0)) * 4),
    wsBytes = align16(s.o * K * 4),
    offBytes = align16(K * 4);
  const biasBytes = align16(s.o * 4),
    outBytes = threads * 4 * chunkFloats(chunkRows) * 4; // one chunk per thread
  const xpAt = 0,
    wsAt = xpAt + xpBytes,
    offAt = wsAt + wsBytes,
    biasAt = offAt + offBytes,
    outAt = biasAt + biasBytes;
  // The input arrives unpadded past everything else (rawAt) and the padRows kernel lays it out padded at xpAt.
  const rawAt = align16(outAt + outBytes + 64);
  if (rawAt + s.n * s.c * s.h * s.w * 4 > MAX_SIMD_HEAP_BYTES) return false;
  heapViews(k, rawAt + s.n * s.c * s.h * s.w * 4);
  const { f32, i32, commit } = inputViews(k, outAt, wsAt);
  // Weights [block][k][channel in block] (the kernel splats each to 4 lanes); blocks of 4 channels, then 2, then 1.
  const ws0 = wsAt >> 2;
  for (let g = 0; g < s.groups; g++) {
    for (let oc = 0; oc < og;) {
      const m = oc + 4 <= og ? 4 : oc + 2 <= og ? 2 : 1;
      const base = ws0 + (g * og + oc) * K;
      for (let j = 0; j < m; j++) {
        const src = (g * og + oc + j) * K;
        for (let q = 0; q < K; q++) f32[base + q * m + j] = w[src + q];
      }
      oc += m;
    }
  }
  const taps = s.kH * s.kW;
  for (let ic = 0; ic < cg; ic++) {
    for (let a = 0; a < s.kH; a++) {
      for (let c = 0; c < s.kW; c++) i32[(offAt >> 2) + ic * taps + a * s.kW + c] = (ic * hp * wpx + a * s.dH * wpx + c * s.dW) * 4;
    }
  }
  for (let oc = 0; oc < s.o; oc++) f32[(biasAt >> 2) + oc] = b ? b[oc] : 0;
  commit();
  padInHeap(k, xpAt, rawAt, x, s, hp, wpx);

  const plane = s.outH * s.outW,
    blocks = outWp >> 3;
  const geometry: ChunkGeometry = { flat, wpx, outWp, chunkRows, chunkFloats };
  if (par) {
    noteSplit();
    const key = [
      s.n,
      s.c,
      s.h,
      s.w,
      s.o,
      s.kH,
      s.kW,
      s.groups,
      s.sH,
      s.dH,
      s.dW,
      s.padT,
      s.padL,
      s.outH,
      s.outW,
      chunkRows,
      wsAt,
      offAt,
      biasAt,
      flat ? 1 : 0,
    ];
    const jobs = memoJobs(`fwd:${key.join(',')}`, () => splitForward(s, og, K, geometry, { xpAt, wsAt, offAt, biasAt, hp, wpx, blocks }));
    par.pool.run(k.compiled.module, k.memory, k.exports, jobs, out, { at: outAt, bytes: 4 * chunkFloats(chunkRows) * 4 });
    return true;
  }
  const heap = heapViews(k, 0).f32;
  for (let n = 0; n < s.n; n++) {
    for (let g = 0; g < s.groups; g++) {
      const xg = xpAt + (n * s.c + g * cg) * hp * wpx * 4;
      for (let oc = 0; oc < og;) {
        const m = oc + 4 <= og ? 4 : oc + 2 <= og ? 2 : 1;
        const ch = g * og + oc;
        const kernel = m === 4 ? k.conv4x8 : m === 2 ? k.conv2x8 : k.conv1x8;
        for (let row = 0; row < s.outH; row += chunkRows) {
          const rows = Math.min(chunkRows, s.outH - row);
          const chunkPlane = chunkFloats(rows);
          kernel(
            xg + row * s.sH * wpx * 4,
            wsAt + ch * K * 4,
            offAt,
            K,
            outAt,
            chunkPlane * 4,
            flat ? chunkPlane >> 3 : blocks,
            biasAt + ch * 4,
            flat ? 1 : rows,
            s.sH * wpx * 4,
            outWp * 4,
          );
          for (let j = 0; j < m; j++) {
            const to = (n * s.o + ch + j) * plane + row * s.outW,
              from = (outAt >> 2) + j * chunkPlane;
            if (rowFloats === s.outW) copyFloats(out, to, heap, from, rows * s.outW);
            else copyRows(out, to, s.outW, heap, from, rowFloats, rows, s.outW);
          }
        }
        oc += m;
      }
    }
  }
  return true;
}

/** How output rows are chunked: rows of whole blocks, or (flat) rows end to end at the padded width `wpx`. */
interface ChunkGeometry {
  flat: boolean;
  wpx: number;
  outWp: number;
  chunkRows: number;
  chunkFloats: (rows: number) => number;
}

interface Layout {
  xpAt: number;
  wsAt: number;
  offAt: number;
  biasAt: number;
  hp: number;
  wpx: number;
  blocks: number;
}

/**
 * The single-thread loop's tile calls as jobs any thread may claim: one per (image, channel block, row chunk), each writing
 * its thread's own chunk (scratch offset 0) and copying its channels on to `out`.
 */
function splitForward(s: ConvShape, og: number, K: number, c: ChunkGeometry, l: Layout): KernelJob[] {
  const { flat, outWp, chunkRows } = c;
  const rowFloats = flat ? c.wpx : outWp;
  const jobs: KernelJob[] = [];
  const plane = s.outH * s.outW,
    cg = s.c / s.groups;
  for (let n = 0; n < s.n; n++) {
    for (let g = 0; g < s.groups; g++) {
      const xg = l.xpAt + (n * s.c + g * cg) * l.hp * l.wpx * 4;
      for (let oc = 0; oc < og;) {
        const m = oc + 4 <= og ? 4 : oc + 2 <= og ? 2 : 1;
        const ch = g * og + oc;
        for (let row = 0; row < s.outH; row += chunkRows) {
          const rows = Math.min(chunkRows, s.outH - row);
          const chunkPlane = c.chunkFloats(rows);
          const args = [
            xg + row * s.sH * l.wpx * 4,
            l.wsAt + ch * K * 4,
            l.offAt,
            K,
            0,
            chunkPlane * 4,
            flat ? chunkPlane >> 3 : l.blocks,
            l.biasAt + ch * 4,
            flat ? 1 : rows,
            s.sH * l.wpx * 4,
            outWp * 4,
          ];
          const copies = Array.from({ length: m }, (_, j): [number, number, number, number, number, number] => [
            (n * s.o + ch + j) * plane + row * s.outW,
            j * chunkPlane,
            rows,
            s.outW,
            rowFloats,
            s.outW,
          ]);
          jobs.push({ fn: m === 4 ? 'conv4x8' : m === 2 ? 'conv2x8' : 'conv1x8', args, scratchArg: 4, copies });
        }
        oc += m;
      }
    }
  }
  return jobs;
}
