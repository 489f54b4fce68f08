// Webview entry of the Model Explorer panel: mounts <tl-explore-view>.
import './explore-view';

document.body.appendChild(document.createElement('tl-explore-view'));
