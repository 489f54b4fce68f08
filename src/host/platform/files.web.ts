// Files on the web: a Web Worker cannot open files, and vscode.workspace.fs reads whole files, so every file goes as bytes.
import type * as Desktop from './files';

export const workerPath: typeof Desktop.workerPath = (uri) => uri.toString();

export const fileForWorker: typeof Desktop.fileForWorker = async (uri, readFile) => ({
  path: uri.toString(),
  bytes: await readFile(uri),
});
