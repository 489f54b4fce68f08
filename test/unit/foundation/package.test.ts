// Packaging: the .vsix ships only the bundles, media, manifest and docs, each README image once, and stays under 2 MB.
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { listZip, readZipEntry } from './zip';

describe('packaged .vsix', function () {
  this.timeout(120_000);
  let vsix = '';
  let names: string[] = [];

  before(async () => {
    const { ensureVsix } = await import('../../../scripts/package.mjs');
    vsix = await ensureVsix({ log: () => undefined });
    names = listZip(readFileSync(vsix)).map((e) => e.name);
  });

  it('is smaller than 2 MB, and smaller than 1.5 MB apart from the README with its inlined images', () => {
    const size = statSync(vsix).size;
    // The extension page shows only https: and data: images, so the packaged README carries the screenshots inlined;
    // that README is their only copy in the .vsix (the walkthrough has its own small crops).
    const readme = listZip(readFileSync(vsix)).find((e) => e.name === 'extension/readme.md')!.compressedSize;
    assert.ok(size < 2 * 1024 * 1024, `.vsix is ${size} bytes`);
    // Apart from the README: two builds (Node and web, each with its four workers) and the webviews, about 1.4 MB.
    assert.ok(size - readme < 1.5 * 1024 * 1024, `.vsix is ${size} bytes, ${readme} of them the README`);
  });

  it('ships each README image once: inlined in the README, not as a file', () => {
    assert.deepEqual(
      names.filter((n) => n.startsWith('extension/media/readme/')),
      [],
    );
  });

  it('contains the three bundles, the manifest, docs and media', () => {
    for (const required of [
      'extension/package.json',
      'extension/dist/extension.js',
      'extension/dist/worker.js',
      'extension/dist/webview.js',
      'extension/dist/web/extension.js',
      'extension/dist/web/worker.js',
      'extension/dist/web/hover-worker.js',
      'extension/dist/web/files-worker.js',
      'extension/media/webview.css',
      'extension/dist/codicon.css',
      'extension/dist/codicon.ttf',
      'extension/media/tensor-lens.svg',
      'extension/readme.md',
      'extension/changelog.md',
      'extension/LICENSE.txt',
    ]) {
      assert.ok(names.includes(required), `${required} missing from ${names.join(', ')}`);
    }
  });

  it('ships nothing but dist/, media/ and the top-level docs (no sources, tests, maps or node_modules)', () => {
    const allowed =
      /^(extension\.vsixmanifest|\[Content_Types\]\.xml|extension\/(package\.json|readme\.md|changelog\.md|LICENSE\.txt|dist\/(web\/)?[^/]+\.(js|wasm|css|ttf)|media\/.+))$/;
    const unexpected = names.filter((n) => !allowed.test(n) || n.endsWith('.map'));
    assert.deepEqual(unexpected, []);
  });

  it('ships minified production bundles without source maps', () => {
    const zip = readFileSync(vsix);
    for (const entry of listZip(zip).filter((e) => /^extension\/dist\/.+\.js$/.test(e.name))) {
      const bytes = readZipEntry(zip, entry);
      const text = bytes.toString('utf8');
      assert.equal(bytes.length, entry.size, `${entry.name} inflated to its recorded size`);
      assert.ok(!text.includes('sourceMappingURL='), `${entry.name} has no source map reference`);
      // Development bundles carry esbuild's "// src/file.ts" module markers; minified ones do not.
      assert.ok(!/^\/\/ (src|webview|node_modules)\//m.test(text), `${entry.name} is minified`);
      if (entry.name.endsWith('/extension.js')) assert.match(text, /^"use strict";/, 'the activation-timing banner keeps strict mode');
    }
  });
});
