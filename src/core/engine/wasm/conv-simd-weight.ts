// Drives the SIMD weight-gradient tiles (stride-1 width): gy and padded x copied to wasm memory, 4 channels × 2 taps per call.
import { type ConvShape, copyRows, padInto } from '../kernels/conv-shape';
import { type KernelJob, noteSplit, parallelFor } from '../parallel';
import { MAX_SIMD_HEAP_BYTES, heapViews, simdKernels } from './conv-simd';

const align16 = (n: number) => (n + 15) & ~15;

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
  // Split across threads, every channel block gets its own result area; on one thread they share the first.
  const blockCount = s.groups * Math.ceil(og / 4);
  const outBytes = (par ? blockCount : 1) * 4 * ((K + 1) & ~1) * 4;
  if (outAt + outBytes + 64 > MAX_SIMD_HEAP_BYTES) return false;
  const { f32, i32 } = heapViews(k, outAt + outBytes + 64);

  padInto(f32, xpAt >> 2, x, s, hp, wpx);
  // gy with rows padded to whole 4-pixel blocks (zeros in the padding, so extra lanes add nothing).
  copyRows(f32, gyAt >> 2, outWp, gy, 0, s.outW, s.n * s.o * s.outH, s.outW, true);
  const kp = (K + 1) & ~1;
  const i0 = tapsAt >> 2;
  let q = i0;
  for (let ic = 0; ic < cg; ic++) {
    for (let a = 0; a < s.kH; a++) {
      for (let b = 0; b < s.kW; b++) i32[q++] = (ic * hp * wpx + a * s.dH * wpx + b * s.dW) * 4;
    }
  }
  if (kp > K) i32[q] = i32[q - 1]; // odd K: the pair's second tap repeats the last one, its sum is dropped
  const gyPlane = s.outH * outWp * 4,
    out0 = outAt >> 2;
  const jobs: KernelJob[] = [];
  for (let g = 0; g < s.groups; g++) {
    for (let oc = 0; oc < og; oc += 4) {
      const m = Math.min(4, og - oc);
      const at = outAt + (par ? jobs.length * 4 * kp * 4 : 0);
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
        at,
        kp,
      ];
      if (par) {
        jobs.push({ fn: 'wgrad4x2', args });
        continue;
      }
      k.wgrad4x2(...(args as Parameters<typeof k.wgrad4x2>));
      copyRows(gw, (g * og + oc) * K, K, f32, out0, kp, m, K);
    }
  }
  if (par) {
    noteSplit();
    par.pool.run(k.compiled.module, k.memory, k.exports, jobs, null, { at: 0, bytes: 0 });
    const heap = heapViews(k, 0).f32;
    let block = 0;
    for (let g = 0; g < s.groups; g++) {
      for (let oc = 0; oc < og; oc += 4, block++)
        copyRows(gw, (g * og + oc) * K, K, heap, out0 + block * 4 * kp, kp, Math.min(4, og - oc), K);
    }
  }
  return true;
}
