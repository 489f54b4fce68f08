// Runner for our engine, bundled by bench/build.ts the way esbuild.mjs bundles the extension (production, minified).
import { installConvPool } from '../../src/workers/conv-pool';
import { ENGINE } from '../workloads';
import { serve } from './serve';

// --all-cores: big convolutions split across helper threads, as in the training worker.
if (process.argv.includes('--all-cores')) installConvPool();
serve('tensor-lens', ENGINE);
