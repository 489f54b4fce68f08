// Raw conv2d kernels over flat NCHW Float32Arrays (zero padding given per side; no autograd): forward and both gradients.

/** Everything a kernel needs; padBottom/padRight are implied by outH/outW. */
export interface ConvShape {
  n: number;
  c: number;
  h: number;
  w: number;
  o: number;
  kH: number;
  kW: number;
  groups: number;
  sH: number;
  sW: number;
  dH: number;
  dW: number;
  padT: number;
  padL: number;
  outH: number;
  outW: number;
}

/** Valid output range [lo, hi) along one axis for kernel tap k: input index o·s − pad + k·d within [0, size). */
function validRange(k: number, d: number, s: number, pad: number, size: number, out: number): [number, number] {
  const off = k * d - pad;
  const lo = off >= 0 ? 0 : Math.ceil(-off / s);
  const hi = Math.min(out, Math.floor((size - 1 - off) / s) + 1);
  return [lo, Math.max(lo, hi)];
}

export function conv2dForward(
  x: Float32Array,
  w: Float32Array,
  b: Float32Array | null,
  s: ConvShape,
  out: Float32Array,
): void {
  const cg = s.c / s.groups, og = s.o / s.groups, plane = s.outH * s.outW, inPlane = s.h * s.w;
  for (let n = 0; n < s.n; n++) {
    for (let oc = 0; oc < s.o; oc++) {
      const g = Math.floor(oc / og);
      const yBase = (n * s.o + oc) * plane;
      out.fill(b ? b[oc] : 0, yBase, yBase + plane);
      for (let icg = 0; icg < cg; icg++) {
        const xBase = (n * s.c + g * cg + icg) * inPlane;
        for (let kh = 0; kh < s.kH; kh++) {
          const [ohLo, ohHi] = validRange(kh, s.dH, s.sH, s.padT, s.h, s.outH);
          for (let kw = 0; kw < s.kW; kw++) {
            const wv = w[((oc * cg + icg) * s.kH + kh) * s.kW + kw];
            const [owLo, owHi] = validRange(kw, s.dW, s.sW, s.padL, s.w, s.outW);
            for (let oh = ohLo; oh < ohHi; oh++) {
              const xRow = xBase + (oh * s.sH - s.padT + kh * s.dH) * s.w - s.padL + kw * s.dW;
              const yRow = yBase + oh * s.outW;
              for (let ow = owLo; ow < owHi; ow++) out[yRow + ow] += wv * x[xRow + ow * s.sW];
            }
          }
        }
      }
    }
  }
}

/** gx = ∂L/∂x given gy = ∂L/∂y (gx is overwritten). */
export function conv2dBackwardInput(gy: Float32Array, w: Float32Array, s: ConvShape, gx: Float32Array): void {
  const cg = s.c / s.groups, og = s.o / s.groups, plane = s.outH * s.outW, inPlane = s.h * s.w;
  gx.fill(0);
  for (let n = 0; n < s.n; n++) {
    for (let oc = 0; oc < s.o; oc++) {
      const g = Math.floor(oc / og);
      const yBase = (n * s.o + oc) * plane;
      for (let icg = 0; icg < cg; icg++) {
        const xBase = (n * s.c + g * cg + icg) * inPlane;
        for (let kh = 0; kh < s.kH; kh++) {
          const [ohLo, ohHi] = validRange(kh, s.dH, s.sH, s.padT, s.h, s.outH);
          for (let kw = 0; kw < s.kW; kw++) {
            const wv = w[((oc * cg + icg) * s.kH + kh) * s.kW + kw];
            const [owLo, owHi] = validRange(kw, s.dW, s.sW, s.padL, s.w, s.outW);
            for (let oh = ohLo; oh < ohHi; oh++) {
              const xRow = xBase + (oh * s.sH - s.padT + kh * s.dH) * s.w - s.padL + kw * s.dW;
              const yRow = yBase + oh * s.outW;
              for (let ow = owLo; ow < owHi; ow++) gx[xRow + ow * s.sW] += wv * gy[yRow + ow];
            }
          }
        }
      }
    }
  }
}

/** gw = ∂L/∂w given gy (gw is overwritten). */
export function conv2dBackwardWeight(gy: Float32Array, x: Float32Array, s: ConvShape, gw: Float32Array): void {
  const cg = s.c / s.groups, og = s.o / s.groups, plane = s.outH * s.outW, inPlane = s.h * s.w;
  for (let oc = 0; oc < s.o; oc++) {
    const g = Math.floor(oc / og);
    for (let icg = 0; icg < cg; icg++) {
      for (let kh = 0; kh < s.kH; kh++) {
        const [ohLo, ohHi] = validRange(kh, s.dH, s.sH, s.padT, s.h, s.outH);
        for (let kw = 0; kw < s.kW; kw++) {
          const [owLo, owHi] = validRange(kw, s.dW, s.sW, s.padL, s.w, s.outW);
          let acc = 0;
          for (let n = 0; n < s.n; n++) {
            const xBase = (n * s.c + g * cg + icg) * inPlane;
            const yBase = (n * s.o + oc) * plane;
            for (let oh = ohLo; oh < ohHi; oh++) {
              const xRow = xBase + (oh * s.sH - s.padT + kh * s.dH) * s.w - s.padL + kw * s.dW;
              const yRow = yBase + oh * s.outW;
              for (let ow = owLo; ow < owHi; ow++) acc += gy[yRow + ow] * x[xRow + ow * s.sW];
            }
          }
          gw[((oc * cg + icg) * s.kH + kh) * s.kW + kw] = acc;
        }
      }
    }
  }
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
