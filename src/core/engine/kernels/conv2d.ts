// The reference conv2d forward in plain JS over flat NCHW Float32Arrays: zero-padded scratch copy, then 4×4 register tiles
// (4 channels × 4 pixels). backend.ts runs the WebAssembly SIMD kernels instead where they apply; tests hold both to the goldens.
import { scratchF32, scratchI32 } from '../memory';
import { type ConvShape, paddedExtent, padZeros } from './conv-shape';

export { type ConvShape, paddedExtent, padZeros } from './conv-shape';

/** Offsets of each reduction index k = (icg, kh, kw) into one group's padded planes. */
export function tapOffsets(s: ConvShape, cg: number, hp: number, wp: number): Int32Array {
  const taps = s.kH * s.kW;
  const off = scratchI32('taps', cg * taps);
  for (let ic = 0; ic < cg; ic++) {
    for (let a = 0; a < s.kH; a++) {
      for (let b = 0; b < s.kW; b++) off[ic * taps + a * s.kW + b] = ic * hp * wp + a * s.dH * wp + b * s.dW;
    }
  }
  return off;
}

export function conv2dForward(x: Float32Array, w: Float32Array, b: Float32Array | null, s: ConvShape, out: Float32Array): void {
  const [hp, wp] = paddedExtent(s);
  const xp = padZeros(x, s, 'conv.xp');
  const cg = s.c / s.groups,
    og = s.o / s.groups,
    K = cg * s.kH * s.kW;
  const off = tapOffsets(s, cg, hp, wp);
  // Weights transposed per group to [k][oc] so a tile reads 4 neighbouring output channels.
  const wT = scratchF32('conv.wT', s.o * K);
  for (let g = 0; g < s.groups; g++) {
    for (let j = 0; j < og; j++) {
      const src = (g * og + j) * K,
        dst = g * og * K + j;
      for (let k = 0; k < K; k++) wT[dst + k * og] = w[src + k];
    }
  }
  const plane = s.outH * s.outW;
  for (let n = 0; n < s.n; n++) {
    for (let g = 0; g < s.groups; g++) {
      const xBase = (n * s.c + g * cg) * hp * wp,
        yBase = (n * s.o + g * og) * plane;
      tiles(xp, xBase, wT, g * og * K, og, K, off, b, g * og, s, wp, out, yBase);
    }
  }
}

function tiles(
  xp: Float32Array,
  xBase: number,
  wT: Float32Array,
  wBase: number,
  og: number,
  K: number,
  off: Int32Array,
  b: Float32Array | null,
  bBase: number,
  s: ConvShape,
  wp: number,
  out: Float32Array,
  yBase: number,
): void {
  const { outH, outW, sH, sW } = s;
  const plane = outH * outW,
    s2 = 2 * sW,
    s3 = 3 * sW;
  let oc = 0;
  for (; oc + 4 <= og; oc += 4) {
    const b0 = b ? b[bBase + oc] : 0,
      b1 = b ? b[bBase + oc + 1] : 0,
      b2 = b ? b[bBase + oc + 2] : 0,
      b3 = b ? b[bBase + oc + 3] : 0;
    for (let oh = 0; oh < outH; oh++) {
      const rowBase = xBase + oh * sH * wp;
      let y = yBase + oc * plane + oh * outW;
      let ow = 0;
      for (; ow + 4 <= outW; ow += 4, y += 4) {
        let c00 = b0,
          c01 = b0,
          c02 = b0,
          c03 = b0,
          c10 = b1,
          c11 = b1,
          c12 = b1,
          c13 = b1;
        let c20 = b2,
          c21 = b2,
          c22 = b2,
          c23 = b2,
          c30 = b3,
          c31 = b3,
          c32 = b3,
          c33 = b3;
        const base = rowBase + ow * sW;
        let wi = wBase + oc;
        for (let k = 0; k < K; k++, wi += og) {
          const o = base + off[k];
          const x0 = xp[o],
            x1 = xp[o + sW],
            x2 = xp[o + s2],
            x3 = xp[o + s3];
          const w0 = wT[wi],
            w1 = wT[wi + 1],
            w2 = wT[wi + 2],
            w3 = wT[wi + 3];
          c00 += w0 * x0;
          c01 += w0 * x1;
          c02 += w0 * x2;
          c03 += w0 * x3;
          c10 += w1 * x0;
          c11 += w1 * x1;
          c12 += w1 * x2;
          c13 += w1 * x3;
          c20 += w2 * x0;
          c21 += w2 * x1;
          c22 += w2 * x2;
          c23 += w2 * x3;
          c30 += w3 * x0;
          c31 += w3 * x1;
          c32 += w3 * x2;
          c33 += w3 * x3;
        }
        out[y] = c00;
        out[y + 1] = c01;
        out[y + 2] = c02;
        out[y + 3] = c03;
        const y1 = y + plane,
          y2 = y1 + plane,
          y3 = y2 + plane;
        out[y1] = c10;
        out[y1 + 1] = c11;
        out[y1 + 2] = c12;
        out[y1 + 3] = c13;
        out[y2] = c20;
        out[y2 + 1] = c21;
        out[y2 + 2] = c22;
        out[y2 + 3] = c23;
        out[y3] = c30;
        out[y3 + 1] = c31;
        out[y3 + 2] = c32;
        out[y3 + 3] = c33;
      }
      for (; ow < outW; ow++, y++) {
        let c0 = b0,
          c1 = b1,
          c2 = b2,
          c3 = b3;
        const base = rowBase + ow * sW;
        let wi = wBase + oc;
        for (let k = 0; k < K; k++, wi += og) {
          const xv = xp[base + off[k]];
          c0 += wT[wi] * xv;
          c1 += wT[wi + 1] * xv;
          c2 += wT[wi + 2] * xv;
          c3 += wT[wi + 3] * xv;
        }
        out[y] = c0;
        out[y + plane] = c1;
        out[y + 2 * plane] = c2;
        out[y + 3 * plane] = c3;
      }
    }
  }
  if (oc < og && s.kH === 3 && s.kW === 3) {
    taps3x3(xp, xBase, wT, wBase, oc, og, K / 9, b, bBase, s, wp, out, yBase);
    return;
  }
  for (; oc < og; oc++) {
    const bv = b ? b[bBase + oc] : 0;
    for (let oh = 0; oh < outH; oh++) {
      const rowBase = xBase + oh * sH * wp;
      let y = yBase + oc * plane + oh * outW;
      let ow = 0;
      for (; ow + 4 <= outW; ow += 4, y += 4) {
        let c0 = bv,
          c1 = bv,
          c2 = bv,
          c3 = bv;
        const base = rowBase + ow * sW;
        let wi = wBase + oc;
        for (let k = 0; k < K; k++, wi += og) {
          const o = base + off[k],
            wv = wT[wi];
          c0 += wv * xp[o];
          c1 += wv * xp[o + sW];
          c2 += wv * xp[o + s2];
          c3 += wv * xp[o + s3];
        }
        out[y] = c0;
        out[y + 1] = c1;
        out[y + 2] = c2;
        out[y + 3] = c3;
      }
      for (; ow < outW; ow++, y++) {
        let c0 = bv;
        const base = rowBase + ow * sW;
        let wi = wBase + oc;
        for (let k = 0; k < K; k++, wi += og) c0 += wT[wi] * xp[base + off[k]];
        out[y] = c0;
      }
    }
  }
}

