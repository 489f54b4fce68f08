// Reference conv2d gradients in plain JS: input (stride 1 as a flipped-kernel conv through a forward, else scatter), weight (4×4 tiles), bias.
import { scratchF32 } from '../memory';
import { type ConvShape, paddedExtent, padZeros } from './conv-shape';
import { conv2dForward, tapOffsets } from './conv2d';

type Forward = (x: Float32Array, w: Float32Array, b: Float32Array | null, s: ConvShape, out: Float32Array) => void;

/** gx = ∂L/∂x given gy = ∂L/∂y (gx is overwritten); stride 1 runs `forward` (the reference unless the backend passes its own). */
export function conv2dBackwardInput(
  gy: Float32Array,
  w: Float32Array,
  s: ConvShape,
  gx: Float32Array,
  forward: Forward = conv2dForward,
): void {
  const effKH = s.dH * (s.kH - 1) + 1,
    effKW = s.dW * (s.kW - 1) + 1;
  const cg = s.c / s.groups,
    og = s.o / s.groups,
    taps = s.kH * s.kW;
  if (s.sH === 1 && s.sW === 1) {
    // Full correlation of gy with the kernel flipped and transposed to [C, O/groups, kH, kW].
    const wf = scratchF32('convbw.wflip', s.c * og * taps);
    for (let g = 0; g < s.groups; g++) {
      for (let j = 0; j < og; j++) {
        for (let ic = 0; ic < cg; ic++) {
          const src = ((g * og + j) * cg + ic) * taps,
            dst = ((g * cg + ic) * og + j) * taps;
          for (let t = 0; t < taps; t++) wf[dst + t] = w[src + taps - 1 - t];
        }
      }
    }
    const t: ConvShape = {
      n: s.n,
      c: s.o,
      h: s.outH,
      w: s.outW,
      o: s.c,
      kH: s.kH,
      kW: s.kW,
      groups: s.groups,
      sH: 1,
      sW: 1,
      dH: s.dH,
      dW: s.dW,
      padT: effKH - 1 - s.padT,
      padL: effKW - 1 - s.padL,
      outH: s.h,
      outW: s.w,
    };
    forward(gy, wf, null, t, gx);
    return;
  }
  scatterInput(gy, w, s, gx);
}

function scatterInput(gy: Float32Array, w: Float32Array, s: ConvShape, gx: Float32Array): void {
  const cg = s.c / s.groups,
    og = s.o / s.groups,
    plane = s.outH * s.outW,
    inPlane = s.h * s.w;
  gx.fill(0, 0, s.n * s.c * inPlane);
  for (let n = 0; n < s.n; n++) {
    for (let oc = 0; oc < s.o; oc++) {
      const g = Math.floor(oc / og),
        yBase = (n * s.o + oc) * plane;
      for (let icg = 0; icg < cg; icg++) {
        const xBase = (n * s.c + g * cg + icg) * inPlane;
        for (let kh = 0; kh < s.kH; kh++) {
          const offH = kh * s.dH - s.padT;
          const ohLo = offH >= 0 ? 0 : Math.ceil(-offH / s.sH),
            ohHi = Math.min(s.outH, Math.floor((s.h - 1 - offH) / s.sH) + 1);
          for (let kw = 0; kw < s.kW; kw++) {
            const offW = kw * s.dW - s.padL;
            const owLo = offW >= 0 ? 0 : Math.ceil(-offW / s.sW),
              owHi = Math.min(s.outW, Math.floor((s.w - 1 - offW) / s.sW) + 1);
            const wv = w[((oc * cg + icg) * s.kH + kh) * s.kW + kw];
            for (let oh = ohLo; oh < ohHi; oh++) {
              const xRow = xBase + (oh * s.sH + offH) * s.w + offW,
                yRow = yBase + oh * s.outW;
              for (let ow = owLo; ow < owHi; ow++) gx[xRow + ow * s.sW] += wv * gy[yRow + ow];
            }
          }
        }
      }
    }
  }
}

