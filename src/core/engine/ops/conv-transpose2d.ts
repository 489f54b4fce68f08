// conv_transpose2d as an autograd op: the adjoint of conv2d, so it runs on conv2d's kernels (SIMD where they apply): its
// forward is conv2d's input gradient, its input gradient a conv2d forward, its weight gradient conv2d's with roles swapped.
import { gradBuffer, record } from '../autograd';
import { conv2dBackwardBias, conv2dBackwardInput, conv2dBackwardWeight, conv2dForward } from '../backend';
import { type ConvTranspose2dOptions, convTranspose2dGeometry } from '../geometry-transposed';
import type { ConvShape } from '../kernels/conv-shape';
import { checkElements } from '../limits';
import { outputBuffer } from '../memory';
import { Tensor } from '../tensor';

/** F.conv_transpose2d(x [N, C_in, H, W] or [C_in, H, W], weight [C_in, C_out/groups, kH, kW], bias [C_out]). */
export function convTranspose2d(x: Tensor, weight: Tensor, bias: Tensor | null = null, opts: ConvTranspose2dOptions = {}): Tensor {
  const geo = convTranspose2dGeometry(x.shape, weight.shape, opts, bias ? bias.shape : null);
  const { n, inChannels: cIn, outChannels: cOut, groups } = geo;
  const { input: inH, kernel: kH, stride: sH, padding: pH, dilation: dH, output: outH } = geo.h;
  const { input: inW, kernel: kW, stride: sW, padding: pW, dilation: dW, output: outW } = geo.w;
  // The conv2d this is the adjoint of: from our output (its input, C_out channels) to our input (its output, C_in channels),
  // with our weight as its own ([C_in, C_out/groups, kH, kW] is conv2d's [O, C/groups, kH, kW]). Output padding only
  // lengthens its input; its output size is ours.
  const s: ConvShape = {
    n,
    c: cOut,
    h: outH,
    w: outW,
    o: cIn,
    kH,
    kW,
    groups,
    sH,
    sW,
    dH,
    dW,
    padT: pH,
    padL: pW,
    outH: inH,
    outW: inW,
  };
  const plane = outH * outW;
  const out = outputBuffer(checkElements(geo.outputShape, 'conv_transpose2d output'));
  if (n * cIn * inH * inW === 0) out.fill(0);
  else conv2dBackwardInput(x.data, weight.data, s, out);
  if (bias) {
    for (let b = 0; b < n; b++) {
      for (let oc = 0; oc < cOut; oc++) {
        const v = bias.data[oc],
          at = (b * cOut + oc) * plane;
        for (let i = 0; i < plane; i++) out[at + i] += v;
      }
    }
  }
  return record(new Tensor(out, geo.outputShape), 'ConvolutionBackward0', [x, weight, bias], (g) => {
    let gx: Float32Array | null = null;
    if (x.requiresGrad) {
      gx = gradBuffer(x.numel);
      conv2dForward(g, weight.data, null, s, gx);
    }
    let gw: Float32Array | null = null;
    if (weight.requiresGrad) {
      gw = gradBuffer(weight.numel);
      conv2dBackwardWeight(x.data, g, s, gw);
    }
    let gb: Float32Array | null = null;
    if (bias && bias.requiresGrad) {
      gb = gradBuffer(cOut);
      // Σ over images and pixels of g per output channel: conv2d's bias gradient over our output's shape.
      conv2dBackwardBias(g, { ...s, o: cOut, outH, outW }, gb);
    }
    return [gx, gw, gb];
  });
}
