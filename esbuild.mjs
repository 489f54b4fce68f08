// Builds the bundles: extension host (cjs), training, hover, files and explore workers (cjs), webviews (browser ESM), the
// web build; copies codicons.
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
    entryPoints: ['src/workers/explore-worker.ts'],
    outfile: `${outdir}/explore-worker.js`,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    ...common,
    entryPoints: ['webview/explore/main.ts'],
    outfile: `${outdir}/explore.js`,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    loader: { '.css': 'text' },
  },
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: `${outdir}/cli.js`,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
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

// The web build (package.json "browser"): the extension for the web worker extension host and its workers as Web Workers.
// An import of `…/platform/x` resolves to `x.web.ts` where one exists: the platform seams (src/host/platform, src/workers/platform).
const web = { ...common, platform: 'browser', target: 'es2022', resolveExtensions: ['.web.ts', '.ts', '.js', '.mjs', '.json'] };
builds.push(
  {
    ...web,
    entryPoints: ['src/web/extension.ts'],
    outfile: `${outdir}/web/extension.js`,
    format: 'cjs',
    external: ['vscode'],
    banner: { js: '"use strict";var __tlBundleStart = performance.now();' },
  },
  // Classic worker scripts: the host starts them from blob: URLs of their bytes (src/host/platform/web-worker-thread.ts).
  ...['training-worker:worker', 'hover-worker:hover-worker', 'files-worker:files-worker', 'explore-worker:explore-worker'].map((pair) => {
    const [entry, out] = pair.split(':');
    return { ...web, entryPoints: [`src/workers/${entry}.ts`], outfile: `${outdir}/web/${out}.js`, format: 'iife' };
  }),
);

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
