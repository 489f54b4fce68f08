// Threads on the web (web worker extension host): Web Workers started from blob: URLs of the bundles in dist/web/.
import * as vscode from 'vscode';
import type * as Desktop from './threads';
import type { Thread, WorkerScript } from './thread';
import { WebWorkerThread } from './web-worker-thread';

/** The URI of a web worker bundle; `new Worker(uri)` is refused for extension files, so startThread reads it instead. */
export const workerScript: typeof Desktop.workerScript = (extensionUri: vscode.Uri, name: WorkerScript) =>
  vscode.Uri.joinPath(extensionUri, 'dist', 'web', name).toString();

/** SharedArrayBuffer exists (and can be posted) only where the page is cross-origin isolated. */
export const canShareMemory: typeof Desktop.canShareMemory = () =>
  (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true && typeof SharedArrayBuffer === 'function';

export const threadsNote: typeof Desktop.threadsNote = () =>
  canShareMemory()
    ? 'web worker extension host: workers are Web Workers; each computation runs on one thread (the helper threads of all cores are desktop-only)'
    : 'web worker extension host: workers are Web Workers; the page is not cross-origin isolated, so each computation runs on one thread';

export const startThread: typeof Desktop.startThread = (script: string): Thread => {
  const uri = vscode.Uri.parse(script);
  return new WebWorkerThread(vscode.workspace.fs.readFile(uri), uri.path.split('/').pop() ?? 'worker');
};
