// The engine's helper threads on the web: none, so each computation runs on the worker's own thread (the host's log says
// so, see threadsNote in src/host/platform/threads.web.ts). Helpers share one WebAssembly memory, which needs
// SharedArrayBuffer, which a page has only when cross-origin isolated (vscode.dev, github.dev and code-server are not);
// and conv-pool.ts's helpers read their messages synchronously (receiveMessageOnPort), which a Web Worker cannot.
import type * as Desktop from './pool';

export const installHelperThreads: typeof Desktop.installHelperThreads = () => undefined;
