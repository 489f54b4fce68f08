// Drives the SIMD tiles for stride-1 conv2d forward: lays out padded input, weights and tap offsets in wasm memory.
import { type ConvShape, copyFloats, copyRows } from '../kernels/conv-shape';
import { type KernelJob, memoJobs, noteSplit, parallelFor } from '../parallel';
import { MAX_SIMD_HEAP_BYTES, heapViews, inputViews, padInHeap, simdKernels } from './conv-simd';

const align16 = (n: number) => (n + 15) & ~15;
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
  const wpx = outWp + s.dW * (s.kW - 1); // row stride: 8-pixel blocks may read past outW, into zeros
  // Output rows go through a cache-sized chunk (≤ 4 channels × `chunkRows` rows) and straight on to `out`: writing the whole
  // output into wasm memory first and copying it after would stream it through main memory twice more.
  const chunkRows = Math.max(1, Math.min(s.outH, Math.floor(CHUNK_FLOATS / (4 * outWp))));
  const xpBytes = align16(s.n * s.c * hp * wpx * 4),
    wsBytes = align16(s.o * K * 4),
    offBytes = align16(K * 4);
  const biasBytes = align16(s.o * 4),
    outBytes = threads * 4 * chunkRows * outWp * 4; // one chunk per thread
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
    ];
    const jobs = memoJobs(`fwd:${key.join(',')}`, () =>
      splitForward(s, og, K, outWp, chunkRows, { xpAt, wsAt, offAt, biasAt, hp, wpx, blocks }),
    );
    par.pool.run(k.compiled.module, k.memory, k.exports, jobs, out, { at: outAt, bytes: 4 * chunkRows * outWp * 4 });
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
          const chunkPlane = rows * outWp;
          kernel(
            xg + row * s.sH * wpx * 4,
            wsAt + ch * K * 4,
            offAt,
            K,
            outAt,
            chunkPlane * 4,
            blocks,
            biasAt + ch * 4,
            rows,
            s.sH * wpx * 4,
            outWp * 4,
          );
          for (let j = 0; j < m; j++) {
            const to = (n * s.o + ch + j) * plane + row * s.outW,
              from = (outAt >> 2) + j * chunkPlane;
            if (outWp === s.outW) copyFloats(out, to, heap, from, chunkPlane);
            else copyRows(out, to, s.outW, heap, from, outWp, rows, s.outW);
          }
        }
        oc += m;
      }
    }
  }
  return true;
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
function splitForward(s: ConvShape, og: number, K: number, outWp: number, chunkRows: number, l: Layout): KernelJob[] {
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
          const chunkPlane = rows * outWp;
          const args = [
            xg + row * s.sH * l.wpx * 4,
            l.wsAt + ch * K * 4,
            l.offAt,
            K,
            0,
            chunkPlane * 4,
            l.blocks,
            l.biasAt + ch * 4,
            rows,
            s.sH * l.wpx * 4,
            outWp * 4,
          ];
          const copies = Array.from({ length: m }, (_, j): [number, number, number, number, number, number] => [
            (n * s.o + ch + j) * plane + row * s.outW,
            j * chunkPlane,
            rows,
            s.outW,
            outWp,
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
