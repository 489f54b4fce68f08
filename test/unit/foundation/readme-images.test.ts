// The README renders with its images in the installed extension: every image it links to is inside the packaged .vsix
// (VS Code's extension page shows only https: and data: images, so the packaged README inlines them; see scripts/package.mjs).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { listZip, readZipEntry } from './zip';

/** Targets of Markdown images `![alt](target "title")` and HTML `<img src="…">`. */
export function imageLinks(markdown: string): string[] {
  // Alt text may hold brackets (`out[0, 0]`); a target is `<with spaces>` or has none.
  const md = [...markdown.matchAll(/!\[(?:[^[\]]|\[[^\]]*\])*\]\(\s*(?:<([^>]+)>|([^)\s]+))(?:\s+"[^"]*")?\s*\)/g)].map(
    (m) => m[1] ?? m[2],
  );
  const html = [...markdown.matchAll(/<img\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/gi)].map((m) => m[1]);
  return [...md, ...html];
}

describe('README images in the packaged .vsix', function () {
  this.timeout(120_000);
  let zip: Buffer;
  let readme = '';

  before(async () => {
    const { ensureVsix } = await import('../../../scripts/package.mjs');
    zip = readFileSync(await ensureVsix({ log: () => undefined }));
    const entries = listZip(zip);
    const entry = entries.find((e) => e.name === 'extension/readme.md');
    assert.ok(entry, 'the .vsix has extension/readme.md');
    readme = readZipEntry(zip, entry).toString('utf8');
  });

  it('finds Markdown and HTML image links (the link reader itself)', () => {
    assert.deepEqual(imageLinks('a ![x](media/a.png) b ![out[0, 1]](<media/b c.png> "t") <img width="3" src="media/c.png">'), [
      'media/a.png',
      'media/b c.png',
      'media/c.png',
    ]);
  });

  it('the packaged README is the repository README with its images inlined, one per feature and the window sequence', () => {
    const source = readFileSync(posix.join(__dirname, '../../../README.md'), 'utf8');
    assert.ok(imageLinks(source).length >= 6, `only ${imageLinks(source).length} images in README.md`);
    assert.equal(imageLinks(readme).length, imageLinks(source).length, 'same number of images');
    const strip = (t: string) => t.replace(/\]\([^)\s]+\)/g, '](…)');
    assert.equal(strip(readme), strip(source), 'same text apart from the image sources');
  });

  it("every README image resolves inside the .vsix: the repository link to a shipped file, the packaged one to that file's bytes", () => {
    const source = imageLinks(readFileSync(posix.join(__dirname, '../../../README.md'), 'utf8'));
    const packaged = imageLinks(readme);
    const entries = listZip(zip);
    const problems: string[] = [];
    source.forEach((link, i) => {
      if (/^[a-z]+:/i.test(link)) return void problems.push(`${link}: absolute URL (the package has no public home to point at)`);
      if (!/\.png$/i.test(link)) return void problems.push(`${link}: not a PNG`);
      const inside = posix.normalize(posix.join('extension', decodeURI(link)));
      const entry = entries.find((e) => e.name === inside);
      if (!entry) return void problems.push(`${link}: ${inside} is not in the .vsix`);
      const bytes = readZipEntry(zip, entry);
      if (bytes.length === 0) return void problems.push(`${link}: empty file`);
      // VS Code's extension page shows only https: and data: images, so the packaged README carries the bytes.
      const m = /^data:image\/png;base64,(.+)$/.exec(packaged[i] ?? '');
      if (!m) return void problems.push(`${link}: packaged as ${String(packaged[i]).slice(0, 40)}, not a data: URI`);
      if (!Buffer.from(m[1], 'base64').equals(bytes)) problems.push(`${link}: the inlined image differs from the shipped file`);
    });
    assert.deepEqual(problems, []);
  });
});
