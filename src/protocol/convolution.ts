// Messages between the host and the Convolution panel webview.
import type { CommonWebviewMessage } from './common';

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
