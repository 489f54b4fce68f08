// The engine's helper threads on desktop: the worker_threads pool of conv-pool.ts. See pool.web.ts.
import { installConvPool } from '../conv-pool';

/** Lets big convolutions of this thread use the other cores (helpers start on the first one, never before). */
export function installHelperThreads(): void {
  installConvPool();
}
