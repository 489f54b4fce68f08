// Messages between the host and the Training sidebar webview.
import type { CommonWebviewMessage } from './common';

/** Host → webview. */
export type TrainingHostMessage = {
  type: 'init';
  model: string;
  data: string;
};

/** Webview → host. */
export type TrainingWebviewMessage = CommonWebviewMessage | { type: 'train' };
