// The folder tree and the imports tell the same story: core ← host ← features ← workers/extension, no feature importing another.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..');
const SRC = join(ROOT, 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** "core", "host", "workers", "extension" or the feature folder a src/ path belongs to. */
function areaOf(path: string): string {
  const rel = relative(SRC, path).split('\\').join('/');
  if (!rel.includes('/')) return rel.replace(/\.ts$/, '');
  return rel.split('/')[0];
}

/** Every src/ → src/ import as "from-area → to-area (file)". */
function edges(): Array<{ from: string; to: string; file: string }> {
  const out: Array<{ from: string; to: string; file: string }> = [];
  for (const file of files(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'(\.[^']+)'/gm)) {
      const target = resolve(dirname(file), m[1]);
      if (!target.startsWith(SRC)) continue;
      out.push({ from: areaOf(file), to: areaOf(target + '.ts'), file: relative(ROOT, file) });
    }
  }
  return out;
}

const ALLOWED: Record<string, (to: string, from: string) => boolean> = {
  core: (to) => to === 'core',
  host: (to) => to === 'core' || to === 'host',
  workers: () => true,
  extension: (to) => to === 'host' || !['core', 'workers', 'extension'].includes(to),
  // The web entry wraps the same activation (src/extension.ts) and logs through host services what the engine runs here.
  web: (to) => to === 'extension' || to === 'host' || to === 'core',
};
const feature = (to: string, from: string) => to === 'core' || to === 'host' || to === from;

describe('import layers', () => {
  const all = edges();

  it('reads the imports of src/ (the scan itself can fail)', () => {
    assert.ok(all.length > 200, `only ${all.length} imports found`);
    assert.ok(all.some((e) => e.from === 'hover' && e.to === 'core'));
  });

  it('core imports only core; host only core; a feature only core, host and itself; workers and extension sit on top', () => {
    const wrong = all.filter((e) => !(ALLOWED[e.from] ?? feature)(e.to, e.from)).map((e) => `${e.file}: ${e.from} → ${e.to}`);
    assert.deepEqual(wrong, []);
  });
});
