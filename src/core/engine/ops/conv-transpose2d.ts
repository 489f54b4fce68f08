// conv_transpose2d as an autograd op: each input cell scatters its value times the kernel into the output (plain loops).
import { gradBuffer, record } from '../autograd';
import { type ConvTranspose2dOptions, convTranspose2dGeometry } from '../geometry-transposed';
import { checkElements } from '../limits';
import { Tensor } from '../tensor';

/** F.conv_transpose2d(x [N, C_in, H, W] or [C_in, H, W], weight [C_in, C_out/groups, kH, kW], bias [C_out]). */
export function convTranspose2d(x: Tensor, weight: Tensor, bias: Tensor | null = null, opts: ConvTranspose2dOptions = {}): Tensor {
  const geo = convTranspose2dGeometry(x.shape, weight.shape, opts, bias ? bias.shape : null);
  const { n, inChannels: cIn, outChannels: cOut, groups } = geo;
  const { input: inH, kernel: kH, stride: sH, padding: pH, dilation: dH, output: outH } = geo.h;
  const { input: inW, kernel: kW, stride: sW, padding: pW, dilation: dW, output: outW } = geo.w;
  const cInG = cIn / groups,
    cOutG = cOut / groups;
  const out = new Float32Array(checkElements(geo.outputShape, 'conv_transpose2d output'));
  const xs = x.data,
    ws = weight.data;
  // Visits every (input cell, kernel tap) pair with the output cell it lands on.
  const each = (fn: (xi: number, wi: number, oi: number) => void) => {
    for (let b = 0; b < n; b++) {
      for (let g = 0; g < groups; g++) {
        for (let ci = g * cInG; ci < (g + 1) * cInG; ci++) {
          for (let co = 0; co < cOutG; co++) {
            const oc = g * cOutG + co;
            for (let ih = 0; ih < inH; ih++) {
              for (let iw = 0; iw < inW; iw++) {
                const xi = ((b * cIn + ci) * inH + ih) * inW + iw;
                for (let kh = 0; kh < kH; kh++) {
                  const oh = ih * sH - pH + kh * dH;
                  if (oh < 0 || oh >= outH) continue;
                  for (let kw = 0; kw < kW; kw++) {
                    const ow = iw * sW - pW + kw * dW;
                    if (ow < 0 || ow >= outW) continue;
                    fn(xi, ((ci * cOutG + co) * kH + kh) * kW + kw, ((b * cOut + oc) * outH + oh) * outW + ow);
                  }
                }
              }
            }
          }
        }
      }
    }
  };
  const plane = outH * outW;
  if (bias)
    for (let b = 0; b < n; b++)
      for (let oc = 0; oc < cOut; oc++) out.fill(bias.data[oc], (b * cOut + oc) * plane, (b * cOut + oc + 1) * plane);
  each((xi, wi, oi) => {
    out[oi] += xs[xi] * ws[wi];
  });
  return record(new Tensor(out, geo.outputShape), 'ConvolutionBackward0', [x, weight, bias], (g) => {
    const gx = x.requiresGrad ? gradBuffer(x.numel).fill(0) : null;
    const gw = weight.requiresGrad ? gradBuffer(weight.numel).fill(0) : null;
    each((xi, wi, oi) => {
      if (gx) gx[xi] += g[oi] * ws[wi];
      if (gw) gw[wi] += g[oi] * xs[xi];
    });
    let gb: Float32Array | null = null;
    if (bias && bias.requiresGrad) {
      gb = gradBuffer(cOut).fill(0);
      for (let b = 0; b < n; b++)
        for (let oc = 0; oc < cOut; oc++) for (let i = 0; i < plane; i++) gb[oc] += g[(b * cOut + oc) * plane + i];
    }
    return [gx, gw, gb];
  });
}
