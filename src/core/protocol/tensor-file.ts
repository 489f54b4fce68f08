// Messages of the tensor-file editor: host ⇄ webview, and host ⇄ files worker.
import type { TensorSummary } from '../tensor-files/tensor-summary';

export interface IndexEntry {
  name: string;
  shape: number[];
  dtype: string;
  numel: number;
  nbytes: number;
}

export interface FileIndex {
  fileName: string;
  format: string;
  formatLabel: string;
  size: number;
  entries: IndexEntry[];
  metadata: Record<string, string>;
  /** Images: what the file held and whether it is shown as grayscale. */
  image?: { description: string; grayscale: boolean };
}

export type TensorFileHostMessage =
  | { type: 'index'; index: FileIndex; canTrain: boolean }
  | { type: 'error'; message: string }
  | { type: 'tensor'; name: string; summary: TensorSummary }
  | { type: 'tensorError'; name: string; message: string }
  | { type: 'status'; text: string };

export type TensorFileWebviewMessage =
  | { type: 'ready'; view: 'tensor-file' }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; text: string; show?: boolean }
  | { type: 'copy'; text: string; what: string }
  | { type: 'select'; name: string }
  | { type: 'copyTensor'; name: string }
  | { type: 'openInPanel'; name: string; as: 'input' | 'kernel' }
  | { type: 'loadIntoTraining' }
  | { type: 'grayscale'; on: boolean };

/**
 * Requests to the files worker; each answer echoes `id`. `path` keys the file; `open` carries its `bytes` where the worker
 * cannot read it itself (the web, a virtual file system).
 */
export type FilesWorkerRequest =
  | { id: number; op: 'open'; path: string; grayscale: boolean; bytes?: Uint8Array }
  | { id: number; op: 'summary'; path: string; name: string }
  | { id: number; op: 'values'; path: string; name: string }
  | { id: number; op: 'close'; path: string };

export type FilesWorkerResponse =
  | {
      id: number;
      ok: true;
      index?: Omit<FileIndex, 'fileName'>;
      summary?: TensorSummary;
      values?: { shape: number[]; dtype: string; data: Float32Array | Float64Array };
    }
  | { id: number; ok: false; message: string };
