// Builds the bundles: extension host (cjs), training, hover and files workers (cjs), webviews (browser ESM); copies codicons.
import { copyFileSync, mkdirSync } from 'node:fs';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
// --outdir=DIR builds the bundles somewhere else (scripts/package.mjs stages the .vsix there, leaving dist/ alone).
const outdir = process.argv.find((a) => a.startsWith('--outdir='))?.slice('--outdir='.length) ?? 'dist';

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'info',
  legalComments: production ? 'none' : 'inline',
};

const builds = [
  // The banner timestamps the start of bundle evaluation, so the logged activation time includes loading our code.
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: `${outdir}/extension.js`,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    banner: { js: '"use strict";var __tlBundleStart = performance.now();' },
  },
  {
    ...common,
    entryPoints: ['src/workers/training-worker.ts'],
    outfile: `${outdir}/worker.js`,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    ...common,
    entryPoints: ['src/workers/hover-worker.ts'],
    outfile: `${outdir}/hover-worker.js`,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    ...common,
    entryPoints: ['src/workers/files-worker.ts'],
    outfile: `${outdir}/files-worker.js`,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    ...common,
    entryPoints: ['webview/tensor-file.ts'],
    outfile: `${outdir}/tensor-file.js`,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    loader: { '.css': 'text' },
  },
  {
    ...common,
    entryPoints: ['webview/main.ts'],
    outfile: `${outdir}/webview.js`,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    loader: { '.css': 'text' },
  },
];

// The webviews' icon font, copied from @vscode/codicons as published (codicon.css loads codicon.ttf beside it).
function copyCodicons() {
  mkdirSync(outdir, { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) {
    copyFileSync(new URL(`node_modules/@vscode/codicons/dist/${file}`, import.meta.url), `${outdir}/${file}`);
  }
}

copyCodicons();
if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
