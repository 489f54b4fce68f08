// The Getting Started walkthrough: five steps, each with a command button, its page shipped in media/ and its images present.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/** Commands other helpers' branches contribute (COMMON.md's agreed names); the rest must be in this manifest. */
const AGREED_ELSEWHERE = new Set(['tensorLens.openTensorFile', 'tensorLens.openExpression']);

describe('Getting Started walkthrough', () => {
  const walkthrough = pkg.contributes.walkthroughs?.[0];

  it('has the five steps: convolve, hover, train, open a tensor file, debug a tensor', () => {
    assert.ok(walkthrough, 'contributes.walkthroughs is missing');
    assert.deepEqual(
      walkthrough.steps.map((s: { id: string }) => s.id),
      ['convolve', 'hover', 'train', 'openFile', 'debug'],
    );
  });

  it('every step has a command button for a command that exists', () => {
    const own = new Set(pkg.contributes.commands.map((c: { command: string }) => c.command));
    for (const step of walkthrough.steps) {
      const links = [...String(step.description).matchAll(/\]\(command:([\w.]+)/g)].map((m) => m[1]);
      assert.equal(links.length, 1, `${step.id}: one command button`);
      const id = links[0];
      assert.ok(own.has(id) || AGREED_ELSEWHERE.has(id) || id.startsWith('workbench.'), `${step.id}: unknown command ${id}`);
    }
  });

  it("every step's page is in media/ (shipped) and its images exist", () => {
    for (const step of walkthrough.steps) {
      const page = step.media.markdown as string;
      assert.match(page, /^media\//, `${step.id}: page outside media/ would not ship`);
      const file = join(ROOT, page);
      assert.ok(existsSync(file), `${step.id}: ${page} missing`);
      for (const m of readFileSync(file, 'utf8').matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)) {
        assert.ok(existsSync(join(dirname(file), m[1])), `${page}: image ${m[1]} missing`);
      }
    }
  });
});
