// max_pool2d as an autograd op (geometry and checks from geometry-pool.ts; 3-D or 4-D input, -inf padding, first maximum wins, the last NaN wins as in PyTorch).
import { gradBuffer, record } from '../autograd';
import { maxPool2dGeometry } from '../geometry-pool';
import { checkElements } from '../limits';
import { outputBuffer } from '../memory';
import { Tensor } from '../tensor';

export interface MaxPool2dOptions {
  kernelSize: number | readonly number[];
  stride?: number | readonly number[] | null;
  padding?: number | readonly number[];
  dilation?: number | readonly number[];
  ceilMode?: boolean;
}

export function maxPool2d(x: Tensor, opts: MaxPool2dOptions): Tensor {
  const geo = maxPool2dGeometry(x.shape, opts);
  const { kernel: kH, stride: sH, padding: pH, dilation: dH, output: outH } = geo.h;
  const { kernel: kW, stride: sW, padding: pW, dilation: dW, output: outW } = geo.w;
  const [h, w] = [geo.h.input, geo.w.input];
  const planes = h * w === 0 ? 0 : x.numel / (h * w);
  const outShape = [...x.shape.slice(0, x.ndim - 2), outH, outW];
  const out = outputBuffer(checkElements(outShape, 'max_pool2d output'));
  // The argmax lives in a pooled output buffer too (viewed as ints), so a step's scope gives it back with the rest.
  const argmaxStore = outputBuffer(out.length);
  const argmax = new Int32Array(argmaxStore.buffer, argmaxStore.byteOffset, out.length);
  const src = x.data;
  const plain =
    kH === 2 && kW === 2 && sH === 2 && sW === 2 && pH === 0 && pW === 0 && dH === 1 && dW === 1 && 2 * outH <= h && 2 * outW <= w;
  if (plain) pool2x2(src, planes, h, w, outH, outW, out, argmax);
  for (let p = 0; p < (plain ? 0 : planes); p++) {
    const base = p * h * w;
    for (let oh = 0; oh < outH; oh++) {
      for (let ow = 0; ow < outW; ow++) {
        let best = -Infinity,
          bestIdx = -1;
        for (let i = 0; i < kH; i++) {
          const ih = oh * sH - pH + i * dH;
          if (ih < 0 || ih >= h) continue;
          for (let j = 0; j < kW; j++) {
            const iw = ow * sW - pW + j * dW;
            if (iw < 0 || iw >= w) continue;
            const v = src[base + ih * w + iw];
            if (v > best || Number.isNaN(v) || bestIdx < 0) {
              best = v;
              bestIdx = base + ih * w + iw;
            }
          }
        }
        const o = (p * outH + oh) * outW + ow;
        out[o] = best;
        argmax[o] = bestIdx;
      }
    }
  }
  return record(new Tensor(out, outShape), 'MaxPool2DWithIndicesBackward0', [x], (g) => {
    const gx = gradBuffer(x.numel).fill(0);
    for (let o = 0; o < g.length; o++) if (argmax[o] >= 0) gx[argmax[o]] += g[o];
    return [gx];
  });
}

/**
 * The common MaxPool2d(2) (stride 2, no padding or dilation, every window inside the input): the general loop's result with its window tests unrolled,
 * the same order of comparison (row by row, left to right) and the same rule (greater, or NaN, or the first element).
 */
function pool2x2(
  src: Float32Array,
  planes: number,
  h: number,
  w: number,
  outH: number,
  outW: number,
  out: Float32Array,
  argmax: Int32Array,
): void {
  let o = 0;
  for (let p = 0; p < planes; p++) {
    for (let oh = 0; oh < outH; oh++) {
      let i = p * h * w + 2 * oh * w;
      for (let ow = 0; ow < outW; ow++, i += 2, o++) {
        let best = src[i],
          at = i;
        const b = src[i + 1],
          c = src[i + w],
          d = src[i + w + 1];
        if (b > best || b !== b) {
          best = b;
          at = i + 1;
        }
        if (c > best || c !== c) {
          best = c;
          at = i + w;
        }
        if (d > best || d !== d) {
          best = d;
          at = i + w + 1;
        }
        out[o] = best;
        argmax[o] = at;
      }
    }
  }
}
