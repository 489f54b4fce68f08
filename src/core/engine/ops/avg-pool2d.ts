// avg_pool2d (ceil_mode, count_include_pad) and adaptive_avg_pool2d as autograd ops; geometry from geometry-pool.ts.
import { gradBuffer, record } from '../autograd';
import { type Pool2dOptions, adaptiveAvgPool2dGeometry, avgPool2dGeometry } from '../geometry-pool';
import { checkElements } from '../limits';
import { Tensor } from '../tensor';

export type AvgPool2dOptions = Omit<Pool2dOptions, 'dilation'>;

/** Each output cell's window [h0, h1) × [w0, w1) clamped to the input, and its divisor, as PyTorch's avg_pool2d kernel. */
interface Window {
  h0: number;
  h1: number;
  w0: number;
  w1: number;
  div: number;
}

export function avgPool2d(x: Tensor, opts: AvgPool2dOptions): Tensor {
  const geo = avgPool2dGeometry(x.shape, opts);
  const { h, w } = geo;
  const [inH, inW, outH, outW] = [h.input, w.input, h.output, w.output];
  const windows: Window[] = [];
  for (let oh = 0; oh < outH; oh++) {
    for (let ow = 0; ow < outW; ow++) {
      let h0 = oh * h.stride - h.padding,
        w0 = ow * w.stride - w.padding;
      let h1 = Math.min(h0 + h.kernel, inH + h.padding),
        w1 = Math.min(w0 + w.kernel, inW + w.padding);
      const poolSize = (h1 - h0) * (w1 - w0);
      h0 = Math.max(h0, 0);
      w0 = Math.max(w0, 0);
      h1 = Math.min(h1, inH);
      w1 = Math.min(w1, inW);
      windows.push({ h0, h1, w0, w1, div: geo.countIncludePad ? poolSize : (h1 - h0) * (w1 - w0) });
    }
  }
  return poolByWindows(x, geo.outputShape, inH, inW, windows, 'AvgPool2DBackward0');
}

export function adaptiveAvgPool2d(x: Tensor, outputSize: number | readonly (number | null)[]): Tensor {
  const geo = adaptiveAvgPool2dGeometry(x.shape, outputSize);
  const windows: Window[] = [];
  for (const bh of geo.binsH) {
    for (const bw of geo.binsW) {
      windows.push({ h0: bh.start, h1: bh.end, w0: bw.start, w1: bw.end, div: (bh.end - bh.start) * (bw.end - bw.start) });
    }
  }
  const name = geo.outH === 1 && geo.outW === 1 ? 'MeanBackward1' : 'AdaptiveAvgPool2DBackward0';
  return poolByWindows(x, geo.outputShape, geo.inH, geo.inW, windows, name);
}

function poolByWindows(x: Tensor, outShape: number[], inH: number, inW: number, windows: Window[], name: string): Tensor {
  const plane = inH * inW;
  const planes = plane === 0 ? 0 : x.numel / plane;
  const cells = windows.length;
  const out = new Float32Array(checkElements(outShape, 'pooling output'));
  const src = x.data;
  for (let p = 0; p < planes; p++) {
    const base = p * plane;
    for (let c = 0; c < cells; c++) {
      const win = windows[c];
      let sum = 0;
      for (let i = win.h0; i < win.h1; i++) for (let j = win.w0; j < win.w1; j++) sum += src[base + i * inW + j];
      out[p * cells + c] = sum / win.div;
    }
  }
  return record(new Tensor(out, outShape), name, [x], (g) => {
    const gx = gradBuffer(x.numel).fill(0);
    for (let p = 0; p < planes; p++) {
      const base = p * plane;
      for (let c = 0; c < cells; c++) {
        const win = windows[c];
        const share = g[p * cells + c] / win.div;
        for (let i = win.h0; i < win.h1; i++) for (let j = win.w0; j < win.w1; j++) gx[base + i * inW + j] += share;
      }
    }
    return [gx];
  });
}
