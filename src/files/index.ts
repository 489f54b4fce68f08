// Registers the tensor-file editor and its commands: Open Tensor File…, Convolve Image (explorer), via the files worker.
import * as vscode from 'vscode';
import { registerCommand } from '../host/commands';
import { log } from '../host/log';
import { fileForWorker } from '../host/platform/files';
import { workerScript } from '../host/platform/threads';
import { FilesWorkerClient } from './files-worker-client';
import { OPTION_VIEW_TYPE, TensorFileEditorProvider, VIEW_TYPE } from './tensor-file-editor';

export function registerFiles(context: vscode.ExtensionContext): void {
  const worker = new FilesWorkerClient(workerScript(context.extensionUri, 'files-worker.js'));
  const provider = new TensorFileEditorProvider(context.extensionUri, worker);
  const options = { webviewOptions: { retainContextWhenHidden: true }, supportsMultipleEditorsPerDocument: true };
  context.subscriptions.push(
    // One view type is the default for tensor formats; the other is the "Open With…" option for .bin and images.
    vscode.window.registerCustomEditorProvider(VIEW_TYPE, provider, options),
    vscode.window.registerCustomEditorProvider(OPTION_VIEW_TYPE, provider, options),
    registerCommand('tensorLens.openTensorFile', 'Open Tensor File', async (uri?: vscode.Uri) => {
      const target =
        uri instanceof vscode.Uri
          ? uri
          : (
              await vscode.window.showOpenDialog({
                canSelectMany: false,
                openLabel: 'Open in Tensor Lens',
                filters: { 'Tensor files': ['npy', 'npz', 'safetensors', 'pt', 'pth', 'bin', 'png', 'jpg', 'jpeg'] },
              })
            )?.[0];
      if (target) await vscode.commands.executeCommand('vscode.openWith', target, VIEW_TYPE);
    }),
    registerCommand('tensorLens.convolveImage', 'Convolve Image', (uri?: vscode.Uri) => convolveImage(worker, uri)),
    { dispose: () => worker.dispose() },
  );
}

/** Explorer → Convolve Image: the image as ToTensor() gives it (C×H×W in [0, 1]) opened as the Convolution panel's input. */
async function convolveImage(worker: FilesWorkerClient, uri?: vscode.Uri): Promise<void> {
  const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
  if (!target) {
    void vscode.window.showWarningMessage('Tensor Lens: right-click a PNG or JPEG in the Explorer to convolve it.');
    return;
  }
  const name = target.path.split('/').pop() ?? target.path;
  const file = await fileForWorker(target, (u) => vscode.workspace.fs.readFile(u)).catch((e: unknown) => ({
    error: `${name}: could not be read (${e instanceof Error ? e.message : String(e)})`,
  }));
  if ('error' in file) {
    log().warn(`Convolve Image: ${file.error}`);
    void vscode.window.showErrorMessage(`Tensor Lens: ${file.error}`);
    return;
  }
  const { path, bytes } = file;
  const opened = await worker.request({ op: 'open', path, grayscale: false, bytes });
  const values = opened.ok ? await worker.request({ op: 'values', path, name: 'image' }) : opened;
  void worker.request({ op: 'close', path });
  if (!values.ok || !values.values) {
    const message = values.ok ? `${name}: not an image` : values.message;
    log().warn(`Convolve Image: ${message}`);
    void vscode.window.showErrorMessage(`Tensor Lens: ${message}`);
    return;
  }
  const { shape, data } = values.values;
  await vscode.commands.executeCommand('tensorLens.openTensor', {
    title: `${name} (ToTensor ${shape.join('×')})`,
    shape,
    data: data instanceof Float32Array ? data : Float32Array.from(data),
    source: target.toString(),
  });
}
