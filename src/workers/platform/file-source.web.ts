// The files worker's bytes on the web: always sent by the host (read through vscode.workspace.fs); a Web Worker opens no file.
import { fail, memorySource } from '../../core/tensor-files/byte-source';
import type * as Desktop from './file-source';

export const openSource: typeof Desktop.openSource = async (_path, bytes) => {
  if (!bytes) fail('the file was not sent to the worker (on the web every file is read through VS Code first)');
  return { src: memorySource(bytes), close: async () => undefined };
};
