// Webview entry point: mounts the Lit root element named by <body data-view>.
import { setSimdEnabled } from '../src/core/engine';
import './convolution/convolution-view';
import './training/training-view';

// The page's CSP forbids compiling WebAssembly; use the engine's plain-JS kernels instead of failing a compile.
setSimdEnabled(false);

const tags: Record<string, string> = { convolution: 'tl-convolution-view', training: 'tl-training-view' };
const tag = tags[document.body.dataset.view ?? ''];
if (tag) document.body.appendChild(document.createElement(tag));
