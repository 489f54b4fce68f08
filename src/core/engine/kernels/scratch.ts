// Moved to ../memory (one module for every reused buffer); re-exported for ops written against this path.
export { outputF32, releaseScratch, scratchF32, scratchI32 } from '../memory';
