// The engine's helper threads on the web: none. Helpers share one WebAssembly memory, which needs SharedArrayBuffer, which a
// page has only when cross-origin isolated; vscode.dev, github.dev and code-server are not, so each computation runs on
// the worker's own thread (the host says so in its log, see threadsNote in src/host/platform/threads.web.ts).
import type * as Desktop from './pool';

export const installHelperThreads: typeof Desktop.installHelperThreads = () => undefined;
