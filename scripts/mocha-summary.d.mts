// Types for scripts/mocha-summary.mjs.
export declare function parseMochaSummary(output: string): { passed: number; failed: number; pending: number };
