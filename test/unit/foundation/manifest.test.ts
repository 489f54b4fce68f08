// The manifest contributes what the features rely on, activates lazily and points at files that exist.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

describe('package.json manifest', () => {
  it('identifies the extension and its VS Code engine', () => {
    assert.equal(pkg.name, 'tensor-lens');
    assert.equal(pkg.displayName, 'Tensor Lens');
    assert.ok(typeof pkg.publisher === 'string' && pkg.publisher.length > 0);
    assert.equal(pkg.engines.vscode, '^1.90.0');
    assert.equal(pkg.main, './dist/extension.js');
    for (const c of ['Data Science', 'Visualization', 'Machine Learning']) assert.ok(pkg.categories.includes(c), c);
    assert.deepEqual(pkg.capabilities.untrustedWorkspaces, { supported: true });
  });

  it('never activates on *, but on its languages (python, json, jsonc, javascript, typescript, notebooks)', () => {
    const events: string[] = pkg.activationEvents ?? [];
    assert.ok(!events.includes('*'));
    for (const lang of ['python', 'json', 'jsonc', 'javascript', 'typescript']) assert.ok(events.includes(`onLanguage:${lang}`), lang);
    assert.ok(events.some((e) => e.startsWith('onNotebook:jupyter')));
  });

  it('contributes the commands in the Tensor Lens category, Convolve Selection in the context menu with a selection', () => {
    const commands = new Map<string, { title: string; category: string }>(
      pkg.contributes.commands.map((c: { command: string }) => [c.command, c]),
    );
    assert.equal(commands.get('tensorLens.convolveSelection')?.title, 'Convolve Selection');
    assert.equal(commands.get('tensorLens.trainExample')?.title, 'Train Example CNN');
    assert.equal(commands.get('tensorLens.showLog')?.title, 'Show Log');
    for (const c of commands.values()) assert.equal(c.category, 'Tensor Lens');
    const menu = pkg.contributes.menus['editor/context'].find((m: { command: string }) => m.command === 'tensorLens.convolveSelection');
    assert.match(menu.when, /editorHasSelection/);
  });

  it('contributes the activity-bar container with an existing icon and the Training webview view', () => {
    const [container] = pkg.contributes.viewsContainers.activitybar;
    assert.equal(container.id, 'tensorLens');
    assert.ok(existsSync(join(ROOT, container.icon)), container.icon);
    assert.deepEqual(pkg.contributes.views.tensorLens[0], { type: 'webview', id: 'tensorLens.training', name: 'Training', initialSize: 3 });
    // The debugger's Tensors view sits under Training, a third of its height (it holds a hint until a debug session stops).
    const tensors = pkg.contributes.views.tensorLens.find((v: { id: string }) => v.id === 'tensorLens.tensors');
    assert.equal(tensors?.name, 'Tensors');
    assert.equal(tensors?.initialSize, 1);
    assert.ok(existsSync(join(ROOT, pkg.icon)), pkg.icon);
  });

  it('has a configuration section and the fields vsce needs', () => {
    assert.equal(pkg.contributes.configuration.title, 'Tensor Lens');
    assert.ok(Object.keys(pkg.contributes.configuration.properties).every((k) => k.startsWith('tensorLens.')));
    // A real repository URL or none (vsce runs with --allow-missing-repository); never a placeholder host.
    if (pkg.repository !== undefined) assert.match(String(pkg.repository.url ?? pkg.repository), /^https:\/\/(github\.com|gitlab\.com)\//);
    assert.doesNotMatch(JSON.stringify(pkg), /example\.invalid/);
    assert.ok(existsSync(join(ROOT, 'LICENSE')));
    assert.ok(existsSync(join(ROOT, 'CHANGELOG.md')));
  });
});
