// What the Convolution panel draws, derived from its state in one place (conv2d or, with the switch on, conv_transpose2d).
import type { WireTensor } from '../../src/core/protocol/convolution';
import type { WindowGeometry } from '../../src/core/render/conv-window';
import type { ColorScale } from '../../src/core/render/colormap';
import { cellLabel } from '../../src/core/render/tensor-format';
import { planeOf } from './conv-compute';
import type { TransposedDerived } from './transposed-controller';

/** An input plane as drawn: with its padding (conv2d) or zero-inserted (transposed), and a mask of what each cell is. */
export interface DrawnPlane {
  rows: number;
  cols: number;
  values: Float32Array;
  /** 0 an input cell, 1 padding, 2 a zero inserted between input cells (transposed). */
  mask: Uint8Array;
}

export interface Derived {
  input?: WireTensor;
  inputError?: string;
  weight?: WireTensor;
  output?: { shape: number[]; data: Float32Array };
  error?: string;
  /** An argument field holds no valid value (blank, 1.5): the output waits for it. */
  waiting?: string;
  /** PyTorch refused the arguments, so the input is drawn without the padding it would have had. */
  paddingRefused?: boolean;
  ms: number;
  g?: WindowGeometry;
  padded?: DrawnPlane;
  outPlane?: Float32Array;
  /** Every output channel's plane (for the strip), computed once per run rather than per render. */
  channelPlanes?: Float32Array[];
  kernelPlane?: Float32Array;
  scales: { input: ColorScale | null; kernel: ColorScale | null; output: ColorScale | null };
  /** A 3-channel input's channels of the shown batch item, [3, H, W], drawn as a colour picture. */
  rgb?: { data: Float32Array; H: number; W: number };
  /** One 2-D kernel on 3 channels: the outputs both ways, summed (groups=1) and per channel (groups=3). */
  both?: { summed: Float32Array; perChannel: Float32Array; H: number; W: number };
  /** Set when the transposed switch is on: its geometry, formulas and the planes of both explanations. */
  t?: TransposedDerived;
  N: number;
  C: number;
  Cout: number;
}

export const emptyDerived = (): Derived => ({ ms: 0, scales: { input: null, kernel: null, output: null }, N: 1, C: 1, Cout: 1 });

/** Planes 0..count-1 of batch item n, back to back ([count, H, W]). */
export function channelsOf(t: { shape: readonly number[]; data: ArrayLike<number> }, n: number, count: number): Float32Array {
  const [H, W] = t.shape.slice(-2);
  const out = new Float32Array(count * H * W);
  for (let c = 0; c < count; c++) out.set(planeOf(t, n, c), c * H * W);
  return out;
}

/** Cell size (px) at which the widest value's shortest exact label fits (13 px editor font ≈ 7.8 px a character). */
export function labelRoom(d: Derived): number {
  let chars = 1;
  for (const values of [d.padded?.values, d.kernelPlane, d.outPlane]) {
    if (!values || values.length > 4096) continue;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      let n = chars;
      while (n < 9 && !cellLabel(v, (t) => t.length <= n)) n++;
      chars = Math.max(chars, n);
    }
  }
  return Math.min(72, Math.ceil(chars * 7.8 + 6));
}
