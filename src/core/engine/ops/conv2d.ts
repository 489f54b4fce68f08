// conv2d as an autograd op: geometry checks, optional reflect/replicate/circular pre-padding, forward and backward side by side.
import { gradBuffer, record } from '../autograd';
import { conv2dGeometry } from '../geometry';
import type { Conv2dOptions } from '../geometry-conv-args';
import { conv2dBackwardBias, conv2dBackwardInput, conv2dBackwardWeight, conv2dForward, conv2dOutput } from '../backend';
import type { ConvShape } from '../kernels/conv-shape';
import { type PadPlan, padBackward, padForward, padPlan } from '../kernels/pad';
import { scratchF32 } from '../memory';
import { checkElements } from '../limits';
import { Tensor } from '../tensor';

/** torch.nn.functional.conv2d, plus paddingMode (non-'zeros' modes pad first, exactly as nn.Conv2d does). */
export function conv2d(input: Tensor, weight: Tensor, bias?: Tensor | null, opts: Conv2dOptions = {}): Tensor {
  const g = conv2dGeometry(input.shape, weight.shape, opts, bias ? bias.shape : null);
  checkElements(g.outputShape, 'conv2d output');
  let x = input.data;
  let plan: PadPlan | null = null;
  const s: ConvShape = {
    n: g.n,
    c: g.inChannels,
    h: g.inH,
    w: g.inW,
    o: g.outChannels,
    kH: g.kH,
    kW: g.kW,
    groups: g.groups,
    sH: g.strideH,
    sW: g.strideW,
    dH: g.dilationH,
    dW: g.dilationW,
    padT: g.padTop,
    padL: g.padLeft,
    outH: g.outH,
    outW: g.outW,
  };
  if (g.paddingMode !== 'zeros') {
    checkElements([g.n, g.inChannels, g.paddedH, g.paddedW], 'padded input');
    plan = padPlan(
      g.n * g.inChannels,
      g.inH,
      g.inW,
      { top: g.padTop, bottom: g.padBottom, left: g.padLeft, right: g.padRight },
      g.paddingMode,
    );
    x = new Float32Array(g.n * g.inChannels * g.paddedH * g.paddedW);
    padForward(input.data, plan, x);
    Object.assign(s, { h: g.paddedH, w: g.paddedW, padT: 0, padL: 0 });
  }
  const out = conv2dOutput(
    s,
    g.outputShape.reduce((a, b) => a * b, 1),
  );
  conv2dForward(x, weight.data, bias ? bias.data : null, s, out);
  const b = bias ?? null;
  return record(
    new Tensor(out, g.outputShape),
    'ConvolutionBackward0',
    [input, weight, b],
    (gy) => conv2dBackward(input, weight, b, s, plan, x, gy, NO_LEAF_GRADS),
    (gy, into) => conv2dBackward(input, weight, b, s, plan, x, gy, into),
  );
}

const NO_LEAF_GRADS: readonly (Float32Array | null)[] = [null, null, null];

/** Gradients of input, weight and bias (`padded`: the input the kernels saw); a leaf's existing .grad in `into` is added to. */
function conv2dBackward(
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null,
  s: ConvShape,
  plan: PadPlan | null,
  padded: Float32Array,
  gy: Float32Array,
  into: readonly (Float32Array | null)[],
): (Float32Array | null)[] {
  let gx: Float32Array | null = null;
  if (input.requiresGrad) {
    const gxp = plan ? new Float32Array(padded.length) : gradBuffer(input.numel);
    conv2dBackwardInput(gy, weight.data, s, gxp);
    if (plan) {
      gx = gradBuffer(input.numel);
      padBackward(gxp, plan, gx);
    } else {
      gx = gxp;
    }
  }
  // Gradients for a leaf's existing .grad go through scratch and are added in; others are returned.
  const intoW = into[1],
    intoB = into[2];
  let gw: Float32Array | null = null;
  if (weight.requiresGrad) {
    gw = intoW ? scratchF32('conv.gw', weight.numel) : gradBuffer(weight.numel);
    conv2dBackwardWeight(gy, padded, s, gw);
    if (intoW) for (let i = 0; i < intoW.length; i++) intoW[i] += gw[i];
  }
  let gb: Float32Array | null = null;
  if (bias && bias.requiresGrad) {
    gb = intoB ? scratchF32('conv.gb', bias.numel) : gradBuffer(bias.numel);
    conv2dBackwardBias(gy, s, gb);
    if (intoB) for (let i = 0; i < intoB.length; i++) intoB[i] += gb[i];
  }
  return [gx, intoW ? null : gw, intoB ? null : gb];
}
