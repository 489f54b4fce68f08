// Drives the SIMD weight-gradient tiles (stride-1 width): gy and padded x copied to wasm memory, 4 channels × 2 taps per call.
import { type ConvShape, copyRows } from '../kernels/conv-shape';
import { type KernelJob, noteSplit, parallelFor } from '../parallel';
import { MAX_SIMD_HEAP_BYTES, heapFloats, heapViews, inputViews, padInHeap, simdKernels, widenInHeap } from './conv-simd';

const align16 = (n: number) => (n + 15) & ~15;
const CHUNK_BYTES = 256 * 1024;

/** gw = ∂L/∂w with SIMD; returns false (nothing written) when not applicable. */
export function conv2dBackwardWeightSimd(gy: Float32Array, x: Float32Array, s: ConvShape, gw: Float32Array, relaxed = false): boolean {
  if (s.sW !== 1 || s.outW < 1 || s.outH < 1 || s.n * s.o === 0) return false;
  const par = parallelFor(s.n * s.o * s.outH * s.outW * (s.c / s.groups) * s.kH * s.kW);
  const k = simdKernels(relaxed, par !== null);
  if (!k) return false;
  const cg = s.c / s.groups,
    og = s.o / s.groups,
    taps = s.kH * s.kW,
    K = cg * taps;
  const outWp = (s.outW + 3) & ~3;
  const hp = (s.outH - 1) * s.sH + s.dH * (s.kH - 1) + 1;
  const wpx = outWp + s.dW * (s.kW - 1);
  const xpBytes = align16(s.n * s.c * hp * wpx * 4),
    gyBytes = align16(s.n * s.o * s.outH * outWp * 4);
  const tapsBytes = align16((K + 1) * 4);
  const xpAt = 0,
    gyAt = xpBytes,
    tapsAt = gyAt + gyBytes,
    outAt = tapsAt + tapsBytes;
  // Split across threads, every channel block gets its own result area, and with few blocks the batch is cut into `parts`
  // (at least 16 jobs, so the last job claimed is a small share) whose partial sums are added after; on one thread the
  // blocks share the first area.
  const blockCount = s.groups * Math.ceil(og / 4);
  const parts = par ? Math.max(1, Math.min(s.n, Math.ceil(16 / blockCount))) : 1;
  const outBytes = (par ? blockCount * parts : 1) * 4 * ((K + 1) & ~1) * 4;
  // x and gy arrive unpadded at rawAt, one after the other, and the padRows kernel lays each out at xpAt and gyAt.
  const rawAt = align16(outAt + outBytes + 64),
    rawBytes = Math.max(s.n * s.c * s.h * s.w, s.n * s.o * s.outH * s.outW) * 4;
  if (rawAt + rawBytes > MAX_SIMD_HEAP_BYTES) return false;
  heapViews(k, rawAt + rawBytes);
  const { i32, commit } = inputViews(k, outAt, tapsAt);
  padInHeap(k, xpAt, rawAt, x, s, hp, wpx);
  // gy with rows padded to whole 4-pixel blocks (zeros in the padding, so extra lanes add nothing).
  widenInHeap(k, gyAt, rawAt, gy, s.n * s.o * s.outH, s.outW, outWp);
  const kp = (K + 1) & ~1;
  const i0 = tapsAt >> 2;
  let q = i0;
  for (let ic = 0; ic < cg; ic++) {
    for (let a = 0; a < s.kH; a++) {
      for (let b = 0; b < s.kW; b++) i32[q++] = (ic * hp * wpx + a * s.dH * wpx + b * s.dW) * 4;
    }
  }
  if (kp > K) i32[q] = i32[q - 1]; // odd K: the pair's second tap repeats the last one, its sum is dropped
  commit();
  const gyPlane = s.outH * outWp * 4,
    out0 = outAt >> 2;
  // Images per chunk: a chunk's gy planes (4 channels) and x planes (the ≤ 2 input channels of a tap pair) within ~256 KB.
  const chunk = Math.max(1, Math.floor(CHUNK_BYTES / (4 * gyPlane + 2 * hp * wpx * 4)));
  // The kernel adds to its result area: zero every area it will use.
  heapViews(k, 0).f32.fill(0, out0, out0 + (par ? blockCount * parts : 1) * 4 * kp);
  const jobs: KernelJob[] = [];
  const area = 4 * kp;
  for (let g = 0; g < s.groups; g++) {
    for (let oc = 0; oc < og; oc += 4) {
      const m = Math.min(4, og - oc);
      // Missing channels of a short block re-read the first plane; their sums are dropped.
      const args = [
        gyAt + (g * og + oc) * gyPlane,
        0,
        m > 1 ? gyPlane : 0,
        m > 2 ? 2 * gyPlane : 0,
        m > 3 ? 3 * gyPlane : 0,
        s.o * gyPlane,
        xpAt + g * cg * hp * wpx * 4,
        s.c * hp * wpx * 4,
        s.n,
        tapsAt,
        kp >> 1,
        s.outH,
        outWp >> 2,
        outWp * 4,
        s.sH * wpx * 4,
        outAt,
        kp,
        chunk,
      ];
      if (!par) {
        if (oc > 0 || g > 0) heapViews(k, 0).f32.fill(0, out0, out0 + area);
        k.wgrad4x2(...args);
        copyRows(gw, (g * og + oc) * K, K, heapViews(k, 0).f32, out0, kp, m, K);
        continue;
      }
      for (let p = 0; p < parts; p++) {
        const n0 = Math.floor((p * s.n) / parts),
          n1 = Math.floor(((p + 1) * s.n) / parts);
        const part = [...args];
        part[0] += n0 * s.o * gyPlane;
        part[6] += n0 * s.c * hp * wpx * 4;
        part[8] = n1 - n0;
        part[15] = outAt + jobs.length * area * 4;
        jobs.push({ fn: 'wgrad4x2', args: part });
      }
    }
  }
  if (par) {
    noteSplit();
    par.pool.run(k.compiled.module, k.memory, k.exports, jobs, null, { at: 0, bytes: 0 });
    const res = heapFloats(k, out0, jobs.length * area);
    let block = 0;
    for (let g = 0; g < s.groups; g++) {
      for (let oc = 0; oc < og; oc += 4, block++) {
        const m = Math.min(4, og - oc);
        for (let p = 1; p < parts; p++) {
          const from = (block * parts + p) * area,
            to = block * parts * area;
          for (let i = 0; i < area; i++) res[to + i] += res[from + i];
        }
        copyRows(gw, (g * og + oc) * K, K, res, block * parts * area, kp, m, K);
      }
    }
  }
  return true;
}
