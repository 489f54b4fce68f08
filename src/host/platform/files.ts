// Files on desktop: the files worker opens a local file itself (reading only the parts it needs); see files.web.ts.
import type * as vscode from 'vscode';

export type ReadFile = (uri: vscode.Uri) => PromiseLike<Uint8Array>;

/** What the files worker gets for a file: its key (`path`), and its bytes where the worker cannot open it itself. */
export interface WorkerFile {
  path: string;
  bytes?: Uint8Array;
}

/** The key the files worker knows a file by: the local path, or the URI of a file on another file system. */
export function workerPath(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath : uri.toString();
}

/** A local file by path; any other scheme (a virtual or remote file system) read whole through `readFile`. */
export async function fileForWorker(uri: vscode.Uri, readFile: ReadFile): Promise<WorkerFile> {
  if (uri.scheme === 'file') return { path: uri.fsPath };
  return { path: uri.toString(), bytes: await readFile(uri) };
}
