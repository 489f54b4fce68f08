// The README renders with its images in the installed extension: the packaged README carries every image it links to as
// a data: URI (VS Code's extension page shows only https: and data: images; see scripts/package.mjs), its only copy.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
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

  it("every README image is the repository's file, carried in the packaged README as that file's bytes (its only copy in the .vsix)", () => {
    const source = imageLinks(readFileSync(posix.join(__dirname, '../../../README.md'), 'utf8'));
    const packaged = imageLinks(readme);
    const entries = listZip(zip);
    const problems: string[] = [];
    source.forEach((link, i) => {
      if (/^[a-z]+:/i.test(link)) return void problems.push(`${link}: absolute URL (the package has no public home to point at)`);
      const ext = /\.(png|webp)$/i.exec(link)?.[1].toLowerCase();
      if (!ext) return void problems.push(`${link}: not a PNG or WebP`);
      const file = posix.join(__dirname, '../../../', decodeURI(link));
      if (!existsSync(file)) return void problems.push(`${link}: not in the repository`);
      const inside = posix.normalize(posix.join('extension', decodeURI(link)));
      if (entries.some((e) => e.name === inside)) return void problems.push(`${link}: shipped as a file too (${inside})`);
      const bytes = readFileSync(file);
      if (bytes.length === 0) return void problems.push(`${link}: empty file`);
      // VS Code's extension page shows only https: and data: images, so the packaged README carries the bytes.
      const m = new RegExp(`^data:image/${ext};base64,(.+)$`).exec(packaged[i] ?? '');
      if (!m) return void problems.push(`${link}: packaged as ${String(packaged[i]).slice(0, 40)}, not a data: URI`);
      if (!Buffer.from(m[1], 'base64').equals(bytes)) problems.push(`${link}: the inlined image differs from the shipped file`);
    });
    assert.deepEqual(problems, []);
  });
});
