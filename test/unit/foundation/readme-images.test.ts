// The README renders with its images in the installed extension: every image it links to is inside the packaged .vsix.
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
  let names: Set<string>;
  let readme = '';

  before(async () => {
    const { ensureVsix } = await import('../../../scripts/package.mjs');
    zip = readFileSync(await ensureVsix({ log: () => undefined }));
    const entries = listZip(zip);
    names = new Set(entries.map((e) => e.name));
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

  it('the packaged README is the repository README and shows at least one image per feature', () => {
    assert.equal(readme, readFileSync(posix.join(__dirname, '../../../README.md'), 'utf8'));
    assert.ok(imageLinks(readme).length >= 6, `only ${imageLinks(readme).length} images`);
  });

  it('every image link is a relative path to a PNG/JPEG/GIF inside the .vsix (no http, no SVG, no docs/ folder)', () => {
    const links = imageLinks(readme);
    const problems: string[] = [];
    for (const link of links) {
      if (/^[a-z]+:/i.test(link)) problems.push(`${link}: absolute URL (the package has no public home to point at)`);
      else if (!/\.(png|jpe?g|gif)$/i.test(link)) problems.push(`${link}: not a PNG/JPEG/GIF (SVG is refused by vsce)`);
      else {
        const inside = posix.normalize(posix.join('extension', decodeURI(link)));
        if (!names.has(inside)) problems.push(`${link}: ${inside} is not in the .vsix`);
        else if (
          readZipEntry(
            zip,
            listZip(zip).find((e) => e.name === inside)!,
          ).length === 0
        )
          problems.push(`${link}: empty file`);
      }
    }
    assert.deepEqual(problems, []);
  });
});
