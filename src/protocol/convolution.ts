// Messages between the host and the Convolution panel webview.
import type { CommonWebviewMessage } from './common';

/** Conv2d arguments as the panel edits them (PyTorch's names, pairs for per-axis values). */
export interface Conv2dArgs {
  stride: [number, number];
  padding: [number, number] | 'same' | 'valid';
  dilation: [number, number];
  groups: number;
  paddingMode: 'zeros' | 'reflect' | 'replicate' | 'circular';
  bias: number | null;
}

/** A tensor sent over postMessage (typed arrays become plain arrays). */
export interface WireTensor {
  shape: number[];
  data: number[];
}

/** Host → webview: what the panel should show. */
export type ConvolutionHostMessage = {
  type: 'init';
  /** Where the literal came from, e.g. "image_tensor (examples/conv2d_intro.py:12)". */
  title: string;
  /** The selected source text. */
  source: string;
};

/** Webview → host. */
export type ConvolutionWebviewMessage = CommonWebviewMessage;
