// Drives the SIMD weight-gradient tiles (stride-1 width): gy and padded x copied to wasm memory, 4 channels × 2 taps per call.
import type { ConvShape } from '../kernels/conv2d';
import { MAX_SIMD_HEAP_BYTES, heapViews, simdKernels } from './conv-simd';

const align16 = (n: number) => (n + 15) & ~15;

/** gw = ∂L/∂w with SIMD; returns false (nothing written) when not applicable. */
export function conv2dBackwardWeightSimd(gy: Float32Array, x: Float32Array, s: ConvShape, gw: Float32Array): boolean {
  // Below ~128 output pixels per channel the per-call overhead outweighs SIMD (e.g. the tutorial's 6×6 maps).
  if (s.sW !== 1 || s.outW < 1 || s.outH < 1 || s.n * s.o === 0 || s.n * s.outH * s.outW < 128) return false;
  const k = simdKernels();
  if (!k) return false;
  const cg = s.c / s.groups, og = s.o / s.groups, taps = s.kH * s.kW, K = cg * taps;
  const outWp = (s.outW + 3) & ~3;
  const hp = (s.outH - 1) * s.sH + s.dH * (s.kH - 1) + 1;
  const wpx = outWp + s.dW * (s.kW - 1);
  const xpBytes = align16(s.n * s.c * hp * wpx * 4), gyBytes = align16(s.n * s.o * s.outH * outWp * 4);
  const xpAt = 0, gyAt = xpBytes, outAt = gyAt + gyBytes;
  if (outAt + 32 + 64 > MAX_SIMD_HEAP_BYTES) return false;
  const { f32 } = heapViews(k, outAt + 32 + 64);

  const xp0 = xpAt >> 2;
  const c0 = Math.max(0, s.padL), c1 = Math.min(wpx, s.w + s.padL);
  for (let p = 0; p < s.n * s.c; p++) {
    for (let r = 0; r < hp; r++) {
      const ir = r - s.padT, dst = xp0 + (p * hp + r) * wpx;
      if (ir < 0 || ir >= s.h || c1 <= c0) {
        f32.fill(0, dst, dst + wpx);
        continue;
      }
      for (let c = 0; c < c0; c++) f32[dst + c] = 0;
      const src = (p * s.h + ir) * s.w - s.padL;
      f32.set(x.subarray(src + c0, src + c1), dst + c0);
      for (let c = c1; c < wpx; c++) f32[dst + c] = 0;
    }
  }
  // gy with rows padded to whole 4-pixel blocks (zeros in the padding, so extra lanes add nothing).
  const gy0 = gyAt >> 2;
  for (let row = 0; row < s.n * s.o * s.outH; row++) {
    const dst = gy0 + row * outWp, src = row * s.outW;
    f32.set(gy.subarray(src, src + s.outW), dst);
    for (let c = s.outW; c < outWp; c++) f32[dst + c] = 0;
  }
  const tapOffset = (q: number) => {
    const ic = Math.floor(q / taps), t = q % taps, a = Math.floor(t / s.kW), b = t % s.kW;
    return (ic * hp * wpx + a * s.dH * wpx + b * s.dW) * 4;
  };
  const gyPlane = s.outH * outWp * 4, out0 = outAt >> 2;
  for (let g = 0; g < s.groups; g++) {
    for (let oc = 0; oc < og; oc += 4) {
      const m = Math.min(4, og - oc);
      for (let q = 0; q < K; q += 2) {
        const t = Math.min(2, K - q);
        const o0 = tapOffset(q), o1 = t > 1 ? tapOffset(q + 1) : o0;
        f32.fill(0, out0, out0 + 8);
        for (let n = 0; n < s.n; n++) {
          const first = gyAt + (n * s.o + g * og + oc) * gyPlane;
          const gp = (i: number) => (i < m ? first + i * gyPlane : first);
          const xg = xpAt + (n * s.c + g * cg) * hp * wpx * 4;
          k.wgrad4x2(gp(0), gp(1), gp(2), gp(3), xg, o0, o1, s.outH, outWp >> 2, outWp * 4, s.sH * wpx * 4, outAt);
        }
        for (let i = 0; i < m; i++) {
          for (let j = 0; j < t; j++) gw[(g * og + oc + i) * K + q + j] = f32[out0 + 2 * i + j];
        }
      }
    }
  }
  return true;
}
