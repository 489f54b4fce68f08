// Webview entry point: mounts the Lit root element named by <body data-view>.
import './convolution-view';
import './training-view';

const tags: Record<string, string> = { convolution: 'tl-convolution-view', training: 'tl-training-view' };
const tag = tags[document.body.dataset.view ?? ''];
if (tag) document.body.appendChild(document.createElement(tag));
