// Installs code-server 4.100.3 offline-friendly into a cache folder outside the repo, once; reused afterwards.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
const RIPGREP_CACHE = 'vscode-ripgrep-cache-1.15.11';
const RIPGREP_ARCHIVE = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

export function cacheRoot() {
  return resolve(process.env.TENSOR_LENS_CACHE ?? join(homedir(), '.cache', 'tensor-lens'));
}

export function codeServerDir() {
  return join(cacheRoot(), `code-server-${CODE_SERVER_VERSION}`);
}

export function codeServerBin() {
  return join(codeServerDir(), 'node_modules', '.bin', 'code-server');
}

const markerFile = () => join(codeServerDir(), '.tensor-lens-install-complete');

/** Files that only exist once code-server's postinstall (which builds VS Code's native modules) has run. */
function missingPieces(dir) {
  const cs = join(dir, 'node_modules', 'code-server');
  const vs = join(cs, 'lib', 'vscode');
  const required = [
    join(dir, 'node_modules', '.bin', 'code-server'),
    join(cs, 'out', 'node', 'entry.js'),
    join(vs, 'out', 'server-main.js'),
    join(vs, 'node_modules'),
    join(vs, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg'),
  ];
  return required.filter((p) => !existsSync(p));
}

export function isCodeServerInstalled() {
  return existsSync(markerFile()) && missingPieces(codeServerDir()).length === 0;
}

function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** @vscode/ripgrep downloads from GitHub in its postinstall; seed its cache with the system rg instead. */
function seedRipgrepCache() {
  const rg = which('rg');
  if (!rg) {
    console.warn('[code-server] ripgrep not found on PATH; install it (apt-get install -y ripgrep) for an offline install.');
    return;
  }
  const cacheDir = join(tmpdir(), RIPGREP_CACHE);
  const archive = join(cacheDir, RIPGREP_ARCHIVE);
  if (existsSync(archive)) return;
  mkdirSync(cacheDir, { recursive: true });
  const binDir = rg.slice(0, rg.lastIndexOf('/'));
  const r = spawnSync('tar', ['czf', archive, '-C', binDir, 'rg'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('could not seed the ripgrep cache');
}

export function installCodeServer({ quiet = false } = {}) {
  if (isCodeServerInstalled()) return codeServerBin();
  const dir = codeServerDir();
  console.log(`[code-server] installing code-server@${CODE_SERVER_VERSION} into ${dir} (first run only, ~5 minutes)…`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'tensor-lens-code-server', private: true }, null, 2));
  seedRipgrepCache();
  const env = {
    ...process.env,
    npm_config_yes: 'true',
    // npm 11 no longer knows this option (it warns), but code-server's postinstall.sh refuses to run as root without it.
    npm_config_unsafe_perm: 'true',
    // npm 11 warns "install-scripts … not yet covered by allowScripts" but still runs them; these make sure they run
    // even where ignore-scripts is set, and in the foreground so a failing native build is visible.
    npm_config_ignore_scripts: 'false',
    npm_config_foreground_scripts: 'true',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_update_notifier: 'false',
  };
  const r = spawnSync('npm', ['install', '--prefix', dir, `code-server@${CODE_SERVER_VERSION}`], {
    env,
    stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
  });
  if (r.status !== 0) throw new Error(`npm install code-server@${CODE_SERVER_VERSION} failed (exit ${r.status})`);
  const missing = missingPieces(dir);
  if (missing.length > 0) {
    throw new Error(
      `code-server installed but its postinstall did not complete; missing:\n  ${missing.join('\n  ')}\n` +
        'Check that the build deps are installed: apt-get install -y libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config ripgrep',
    );
  }
  writeFileSync(markerFile(), `${new Date().toISOString()}\n`);
  console.log(`[code-server] ready: ${codeServerBin()}`);
  return codeServerBin();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    installCodeServer();
  } catch (e) {
    console.error(`[code-server] ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  }
}