/** gw = ∂L/∂w given gy (gw is overwritten): per group, gy [og × pixels] · im2col(x)ᵀ in 4×4 tiles read straight from padded x. */
export function conv2dBackwardWeight(gy: Float32Array, x: Float32Array, s: ConvShape, gw: Float32Array): void {
  const [hp, wp] = paddedExtent(s);
  const xp = padZeros(x, s, 'convbw.xp');
  const cg = s.c / s.groups,
    og = s.o / s.groups,
    K = cg * s.kH * s.kW;
  const off = tapOffsets(s, cg, hp, wp);
  const { outH, outW, sH, sW } = s;
  const plane = outH * outW;
  for (let g = 0; g < s.groups; g++) {
    for (let oc = 0; oc < og; oc += 4) {
      const m = Math.min(4, og - oc);
      for (let k = 0; k < K; k += 4) {
        const q = Math.min(4, K - k);
        const o0 = off[k],
          o1 = q > 1 ? off[k + 1] : o0,
          o2 = q > 2 ? off[k + 2] : o0,
          o3 = q > 3 ? off[k + 3] : o0;
        let c00 = 0,
          c01 = 0,
          c02 = 0,
          c03 = 0,
          c10 = 0,
          c11 = 0,
          c12 = 0,
          c13 = 0;
        let c20 = 0,
          c21 = 0,
          c22 = 0,
          c23 = 0,
          c30 = 0,
          c31 = 0,
          c32 = 0,
          c33 = 0;
        for (let n = 0; n < s.n; n++) {
          const xBase = (n * s.c + g * cg) * hp * wp;
          // Rows of gy for the tile's channels; missing channels re-read row 0 and are discarded.
          const y0 = (n * s.o + g * og + oc) * plane;
          const y1 = m > 1 ? y0 + plane : y0,
            y2 = m > 2 ? y0 + 2 * plane : y0,
            y3 = m > 3 ? y0 + 3 * plane : y0;
          for (let oh = 0; oh < outH; oh++) {
            let xo = xBase + oh * sH * wp;
            const yr = oh * outW;
            for (let ow = 0; ow < outW; ow++, xo += sW) {
              const p = yr + ow;
              const g0 = gy[y0 + p],
                g1 = gy[y1 + p],
                g2 = gy[y2 + p],
                g3 = gy[y3 + p];
              const x0 = xp[xo + o0],
                x1 = xp[xo + o1],
                x2 = xp[xo + o2],
                x3 = xp[xo + o3];
              c00 += g0 * x0;
              c01 += g0 * x1;
              c02 += g0 * x2;
              c03 += g0 * x3;
              c10 += g1 * x0;
              c11 += g1 * x1;
              c12 += g1 * x2;
              c13 += g1 * x3;
              c20 += g2 * x0;
              c21 += g2 * x1;
              c22 += g2 * x2;
              c23 += g2 * x3;
              c30 += g3 * x0;
              c31 += g3 * x1;
              c32 += g3 * x2;
              c33 += g3 * x3;
            }
          }
        }
        const dst = (g * og + oc) * K + k;
        store4(gw, dst, q, c00, c01, c02, c03);
        if (m > 1) store4(gw, dst + K, q, c10, c11, c12, c13);
        if (m > 2) store4(gw, dst + 2 * K, q, c20, c21, c22, c23);
        if (m > 3) store4(gw, dst + 3 * K, q, c30, c31, c32, c33);
      }
    }
  }
}

function store4(out: Float32Array, at: number, q: number, a: number, b: number, c: number, d: number): void {
  out[at] = a;
  if (q > 1) out[at + 1] = b;
  if (q > 2) out[at + 2] = c;
  if (q > 3) out[at + 3] = d;
}

/** gb[o] = Σ gy[n, o, :, :]. */
export function conv2dBackwardBias(gy: Float32Array, s: ConvShape, gb: Float32Array): void {
  const plane = s.outH * s.outW;
  for (let oc = 0; oc < s.o; oc++) {
    let acc = 0;
    for (let n = 0; n < s.n; n++) {
      const base = (n * s.o + oc) * plane;
      for (let i = 0; i < plane; i++) acc += gy[base + i];
    }
    gb[oc] = acc;
  }
}
