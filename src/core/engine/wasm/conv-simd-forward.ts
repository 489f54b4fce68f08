// Drives the SIMD tiles for stride-1 conv2d forward: lays out padded input, weights and tap offsets in wasm memory.
import { type ConvShape, padInto } from '../kernels/conv-shape';
import { MAX_SIMD_HEAP_BYTES, heapViews, simdKernels } from './conv-simd';

const align16 = (n: number) => (n + 15) & ~15;

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
  const k = simdKernels(relaxed);
  if (!k) return false;
  const cg = s.c / s.groups,
    og = s.o / s.groups,
    K = cg * s.kH * s.kW;
  const outWp = (s.outW + 7) & ~7;
  const hp = (s.outH - 1) * s.sH + s.dH * (s.kH - 1) + 1;
  const wpx = outWp + s.dW * (s.kW - 1); // row stride: 8-pixel blocks may read past outW, into zeros
  const xpBytes = align16(s.n * s.c * hp * wpx * 4),
    wsBytes = align16(s.o * K * 4),
    offBytes = align16(K * 4);
  const biasBytes = align16(s.o * 4),
    outBytes = s.n * s.o * s.outH * outWp * 4;
  const xpAt = 0,
    wsAt = xpAt + xpBytes,
    offAt = wsAt + wsBytes,
    biasAt = offAt + offBytes,
    outAt = biasAt + biasBytes;
  if (outAt + outBytes + 64 > MAX_SIMD_HEAP_BYTES) return false;
  const { f32, i32 } = heapViews(k, outAt + outBytes + 64);

  padInto(f32, xpAt >> 2, x, s, hp, wpx);
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

  const plane = s.outH * outWp,
    blocks = outWp >> 3;
  for (let n = 0; n < s.n; n++) {
    for (let g = 0; g < s.groups; g++) {
      const xg = xpAt + (n * s.c + g * cg) * hp * wpx * 4;
      for (let oc = 0; oc < og;) {
        const m = oc + 4 <= og ? 4 : oc + 2 <= og ? 2 : 1;
        const ch = g * og + oc;
        const kernel = m === 4 ? k.conv4x8 : m === 2 ? k.conv2x8 : k.conv1x8;
        kernel(
          xg,
          wsAt + ch * K * 4,
          offAt,
          K,
          outAt + (n * s.o + ch) * plane * 4,
          plane * 4,
          blocks,
          biasAt + ch * 4,
          s.outH,
          s.sH * wpx * 4,
          outWp * 4,
        );
        oc += m;
      }
    }
  }
  const o0 = outAt >> 2;
  if (outWp === s.outW) {
    out.set(f32.subarray(o0, o0 + s.n * s.o * plane));
  } else {
    for (let row = 0; row < s.n * s.o * s.outH; row++) {
      const src = o0 + row * outWp,
        dst = row * s.outW;
      for (let c = 0; c < s.outW; c++) out[dst + c] = f32[src + c];
    }
  }
  return true;
}
