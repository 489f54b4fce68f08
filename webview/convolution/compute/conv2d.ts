// What the panel computes for conv2d: the kernels stacked into a weight, the engine's conv2d (or PyTorch's error text), its planes.
import { conv2d, conv2dGeometry, tensor, TorchError } from '../../../src/core/engine/index';
import { biasVector, type Conv2dArgs, type WireTensor } from '../../../src/core/protocol/convolution';
import { paddedValue, windowFromEngine, type WindowGeometry } from '../../../src/core/render/conv-window';
import type { KernelSpec } from './kernel-specs';

export type Weight = WireTensor;

/** The input as conv2d sees it: 2-D literals become [1, 1, H, W] as the tutorial's `.view(1, 1, H, W)`; 3-D stays unbatched. */
export function convInput(t: WireTensor): WireTensor | { error: string } {
  if (t.shape.length === 2) return { shape: [1, 1, t.shape[0], t.shape[1]], data: t.data };
  if (t.shape.length === 3 || t.shape.length === 4) return t;
  return { error: `Convolution needs a 2-D, 3-D or 4-D tensor; this one has shape [${t.shape.join(', ')}].` };
}

/** Stacks the kernels along C_out; 2-D and 3-D kernels are repeated over the C_in/groups input channels (and one 2-D kernel over the groups). */
export function buildWeight(specs: readonly KernelSpec[], inChannels: number, groups: number): Weight | { error: string } {
  const perGroup = groups > 0 && inChannels % groups === 0 ? inChannels / groups : inChannels;
  const filters: { kH: number; kW: number; cin: number; data: number[] }[] = [];
  for (const s of specs) {
    const [kH, kW] = s.shape.slice(-2);
    const plane = kH * kW;
    if (s.shape.length === 4) {
      const [cout, cin] = s.shape;
      for (let o = 0; o < cout; o++) filters.push({ kH, kW, cin, data: s.data.slice(o * cin * plane, (o + 1) * cin * plane) });
    } else if (s.shape.length === 2 || s.shape.length === 3) {
      const count = s.shape.length === 3 ? s.shape[0] : 1;
      for (let o = 0; o < count; o++) {
        const one = s.data.slice(o * plane, (o + 1) * plane);
        filters.push({ kH, kW, cin: perGroup, data: Array.from({ length: perGroup }, () => one).flat() });
      }
    } else {
      return { error: `Kernel ${s.label} has shape [${s.shape.join(', ')}]; a kernel needs 2, 3 or 4 dimensions.` };
    }
  }
  if (filters.length === 0) return { error: 'Choose a kernel.' };
  // One 2-D kernel with groups > 1 means "this kernel on every group" (e.g. per channel with groups=3): one filter per group.
  if (filters.length === 1 && groups > 1 && specs.length === 1 && specs[0].shape.length === 2) {
    for (let g = 1; g < groups; g++) filters.push(filters[0]);
  }
  const first = filters[0];
  const odd = filters.find((f) => f.kH !== first.kH || f.kW !== first.kW || f.cin !== first.cin);
  if (odd) {
    return {
      error: `Kernels of different sizes can't be stacked into one weight: ${first.cin}×${first.kH}×${first.kW} and ${odd.cin}×${odd.kH}×${odd.kW}.`,
    };
  }
  return { shape: [filters.length, first.cin, first.kH, first.kW], data: filters.flatMap((f) => f.data) };
}

export interface ConvResult {
  output: { shape: number[]; data: Float32Array };
  /** The window geometry of this run, from the engine's own conv2d geometry. */
  g: WindowGeometry;
  ms: number;
}

/** Runs the engine's conv2d; PyTorch's own message for invalid combinations. */
export function runConv(
  input: { shape: number[]; data: ArrayLike<number> },
  weight: Weight,
  args: Conv2dArgs,
): ConvResult | { error: string } {
  const t0 = performance.now();
  try {
    const x = tensor(Float32Array.from(input.data), input.shape);
    const w = tensor(Float32Array.from(weight.data), weight.shape);
    const bv = biasVector(args.bias, weight.shape[0]);
    const b = bv && tensor(bv, [bv.length]);
    const opts = {
      stride: args.stride,
      padding: args.padding,
      dilation: args.dilation,
      groups: args.groups,
      paddingMode: args.paddingMode,
    };
    const out = conv2d(x, w, b, opts);
    const g = windowFromEngine(conv2dGeometry(input.shape, weight.shape, opts, b ? b.shape : null));
    return { output: { shape: [...out.shape], data: out.data }, g, ms: performance.now() - t0 };
  } catch (e) {
    if (e instanceof TorchError) return { error: `${e.type}: ${e.message}` };
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/** One H×W plane of a [N, C, H, W] or unbatched [C, H, W] tensor. */
export function planeOf(t: { shape: readonly number[]; data: ArrayLike<number> }, n: number, c: number): Float32Array {
  const [H, W] = t.shape.slice(-2);
  const C = t.shape[t.shape.length - 3] ?? 1;
  const start = ((t.shape.length === 4 ? n : 0) * C + c) * H * W;
  const out = new Float32Array(H * W);
  for (let i = 0; i < H * W; i++) out[i] = t.data[start + i];
  return out;
}

/** The plane as the window sees it: padding cells included (their borrowed values), with a mask marking them. */
export function paddedPlane(
  g: WindowGeometry,
  plane: ArrayLike<number>,
): { rows: number; cols: number; values: Float32Array; mask: Uint8Array } {
  const rows = g.H + g.pad.top + g.pad.bottom;
  const cols = g.W + g.pad.left + g.pad.right;
  const values = new Float32Array(rows * cols);
  const mask = new Uint8Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const inRow = r >= g.pad.top && r < g.pad.top + g.H;
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      values[i] = paddedValue(g, plane, r, c);
      mask[i] = inRow && c >= g.pad.left && c < g.pad.left + g.W ? 0 : 1;
    }
  }
  return { rows, cols, values, mask };
}

/** Planes 0..count-1 of batch item n, back to back ([count, H, W]). */
export function channelsOf(t: { shape: readonly number[]; data: ArrayLike<number> }, n: number, count: number): Float32Array {
  const [H, W] = t.shape.slice(-2);
  const out = new Float32Array(count * H * W);
  for (let c = 0; c < count; c++) out.set(planeOf(t, n, c), c * H * W);
  return out;
}
