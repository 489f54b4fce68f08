// nn.ConvTranspose2d: constructor checks (ValueError), PyTorch's default init, forward through the conv_transpose2d op.
import { type ConvTranspose2dOptions, type IntArg, checkConvTranspose2dModuleArgs } from '../geometry-transposed';
import { convTranspose2d } from '../ops/conv-transpose2d';
import type { Tensor } from '../tensor';
import { Module, convParameters, weightAndBias } from './module';

export interface ConvTranspose2dModuleOptions extends ConvTranspose2dOptions {
  bias?: boolean;
}

export class ConvTranspose2d extends Module {
  readonly kernelSize: [number, number];
  readonly options: ConvTranspose2dOptions;
  weight: Tensor;
  bias: Tensor | null;

  /** new ConvTranspose2d(16, 8, 2, { stride: 2 }) like nn.ConvTranspose2d(16, 8, 2, stride=2). */
  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    kernelSize: IntArg,
    opts: ConvTranspose2dModuleOptions = {},
  ) {
    super();
    const groups = opts.groups ?? 1;
    checkConvTranspose2dModuleArgs(inChannels, outChannels, groups, opts.padding);
    const k: [number, number] = typeof kernelSize === 'number' ? [kernelSize, kernelSize] : [kernelSize[0], kernelSize[1] ?? kernelSize[0]];
    this.kernelSize = k;
    this.options = {
      stride: opts.stride ?? 1,
      padding: opts.padding ?? 0,
      outputPadding: opts.outputPadding ?? 0,
      dilation: opts.dilation ?? 1,
      groups,
    };
    // kaiming_uniform_(a=√5) on a [C_in, C_out/groups, kH, kW] weight: fan_in is dim 1 times the kernel area.
    const fanIn = (outChannels / groups) * k[0] * k[1];
    const weightShape = [inChannels, outChannels / groups, k[0], k[1]];
    ({ weight: this.weight, bias: this.bias } = convParameters(weightShape, fanIn, outChannels, opts.bias ?? true));
  }

  forward(x: Tensor): Tensor {
    return convTranspose2d(x, this.weight, this.bias, this.options);
  }

  override namedParameters(): [string, Tensor][] {
    return weightAndBias(this.weight, this.bias);
  }
}
