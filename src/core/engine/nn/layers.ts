// Parameter-free layers (ReLU, Flatten, MaxPool2d) and the Sequential container.
import { type MaxPool2dOptions, maxPool2d } from '../ops/max-pool2d';
import { flatten, relu } from '../ops/shape-ops';
import type { Tensor } from '../tensor';
import { Module } from './module';

export class ReLU extends Module {
  forward(x: Tensor): Tensor {
    return relu(x);
  }
}

export class Flatten extends Module {
  constructor(
    readonly startDim = 1,
    readonly endDim = -1,
  ) {
    super();
  }

  forward(x: Tensor): Tensor {
    return flatten(x, this.startDim, this.endDim);
  }
}

export class MaxPool2d extends Module {
  readonly options: MaxPool2dOptions;

  /** new MaxPool2d(2) or new MaxPool2d({ kernelSize: 3, stride: 2, padding: 1, dilation: 1, ceilMode: true }). */
  constructor(
    kernelSize: number | [number, number] | MaxPool2dOptions,
    stride?: number | [number, number] | null,
    padding: number | [number, number] = 0,
    dilation: number | [number, number] = 1,
    ceilMode = false,
  ) {
    super();
    this.options =
      typeof kernelSize === 'object' && !Array.isArray(kernelSize) ? kernelSize : { kernelSize, stride, padding, dilation, ceilMode };
  }

  forward(x: Tensor): Tensor {
    return maxPool2d(x, this.options);
  }
}

export class Sequential extends Module {
  readonly layers: Module[];

  constructor(...layers: Module[]) {
    super();
    this.layers = layers;
  }

  forward(x: Tensor): Tensor {
    let y = x;
    for (const layer of this.layers) y = layer.forward(y);
    return y;
  }

  override namedParameters(): [string, Tensor][] {
    return this.layers.flatMap((layer, i) => layer.namedParameters().map(([n, p]) => [`${i}.${n}`, p] as [string, Tensor]));
  }

  override namedBuffers(): [string, Tensor][] {
    return this.layers.flatMap((layer, i) => layer.namedBuffers().map(([n, p]) => [`${i}.${n}`, p] as [string, Tensor]));
  }

  override train(mode = true): this {
    this.training = mode;
    for (const layer of this.layers) layer.train(mode);
    return this;
  }
}
