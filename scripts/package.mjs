// Builds the production bundles in a staging folder and packages dist-vsix/tensor-lens.vsix with vsce; reuses an up-to-date .vsix.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  readFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const VSIX = join(ROOT, 'dist-vsix', 'tensor-lens.vsix');
const SHIPPED = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', '.vscodeignore', 'media'];
const INPUTS = [...SHIPPED, 'src', 'webview', 'esbuild.mjs', 'package-lock.json', 'scripts/package.mjs'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function isVsixFresh() {
  if (!existsSync(VSIX)) return false;
  const built = statSync(VSIX).mtimeMs;
  return INPUTS.every((p) => newestMtime(join(ROOT, p)) <= built);
}

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** Serialises packaging between processes (several test runs may share this checkout). */
async function withLock(fn) {
  const lock = join(ROOT, 'dist-vsix', '.lock');
  mkdirSync(dirname(lock), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const age = existsSync(lock) ? Date.now() - statSync(lock).mtimeMs : 0;
      if (age > 180_000 || Date.now() > deadline) rmSync(lock, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * VS Code's extension page sanitises README images to https: and data: sources, so relative links to files in the
 * .vsix show as broken images. The packaged README therefore carries each `media/readme/…` image (lossless WebP, a
 * third of the PNG's bytes; PNG accepted too) as a data: URI (the repository README keeps the short relative links;
 * .vscodeignore keeps the files out, so each ships once).
 */
export function inlineReadmeImages(readmePath) {
  if (!existsSync(readmePath)) return;
  const dir = dirname(readmePath);
  const text = readFileSync(readmePath, 'utf8').replace(/\]\((media\/readme\/[^)\s]+\.(png|webp))\)/g, (whole, link, ext) => {
    const file = join(dir, link);
    if (!existsSync(file)) throw new Error(`README image ${link} is missing`);
    return `](data:image/${ext};base64,${readFileSync(file).toString('base64')})`;
  });
  writeFileSync(readmePath, text);
}

/** Returns the path of an up-to-date .vsix, packaging it first when sources changed (or when forced). */
export async function ensureVsix({ force = false, log = console.log } = {}) {
  if (!force && isVsixFresh()) return VSIX;
  return withLock(async () => {
    if (!force && isVsixFresh()) return VSIX;
    const started = Date.now();
    const stage = mkdtempSync(join(tmpdir(), 'tensor-lens-vsix-'));
    try {
      for (const item of SHIPPED) {
        if (existsSync(join(ROOT, item))) cpSync(join(ROOT, item), join(stage, item), { recursive: true });
      }
      inlineReadmeImages(join(stage, 'README.md'));
      if (!existsSync(join(stage, 'README.md'))) {
        const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
        writeFileSync(join(stage, 'README.md'), `# ${pkg.displayName}\n\n${pkg.description}\n`);
      }
      run(process.execPath, [join(ROOT, 'esbuild.mjs'), '--production', `--outdir=${join(stage, 'dist')}`], ROOT);
      const tmpVsix = join(stage, 'out.vsix');
      run(
        process.execPath,
        [
          join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'),
          'package',
          '--no-dependencies',
          '--no-rewrite-relative-links',
          // No public repository yet: README images are inlined as data: URIs (inlineReadmeImages).
          '--allow-missing-repository',
          '--out',
          tmpVsix,
        ],
        stage,
      );
      mkdirSync(dirname(VSIX), { recursive: true });
      cpSync(tmpVsix, `${VSIX}.tmp`);
      renameSync(`${VSIX}.tmp`, VSIX);
      log(`[package] ${VSIX} (${(statSync(VSIX).size / 1024).toFixed(0)} KB) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return VSIX;
    } finally {
      rmSync(stage, { recursive: true, force: true });
    }
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  ensureVsix({ force: !process.argv.includes('--if-stale') }).catch((e) => {
    console.error(`[package] ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  });
}
