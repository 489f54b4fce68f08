// Types for scripts/install-code-server.mjs, for TypeScript harnesses that need code-server.
export declare const CODE_SERVER_VERSION: string;
export declare function cacheRoot(): string;
export declare function codeServerDir(): string;
export declare function codeServerBin(): string;
export declare function isCodeServerInstalled(): boolean;
export declare function installCodeServer(options?: { quiet?: boolean }): string;
