// Types for scripts/package.mjs, for TypeScript tests that package the extension.
export declare const ROOT: string;
export declare const VSIX: string;
export declare function isVsixFresh(): boolean;
export declare function ensureVsix(options?: { force?: boolean; log?: (line: string) => void }): Promise<string>;
export declare function inlineReadmeImages(readmePath: string): void;
