// Messages between the host and the Convolution panel webview.
import type { CommonWebviewMessage } from './common';

/** Conv2d arguments as the panel edits them (PyTorch's names, pairs for per-axis values). */
export interface Conv2dArgs {
  stride: [number, number];
  padding: [number, number] | 'same' | 'valid';
  dilation: [number, number];
  groups: number;
  paddingMode: 'zeros' | 'reflect' | 'replicate' | 'circular';
  /** One value for every output channel (the panel's field), PyTorch's per-output-channel vector (a layer's), or none. */
  bias: number | number[] | null;
}

export const DEFAULT_CONV2D_ARGS: Conv2dArgs = {
  stride: [1, 1],
  padding: [0, 0],
  dilation: [1, 1],
  groups: 1,
  paddingMode: 'zeros',
  bias: null,
};

/** The bias tensor PyTorch adds ([C_out]): the one value repeated, or the layer's own vector. */
export function biasVector(bias: Conv2dArgs['bias'], outChannels: number): Float32Array | null {
  if (bias === null) return null;
  return typeof bias === 'number' ? new Float32Array(outChannels).fill(bias) : Float32Array.from(bias);
}

/** The bias added to output channel c (null without a bias). */
export function biasOf(bias: Conv2dArgs['bias'], c: number): number | null {
  return bias === null ? null : typeof bias === 'number' ? bias : (bias[c] ?? 0);
}

/** A tensor sent over postMessage (typed arrays become plain arrays). */
export interface WireTensor {
  shape: number[];
  data: number[];
}

/** Another tensor literal of the same file, offered as a kernel (picked by variable name). */
export interface KernelCandidate extends WireTensor {
  /** Variable name, or "line N" for an unnamed literal. */
  name: string;
  /** 1-based line of the literal. */
  line: number;
}

/** Host → webview: show this tensor (a new selection, a re-run of the command, or openTensor). */
export interface ShowMessage {
  type: 'show';
  /** Where the tensor came from, e.g. "image_tensor (examples/conv2d_intro.py:12)". */
  title: string;
  input: WireTensor;
  /** The file's other literals for the kernel picker. */
  candidates: KernelCandidate[];
  /** A kernel to start with, e.g. the second literal of a two-literal selection (by candidate name). */
  kernel?: string;
  /** False when the tensor has no source text to insert below (e.g. opened from training). */
  canInsert: boolean;
}

/** Host → webview: the literal was edited in the editor; keep the kernel, arguments and step. */
export interface SourceUpdateMessage {
  type: 'sourceUpdate';
  title: string;
  input: WireTensor;
  candidates: KernelCandidate[];
}

/** Host → webview: the followed literal no longer parses (or vanished); the panel keeps the last good tensor. */
export interface SourceErrorMessage {
  type: 'sourceError';
  /** Message with its location, e.g. "examples/conv2d_intro.py:14:9: expected ']'"; null clears it. */
  message: string | null;
}

/** Host → webview: use this tensor as the kernel (tensorLens.useKernel): [kH, kW], [C, kH, kW] or [C_out, C_in, kH, kW]. */
export interface UseKernelMessage {
  type: 'useKernel';
  /** Where it came from, e.g. "model.conv1.weight (paused at line 34)". */
  title: string;
  kernel: WireTensor;
  /** The layer's own arguments when the kernel is a layer's weight (Explain this layer), so the panel computes what it does. */
  args?: Conv2dArgs;
}

export type ConvolutionHostMessage = ShowMessage | SourceUpdateMessage | SourceErrorMessage | UseKernelMessage;

/** Webview → host: insert the output below the followed literal as `output = torch.tensor(...)`. */
export interface InsertOutputMessage {
  type: 'insertOutput';
  output: WireTensor;
}

/** Webview → host: save a PNG (data: URL) chosen through the save dialog. */
export interface SavePngMessage {
  type: 'savePng';
  dataUrl: string;
  suggestedName: string;
}

/** Webview → host: the user chose a kernel/arguments; hovers reuse them. */
export interface KernelChosenMessage {
  type: 'kernelChosen';
  label: string;
  /** Weight [C_out, C_in/groups, kH, kW]. */
  weight: WireTensor;
  args: Conv2dArgs;
}

/** Webview → host: reveal the followed literal in its editor. */
export interface RevealSourceMessage {
  type: 'revealSource';
}

export type ConvolutionWebviewMessage =
  CommonWebviewMessage | InsertOutputMessage | SavePngMessage | KernelChosenMessage | RevealSourceMessage;
