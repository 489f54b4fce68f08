// The Getting Started walkthrough as a user reads it: every feature has a step, every button names a command that
// exists, pages ship in media/ with their images, nothing of the authoring shows, and the example it opens works.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { analyzeFile } from '../../../src/core/shapes/analyze';
import { scanDocument } from '../../../src/core/literals/locate';
import { WALKTHROUGH_EXAMPLE } from '../../../src/walkthrough/example';

const ROOT = resolve(__dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

interface Step {
  id: string;
  description: string;
  media: { markdown: string };
}

/** The command ids of a step's buttons, `[Title](command:id?args)`. */
export function stepCommands(step: Step): string[] {
  return [...step.description.matchAll(/\]\(command:([\w.]+)/g)].map((m) => m[1]);
}

describe('Getting Started walkthrough', () => {
  const walkthrough = pkg.contributes.walkthroughs?.[0];
  const steps: Step[] = walkthrough.steps;

  it('has a step for every feature: convolve, hover, shapes, train, tensor files, debugging', () => {
    assert.deepEqual(
      steps.map((s) => s.id),
      ['convolve', 'hover', 'shapes', 'train', 'openFile', 'debug'],
    );
  });

  it('every step has a button, and every button runs a command this extension (or VS Code) has', () => {
    const own = new Set(pkg.contributes.commands.map((c: { command: string }) => c.command));
    const views = new Set(Object.values(pkg.contributes.views).flatMap((v) => (v as { id: string }[]).map((x) => `${x.id}.focus`)));
    for (const step of steps) {
      const ids = stepCommands(step);
      assert.ok(ids.length >= 1, `${step.id}: no button`);
      for (const id of ids) assert.ok(own.has(id) || views.has(id) || id.startsWith('workbench.'), `${step.id}: unknown command ${id}`);
    }
  });

  it('descriptions have no [brackets] outside buttons (the walkthrough renderer eats them, e.g. a [[1, 1]] literal)', () => {
    for (const step of steps) {
      const text = step.description.replace(/\[[^\]]*\]\(command:[^)]*\)/g, '');
      assert.doesNotMatch(text, /[[\]]/, `${step.id}: ${text}`);
    }
  });

  it("every step's page ships in media/, has its images, and shows no authoring comment", () => {
    for (const step of steps) {
      const page = step.media.markdown;
      assert.match(page, /^media\//, `${step.id}: page outside media/ would not ship`);
      const file = join(ROOT, page);
      assert.ok(existsSync(file), `${step.id}: ${page} missing`);
      const text = readFileSync(file, 'utf8');
      assert.doesNotMatch(text, /<!--|FEATURE:|TODO|the lead fills/, `${page}: authoring notes`);
      assert.doesNotMatch(text, /examples\//, `${page}: points at examples/, which the .vsix does not ship`);
      const images = [...text.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]);
      assert.ok(images.length > 0, `${page}: no image`);
      for (const img of images) {
        assert.ok(!img.includes('../readme/'), `${page}: ${img} is a README image, which the .vsix does not ship as a file`);
        assert.ok(existsSync(join(dirname(file), img)), `${page}: image ${img} missing`);
      }
    }
  });

  it('the debug page and the settings say what is evaluated in the debuggee, when, and the setting that turns it off', () => {
    const debug = readFileSync(join(ROOT, 'media/walkthrough/debug.md'), 'utf8');
    const settings = pkg.contributes.configuration.properties;
    for (const setting of ['tensorLens.debug.tensorsView', 'tensorLens.debug.hover']) {
      assert.ok(settings[setting], `${setting} is not a setting`);
      assert.ok(debug.includes(setting), `debug.md does not name ${setting}`);
    }
    assert.match(debug, /At every stop/);
    assert.doesNotMatch(debug, /only the expression you ask for/);
  });

  it('the example it opens has literals to convolve and a model whose shapes flow from its # input: comment', () => {
    const names = scanDocument(WALKTHROUGH_EXAMPLE, { language: 'python' }).map((l) => ('name' in l ? l.name : undefined));
    assert.ok(names.includes('image') && names.includes('kernel'), `literals: ${names.join(', ')}`);
    const model = analyzeFile(WALKTHROUGH_EXAMPLE).models.find((m) => m.className === 'TinyNet');
    assert.ok(model, 'TinyNet not found');
    assert.equal(model.input?.source, 'comment');
    assert.equal(model.output, '[4, 10]');
    assert.equal(model.parameters, 13_610);
  });
});
