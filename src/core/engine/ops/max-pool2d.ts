// max_pool2d as an autograd op (geometry and checks from geometry-pool.ts; 3-D or 4-D input, -inf padding, first maximum wins, the last NaN wins as in PyTorch).
import { gradBuffer, record } from '../autograd';
import { maxPool2dGeometry } from '../geometry-pool';
import { checkElements } from '../limits';
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
  const out = new Float32Array(checkElements(outShape, 'max_pool2d output'));
  const argmax = new Int32Array(out.length);
  const src = x.data;
  for (let p = 0; p < planes; p++) {
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
