// The webview's imports point one way: feature folders → common/ → src/core, no cycle, no feature importing another.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..');
const WEBVIEW = join(ROOT, 'webview');

interface Edge {
  from: string;
  to: string;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') && !p.endsWith('.d.ts') ? [p] : [];
  });
}

const rel = (p: string) => relative(ROOT, p).split('\\').join('/');

/** Every relative import, re-export, side-effect import and dynamic import of the webview's files (type-only ones too). */
function edges(): Edge[] {
  const out: Edge[] = [];
  for (const file of files(WEBVIEW)) {
    const text = readFileSync(file, 'utf8');
    const specs = [
      ...text.matchAll(/^\s*(?:import|export)\b[^'";]*?\bfrom\s+'([^']+)'/gm),
      ...text.matchAll(/^\s*import\s+'([^']+)'/gm),
      ...text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g),
    ].map((m) => m[1]);
    for (const spec of specs) {
      if (!spec.startsWith('.')) continue;
      const base = resolve(dirname(file), spec);
      const target = [`${base}.ts`, join(base, 'index.ts'), base].find((p) => existsSync(p) && statSync(p).isFile()) ?? `${base}.ts`;
      out.push({ from: rel(file), to: rel(target) });
    }
  }
  return out;
}

/** "entry" (a bundle entry at webview/'s top), "common", a feature folder, "src/core", "src/<other>" or "outside". */
export function areaOf(path: string): string {
  const parts = path.split('/');
  if (parts[0] === 'src') return parts[1] === 'core' ? 'src/core' : `src/${parts[1]}`;
  if (parts[0] !== 'webview') return 'outside';
  return parts.length === 2 ? 'entry' : parts[1];
}

/** Imports that break the direction: only entries may import a feature; common imports common and core; a feature itself, common and core. */
export function boundaryViolations(all: readonly Edge[]): string[] {
  const allowed = (from: string, to: string) => {
    if (to === 'src/core') return true;
    if (to.startsWith('src/') || to === 'outside') return false;
    if (from === 'entry') return to !== 'entry';
    if (from === 'common') return to === 'common';
    return to === 'common' || to === from;
  };
  return all.filter((e) => !allowed(areaOf(e.from), areaOf(e.to))).map((e) => `${e.from} → ${e.to} (${areaOf(e.from)} → ${areaOf(e.to)})`);
}

/** Every import cycle among the files (Tarjan's strongly connected components of size > 1, and self-imports). */
export function cycles(all: readonly Edge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of all) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let counter = 0;
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (next.get(v) ?? []).includes(v)) found.push(component.sort());
  };
  for (const v of new Set(all.flatMap((e) => [e.from, e.to]))) if (!index.has(v)) visit(v);
  return found;
}

describe('webview import graph', () => {
  const all = edges();

  it('reads the imports of webview/ (the scan itself can fail)', () => {
    assert.ok(all.length > 100, `only ${all.length} imports found`);
    assert.ok(all.some((e) => e.from === 'webview/main.ts' && e.to === 'webview/convolution/convolution-view.ts'));
    assert.ok(all.some((e) => areaOf(e.from) === 'training' && e.to === 'webview/common/vscode-api.ts'));
    for (const e of all) assert.ok(existsSync(join(ROOT, e.to)), `${e.from} imports ${e.to}, which does not exist`);
  });

  it('the checks find a cycle and a wrong-way import when there is one', () => {
    const a = 'webview/convolution/a.ts';
    const b = 'webview/convolution/b.ts';
    assert.deepEqual(
      cycles([
        { from: a, to: b },
        { from: b, to: a },
        { from: 'webview/main.ts', to: a },
      ]),
      [[a, b]],
    );
    assert.deepEqual(cycles([{ from: a, to: a }]), [[a]]);
    assert.deepEqual(cycles([{ from: a, to: b }]), []);
    assert.equal(
      boundaryViolations([
        { from: a, to: 'webview/training/x.ts' },
        { from: 'webview/common/y.ts', to: b },
        { from: a, to: 'src/host/log.ts' },
        { from: 'webview/training/x.ts', to: 'webview/main.ts' },
        { from: a, to: 'webview/common/y.ts' },
        { from: 'webview/common/y.ts', to: 'src/core/render/colormap.ts' },
      ]).length,
      4,
    );
  });

  it('has no import cycle (type-only imports included)', () => {
    assert.deepEqual(cycles(all), []);
  });

  it('features import only themselves, common/ and src/core; common/ only itself and src/core', () => {
    assert.deepEqual(boundaryViolations(all), []);
  });
});
