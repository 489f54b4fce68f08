// A strided conv2d (dilation 1) as a stride-1 one, so the SIMD tiles run it: each input channel is split into its
// sH·sW phases (rows ≡ ph mod sH, columns ≡ pw mod sW), stacked as channels, and the kernel into the matching sub-kernels
// (taps ph, ph + sH, …; zeros where a phase has fewer). y = conv_s1(phases(x), phases(w)): the same products, summed
// over the stacked channels. The weight gradient maps back tap by tap, the input gradient cell by cell (each input cell
// lies in exactly one phase), so all three passes of a strided conv, and a transposed conv's, reach the SIMD kernels.
import type { ConvShape } from './conv-shape';

/**
 * Whether a call goes through phases: no dilation, and strided along the width (the forward tiles' one unsupported case),
 * or along either axis for the input gradient (a stride-1 correlation only when both strides are 1).
 */
export function usesPhases(s: ConvShape, inputGradient = false): boolean {
  return (s.sW > 1 || (inputGradient && s.sH > 1)) && s.dH === 1 && s.dW === 1;
}

/** The stride-1 problem on the stacked phases: channels × sH·sW, sub-kernels of ⌈k/s⌉ taps, no padding. */
export function phaseShape(s: ConvShape): ConvShape {
  const kH = Math.ceil(s.kH / s.sH),
    kW = Math.ceil(s.kW / s.sW);
  return {
    n: s.n,
    c: s.c * s.sH * s.sW,
    h: s.outH + kH - 1,
    w: s.outW + kW - 1,
    o: s.o,
    kH,
    kW,
    groups: s.groups,
    sH: 1,
    sW: 1,
    dH: 1,
    dW: 1,
    padT: 0,
    padL: 0,
    outH: s.outH,
    outW: s.outW,
  };
}

/**
 * Stacked channel c·P + ph·sW + pw holds x[c][i·sH + ph − padT][j·sW + pw − padL] (0 outside x). `toStacked`: write the
 * stacked tensor from x (every element); else write x's gradient from the stacked one (cells no output reads get 0).
 */
function mapCells(x: Float32Array, s: ConvShape, t: ConvShape, stacked: Float32Array, toStacked: boolean): void {
  if (!toStacked) x.fill(0, 0, s.n * s.c * s.h * s.w);
  let at = 0;
  for (let p = 0; p < s.n * s.c; p++) {
    const base = p * s.h * s.w;
    for (let ph = 0; ph < s.sH; ph++) {
      for (let pw = 0; pw < s.sW; pw++) {
        for (let i = 0; i < t.h; i++, at += t.w) {
          const r = i * s.sH + ph - s.padT;
          if (r < 0 || r >= s.h) {
            if (toStacked) stacked.fill(0, at, at + t.w);
            continue;
          }
          const row = base + r * s.w;
          for (let j = 0; j < t.w; j++) {
            const c = j * s.sW + pw - s.padL;
            const inside = c >= 0 && c < s.w;
            if (toStacked) stacked[at + j] = inside ? x[row + c] : 0;
            else if (inside) x[row + c] = stacked[at + j];
          }
        }
      }
    }
  }
}

/** The stacked input (every element written). */
export function gatherPhases(x: Float32Array, s: ConvShape, t: ConvShape, out: Float32Array): void {
  mapCells(x, s, t, out, true);
}

/** The input gradient from the stacked one (every element of gx written). */
export function scatterPhaseInputGrad(gs: Float32Array, s: ConvShape, t: ConvShape, gx: Float32Array): void {
  mapCells(gx, s, t, gs, false);
}

/** Visits every stacked tap: `at` its index in the stacked weight, `from` the kernel tap it holds (−1: none, zero). */
function eachTap(s: ConvShape, t: ConvShape, fn: (at: number, from: number) => void): void {
  const cg = s.c / s.groups;
  let at = 0;
  for (let oc = 0; oc < s.o; oc++) {
    for (let ic = 0; ic < cg; ic++) {
      const base = (oc * cg + ic) * s.kH * s.kW;
      for (let ph = 0; ph < s.sH; ph++) {
        for (let pw = 0; pw < s.sW; pw++) {
          for (let a = 0; a < t.kH; a++) {
            const kh = ph + a * s.sH;
            for (let b = 0; b < t.kW; b++, at++) {
              const kw = pw + b * s.sW;
              fn(at, kh < s.kH && kw < s.kW ? base + kh * s.kW + kw : -1);
            }
          }
        }
      }
    }
  }
}

/** The stacked weight [O, C/groups · P, ⌈kH/sH⌉, ⌈kW/sW⌉] (every element written). */
export function phaseWeights(w: Float32Array, s: ConvShape, t: ConvShape, out: Float32Array): void {
  eachTap(s, t, (at, from) => (out[at] = from < 0 ? 0 : w[from]));
}

/** The weight gradient from the stacked one (every tap of gw written). */
export function scatterPhaseWeightGrad(gs: Float32Array, s: ConvShape, t: ConvShape, gw: Float32Array): void {
  eachTap(s, t, (at, from) => {
    if (from >= 0) gw[from] = gs[at];
  });
}