/** Channels left over by the 4-wide tiles, 3×3 kernels (the hover case): all nine taps unrolled, one input channel at a time. */
function taps3x3(
  xp: Float32Array,
  xBase: number,
  wT: Float32Array,
  wBase: number,
  oc0: number,
  og: number,
  cg: number,
  b: Float32Array | null,
  bBase: number,
  s: ConvShape,
  wp: number,
  out: Float32Array,
  yBase: number,
): void {
  const { outH, outW, sH, sW, dH, dW } = s;
  const plane = outH * outW,
    hp = (outH - 1) * sH + 2 * dH + 1;
  for (let oc = oc0; oc < og; oc++) {
    const bv = b ? b[bBase + oc] : 0;
    const yPlane = yBase + oc * plane;
    for (let ic = 0; ic < cg; ic++) {
      const wi = wBase + oc + ic * 9 * og;
      const w0 = wT[wi],
        w1 = wT[wi + og],
        w2 = wT[wi + 2 * og],
        w3 = wT[wi + 3 * og],
        w4 = wT[wi + 4 * og];
      const w5 = wT[wi + 5 * og],
        w6 = wT[wi + 6 * og],
        w7 = wT[wi + 7 * og],
        w8 = wT[wi + 8 * og];
      const xPlane = xBase + ic * hp * wp;
      for (let oh = 0; oh < outH; oh++) {
        const r0 = xPlane + oh * sH * wp,
          r1 = r0 + dH * wp,
          r2 = r1 + dH * wp;
        const y = yPlane + oh * outW;
        if (sW === 1 && dW === 1) {
          // The common case gets constant offsets, which the JIT folds into the loads.
          for (let ow = 0; ow < outW; ow++) {
            const v =
              w0 * xp[r0 + ow] +
              w1 * xp[r0 + ow + 1] +
              w2 * xp[r0 + ow + 2] +
              w3 * xp[r1 + ow] +
              w4 * xp[r1 + ow + 1] +
              w5 * xp[r1 + ow + 2] +
              w6 * xp[r2 + ow] +
              w7 * xp[r2 + ow + 1] +
              w8 * xp[r2 + ow + 2];
            out[y + ow] = ic === 0 ? v + bv : out[y + ow] + v;
          }
          continue;
        }
        const d2 = 2 * dW;
        for (let ow = 0, c = 0; ow < outW; ow++, c += sW) {
          const v =
            w0 * xp[r0 + c] +
            w1 * xp[r0 + c + dW] +
            w2 * xp[r0 + c + d2] +
            w3 * xp[r1 + c] +
            w4 * xp[r1 + c + dW] +
            w5 * xp[r1 + c + d2] +
            w6 * xp[r2 + c] +
            w7 * xp[r2 + c + dW] +
            w8 * xp[r2 + c + d2];
          out[y + ow] = ic === 0 ? v + bv : out[y + ow] + v;
        }
      }
    }
  }
}
