// Runner for our engine, bundled by bench/build.ts the way esbuild.mjs bundles the extension (production, minified).
import * as path from 'node:path';
import { installConvPool } from '../../src/workers/conv-pool';
import { w7Workload } from '../w7';
import { ENGINE } from '../workloads';
import { serve } from './serve';

// --all-cores: big convolutions split across helper threads, as in the training worker. W7 drives the shipped training
// worker (which always uses its pool), so it runs in the single-thread runners only, not a second time here.
const allCores = process.argv.includes('--all-cores');
if (allCores) installConvPool();
serve('tensor-lens', allCores ? ENGINE : { ...ENGINE, W7: () => w7Workload(path.join(__dirname, 'training-worker.js')) });
