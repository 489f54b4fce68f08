// Runner for our engine, bundled by bench/build.ts the way esbuild.mjs bundles the extension (production, minified).
import { ENGINE } from '../workloads';
import { serve } from './serve';

serve('tensor-lens', ENGINE);
