// The Convolution panel's state: the settings a user chooses (and their defaults), and the values derived from them.
import type { TransposedAxis } from '../../src/core/engine/geometry-transposed';
import type { Conv2dArgs, KernelCandidate, WireTensor } from '../../src/core/protocol/convolution';
import type { ColorScale } from '../../src/core/render/colormap';
import type { WindowGeometry } from '../../src/core/render/conv-window';
import { presetSpec, type KernelSpec } from './compute/kernel-specs';

export type { KernelSpec } from './compute/kernel-specs';

/** How a 3-D input's axes are read: C×H×W (PyTorch) or H×W×C (PIL, OpenCV, matplotlib). */
export type Layout = 'chw' | 'hwc';

export type TransposedMode = 'zero-inserted' | 'scatter';

/** The transposed switch, output_padding and which explanation is shown. */
export interface TransposedSettings {
  on: boolean;
  outputPadding: [number, number];
  mode: TransposedMode;
}

export const DEFAULT_TRANSPOSED: TransposedSettings = { on: false, outputPadding: [0, 0], mode: 'zero-inserted' };

const x = presetSpec('x');
/** The kernel list of a new panel: the tutorial's "x" preset. */
export const DEFAULT_KERNELS: KernelSpec[] = x ? [x] : [];

/** What the user chose, saved with the webview state. */
export interface PanelSettings {
  kernels: KernelSpec[];
  args: Conv2dArgs;
  transposed: TransposedSettings;
}

/** What a derive reads besides the input and the selection: the settings, and the argument field that is not valid yet. */
export interface DeriveSettings extends PanelSettings {
  argError: string | null;
}

/** The tensor being shown and what the host said about it. */
export interface PanelSource {
  panelTitle: string;
  source: WireTensor | null;
  candidates: KernelCandidate[];
  canInsert: boolean;
}

/** Which batch item, input channel and output channel are drawn (clamped to the tensors by each derive). */
export interface Selection {
  batch: number;
  channel: number;
  outChannel: number;
}

/** An input plane as drawn: with its padding (conv2d) or zero-inserted (transposed), and a mask of what each cell is. */
export interface DrawnPlane {
  rows: number;
  cols: number;
  values: Float32Array;
  /** 0 an input cell, 1 padding, 2 a zero inserted between input cells (transposed). */
  mask: Uint8Array;
}

export interface TransposedDerived {
  h?: TransposedAxis;
  w?: TransposedAxis;
  /** H_out and W_out filled in (also when PyTorch refuses a too-small output, to show why). */
  formulas?: [string, string];
  /** The flipped kernel over the zero-inserted plane at stride 1 (zero-inserted view, when the plane is small enough to draw). */
  window?: WindowGeometry;
  /** The output channel's group: its input planes and their kernels (unflipped). */
  planes: Float32Array[];
  kernels: Float32Array[];
  /** Index of the shown input channel within the group (-1 when it is in another group). */
  shownInGroup: number;
}

/** What the panel draws, derived from its state in one place (conv2d or, with the switch on, conv_transpose2d). */
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
