// nn.Conv2d: constructor checks (ValueError), PyTorch's default init, forward through the conv2d op.
import { type Conv2dOptions, type IntPair, checkConv2dModuleArgs } from '../geometry-conv-args';
import { conv2d } from '../ops/conv2d';
import type { Tensor } from '../tensor';
import { Module, convParameters, weightAndBias } from './module';
import type { PaddingMode } from '../pad-geometry';

export interface Conv2dModuleOptions extends Conv2dOptions {
  bias?: boolean;
}

export class Conv2d extends Module {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernelSize: [number, number];
  readonly options: Required<Omit<Conv2dOptions, 'paddingMode'>> & { paddingMode: PaddingMode };
  weight: Tensor;
  bias: Tensor | null;

  /** new Conv2d(1, 10, 5, 1) like nn.Conv2d(1, 10, 5, 1), or new Conv2d(1, 10, 3, { padding: 1, bias: false }). */
  constructor(
    inChannels: number,
    outChannels: number,
    kernelSize: IntPair,
    strideOrOptions: IntPair | Conv2dModuleOptions = 1,
    padding: Conv2dOptions['padding'] = 0,
    dilation: IntPair = 1,
    groups = 1,
    bias = true,
    paddingMode: PaddingMode = 'zeros',
  ) {
    super();
    const o: Conv2dModuleOptions =
      typeof strideOrOptions === 'object' && !Array.isArray(strideOrOptions)
        ? (strideOrOptions as Conv2dModuleOptions)
        : { stride: strideOrOptions as IntPair, padding, dilation, groups, bias, paddingMode };
    checkConv2dModuleArgs(inChannels, outChannels, o);
    const k: [number, number] = typeof kernelSize === 'number' ? [kernelSize, kernelSize] : [kernelSize[0], kernelSize[1] ?? kernelSize[0]];
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.kernelSize = k;
    const g = o.groups ?? 1;
    this.options = {
      stride: o.stride ?? 1,
      padding: o.padding ?? 0,
      dilation: o.dilation ?? 1,
      groups: g,
      paddingMode: o.paddingMode ?? 'zeros',
    };
    const fanIn = (inChannels / g) * k[0] * k[1];
    ({ weight: this.weight, bias: this.bias } = convParameters(
      [outChannels, inChannels / g, k[0], k[1]],
      fanIn,
      outChannels,
      o.bias ?? true,
    ));
  }

  forward(x: Tensor): Tensor {
    return conv2d(x, this.weight, this.bias, this.options);
  }

  override namedParameters(): [string, Tensor][] {
    return weightAndBias(this.weight, this.bias);
  }
}
