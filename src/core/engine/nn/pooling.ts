// Pooling modules beside MaxPool2d: AvgPool2d (ceil_mode, count_include_pad) and AdaptiveAvgPool2d.
import { type AvgPool2dOptions, adaptiveAvgPool2d, avgPool2d } from '../ops/avg-pool2d';
import type { Tensor } from '../tensor';
import { Module } from './module';

export class AvgPool2d extends Module {
  readonly options: AvgPool2dOptions;

  /** new AvgPool2d(2) or new AvgPool2d({ kernelSize: 3, stride: 2, padding: 1, ceilMode: true, countIncludePad: false }). */
  constructor(
    kernelSize: number | [number, number] | AvgPool2dOptions,
    stride?: number | [number, number] | null,
    padding: number | [number, number] = 0,
    ceilMode = false,
    countIncludePad = true,
  ) {
    super();
    this.options =
      typeof kernelSize === 'object' && !Array.isArray(kernelSize)
        ? kernelSize
        : { kernelSize, stride, padding, ceilMode, countIncludePad };
  }

  forward(x: Tensor): Tensor {
    return avgPool2d(x, this.options);
  }
}

export class AdaptiveAvgPool2d extends Module {
  constructor(readonly outputSize: number | readonly (number | null)[]) {
    super();
  }

  forward(x: Tensor): Tensor {
    return adaptiveAvgPool2d(x, this.outputSize);
  }
}
