// max_pool2d as an autograd op (3-D or 4-D input, -inf padding, first maximum wins, the last NaN wins as in PyTorch).
import { gradBuffer, record } from '../autograd';
import { runtimeError } from '../errors';
import { checkElements } from '../limits';
import { Tensor } from '../tensor';

export interface MaxPool2dOptions {
  kernelSize: number | [number, number];
  stride?: number | [number, number] | null;
  padding?: number | [number, number];
  dilation?: number | [number, number];
  ceilMode?: boolean;
}

const pair = (v: number | [number, number]): [number, number] => (typeof v === 'number' ? [v, v] : [v[0], v[1]]);

function outSize(size: number, k: number, pad: number, s: number, d: number, ceil: boolean): number {
  const span = size + 2 * pad - d * (k - 1) - 1;
  let out = Math.floor((ceil ? span + s - 1 : span) / s) + 1;
  if (ceil && (out - 1) * s >= size + pad) out--;
  return out;
}

export function maxPool2d(x: Tensor, opts: MaxPool2dOptions): Tensor {
  const [kH, kW] = pair(opts.kernelSize);
  const [sH, sW] = pair(opts.stride ?? opts.kernelSize);
  const [pH, pW] = pair(opts.padding ?? 0);
  const [dH, dW] = pair(opts.dilation ?? 1);
  if (sH === 0 || sW === 0) throw runtimeError('stride should not be zero');
  if (kH <= 0 || kW <= 0) throw runtimeError(`kernel size should be greater than zero, but got kH: ${kH} kW: ${kW}`);
  if (pH > kH / 2 || pW > kW / 2) {
    throw runtimeError(
      `pad should be at most half of kernel size, but got pad=${pH > kH / 2 ? pH : pW} and kernel_size=${pH > kH / 2 ? kH : kW}`,
    );
  }
  if ((x.ndim !== 3 && x.ndim !== 4) || x.shape.slice(x.ndim - 3).some((d) => d === 0)) {
    throw runtimeError('non-empty 3D or 4D (batch mode) tensor expected for input');
  }
  const [c, h, w] = x.shape.slice(x.ndim - 3);
  const planes = x.numel / (h * w);
  const outH = outSize(h, kH, pH, sH, dH, !!opts.ceilMode),
    outW = outSize(w, kW, pW, sW, dW, !!opts.ceilMode);
  if (outH < 1 || outW < 1) {
    throw runtimeError(`Given input size: (${c}x${h}x${w}). Calculated output size: (${c}x${outH}x${outW}). Output size is too small`);
  }
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
