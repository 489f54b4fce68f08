// Typed host⇄webview and host⇄worker messages, shared by both sides.
export * from './common';
export * from './convolution';
export * from './training';
export * from './hover-worker';
