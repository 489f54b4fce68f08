// Webview entry of the tensor-file editor: mounts <tl-tensor-file-view>.
import './tensor-file/tensor-file-view';

document.body.appendChild(document.createElement('tl-tensor-file-view'));
