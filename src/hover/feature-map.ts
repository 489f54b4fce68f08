// The feature map a hover shows: one plane convolved with the hover kernel by the engine — at once, or in row bands that yield.
import { errorMessage } from '../core/error-message';
import { conv2d, conv2dGeometry, tensor, TorchError } from '../core/engine';
import { paddedValue, windowFromEngine, type WindowGeometry } from '../core/render/conv-window';
import type { HoverKernel } from './kernel-choice';

export interface FeatureMap {
  data: Float32Array;
  H: number;
  W: number;
}

export type FeatureMapResult = FeatureMap | { error: string };

/** conv2d of an H×W plane with the kernel, exactly as PyTorch: the output plane, or PyTorch's error text. */
export function featureMap(plane: Float32Array, H: number, W: number, k: HoverKernel): FeatureMapResult {
  try {
    const out = conv2d(tensor(plane, [1, 1, H, W]), tensor(k.data, [1, 1, k.kH, k.kW]), biasOf(k), convOptions(k));
    return { data: out.data, H: out.shape[2], W: out.shape[3] };
  } catch (e) {
    return { error: errorText(e) };
  }
}

/**
 * The same result computed in bands of output rows over an explicitly padded plane, awaiting `yieldNow` between bands
 * so the extension host never blocks for long.
 */
export async function featureMapInBands(
  plane: Float32Array,
  H: number,
  W: number,
  k: HoverKernel,
  yieldNow: () => Promise<void>,
  macsPerBand = 1 << 20,
): Promise<FeatureMapResult> {
  let g: WindowGeometry;
  try {
    g = windowFromEngine(conv2dGeometry([1, 1, H, W], [1, 1, k.kH, k.kW], convOptions(k)));
  } catch (e) {
    return { error: errorText(e) };
  }
  const Hp = H + g.pad.top + g.pad.bottom;
  const Wp = W + g.pad.left + g.pad.right;
  const padded = padPlane(g, plane, Hp, Wp);
  await yieldNow();
  const out = new Float32Array(g.Hout * g.Wout);
  const rowsPerBand = Math.max(1, Math.floor(macsPerBand / Math.max(1, g.Wout * k.kH * k.kW)));
  const weight = tensor(k.data, [1, 1, k.kH, k.kW]);
  const opts = { stride: k.args.stride, dilation: k.args.dilation, padding: 0 as const };
  for (let r0 = 0; r0 < g.Hout; r0 += rowsPerBand) {
    const r1 = Math.min(g.Hout, r0 + rowsPerBand);
    const y0 = r0 * g.stride[0];
    const y1 = (r1 - 1) * g.stride[0] + g.dilation[0] * (k.kH - 1) + 1;
    const band = conv2d(tensor(padded.subarray(y0 * Wp, y1 * Wp), [1, 1, y1 - y0, Wp]), weight, biasOf(k), opts);
    out.set(band.data.subarray(0, (r1 - r0) * g.Wout), r0 * g.Wout);
    await yieldNow();
  }
  return { data: out, H: g.Hout, W: g.Wout };
}

function padPlane(g: WindowGeometry, plane: Float32Array, Hp: number, Wp: number): Float32Array {
  if (g.pad.top + g.pad.bottom + g.pad.left + g.pad.right === 0) return plane;
  const out = new Float32Array(Hp * Wp);
  for (let y = 0; y < Hp; y++) for (let x = 0; x < Wp; x++) out[y * Wp + x] = paddedValue(g, plane, y, x);
  return out;
}

function biasOf(k: HoverKernel) {
  return k.args.bias === null ? null : tensor([k.args.bias]);
}

function convOptions(k: HoverKernel) {
  return { stride: k.args.stride, padding: k.args.padding, dilation: k.args.dilation, groups: 1, paddingMode: k.args.paddingMode };
}

/** PyTorch's message for a TorchError; anything else is a bug, shown with its message rather than thrown. */
export function errorText(e: unknown): string {
  if (e instanceof TorchError) return `${e.type}: ${e.message}`;
  return errorMessage(e);
}
