// Starts and stops code-server (own process group, free port, given user-data and extensions dirs) for the demo and e2e tests.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** Settings that keep the workbench quiet: no trust prompt, welcome page, tips, update or chat popups. */
export const QUIET_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'security.workspace.trust.startupPrompt': 'never',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.commandCenter.enabled': false,
  'chat.setupFromDialog': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'editor.minimap.enabled': false,
  'editor.wordWrap': 'off',
  'editor.hover.delay': 300,
  'files.autoSave': 'off',
  'window.restoreWindows': 'none',
  'workbench.editor.enablePreview': false,
};

export async function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

export function writeUserSettings(userDataDir, settings) {
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
}

/** Writes an empty-ish config so code-server never reads or writes ~/.config/code-server. */
export function writeServerConfig(file) {
  writeFileSync(file, 'auth: none\ncert: false\n');
}

function baseArgs(dirs) {
  return ['--config', dirs.config, '--user-data-dir', dirs.userDataDir, '--extensions-dir', dirs.extensionsDir];
}

export function installVsix(bin, vsix, dirs) {
  const r = spawnSync(bin, [...baseArgs(dirs), '--force', '--install-extension', vsix], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0 || !/successfully installed/i.test(r.stdout + r.stderr)) {
    throw new Error(`installing ${vsix} into code-server failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
}

/**
 * Copies an unpacked extension folder into the extensions dir and lists it in extensions.json (VS Code loads only listed
 * user extensions). For test-only helpers such as the debugpy bridge, which are never packaged.
 */
export function installUnpackedExtension(folder, dirs) {
  const { publisher, name, version } = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
  const relativeLocation = `${publisher}.${name}-${version}`;
  const target = join(dirs.extensionsDir, relativeLocation);
  cpSync(folder, target, { recursive: true });
  const index = join(dirs.extensionsDir, 'extensions.json');
  const list = existsSync(index) ? JSON.parse(readFileSync(index, 'utf8')) : [];
  const id = `${publisher}.${name}`;
  const entry = {
    identifier: { id },
    version,
    location: { $mid: 1, fsPath: target, external: `file://${target}`, path: target, scheme: 'file' },
    relativeLocation,
    metadata: { installedTimestamp: Date.now(), source: 'vsix' },
  };
  writeFileSync(index, JSON.stringify([...list.filter((e) => e.identifier?.id !== id), entry]));
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Starts code-server and resolves once /healthz answers; with no port given, picks a free one (retrying if it was taken).
 * Unless killOnSignal is false, Ctrl+C or SIGTERM to this process kills the server's process group before exiting
 * (it runs in its own group, so the terminal's signal never reaches it).
 */
export async function startCodeServer(bin, dirs, port, { killOnSignal = true } = {}) {
  for (let attempt = 0; ; attempt++) {
    const chosen = port ?? (await freePort());
    const log = createWriteStream(dirs.logFile, { flags: 'a' });
    const child = spawn(
      bin,
      [
        ...baseArgs(dirs),
        '--auth',
        'none',
        '--bind-addr',
        `127.0.0.1:${chosen}`,
        '--disable-telemetry',
        '--disable-update-check',
        '--disable-workspace-trust',
        '--disable-getting-started-override',
        '--ignore-last-opened',
      ],
      { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PORT: String(chosen) } },
    );
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    const exitGuard = () => killGroupNow(child);
    const signalGuard = (signal) => {
      killGroupNow(child);
      process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGHUP' ? 1 : 15));
    };
    const unguard = () => {
      process.removeListener('exit', exitGuard);
      if (killOnSignal) for (const s of SIGNALS) process.removeListener(s, signalGuard);
    };
    process.once('exit', exitGuard);
    if (killOnSignal) for (const s of SIGNALS) process.once(s, signalGuard);
    const url = `http://127.0.0.1:${chosen}`;
    if (await waitForHealth(url, child, 60_000)) {
      return {
        port: chosen,
        url,
        child,
        logFile: dirs.logFile,
        stop: async () => {
          unguard();
          await killGroup(child);
        },
      };
    }
    unguard();
    await killGroup(child);
    const tail = readFileSync(dirs.logFile, 'utf8').slice(-2000);
    if (port !== undefined || attempt >= 2 || !/EADDRINUSE/.test(tail))
      throw new Error(`code-server did not start on port ${chosen}:\n${tail}`);
  }
}

async function waitForHealth(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    try {
      if ((await fetch(`${url}/healthz`)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

function killGroupNow(child) {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** SIGTERM to code-server's own process group, then SIGKILL to whatever of the group is left (extension host, watchers). */
export async function killGroup(child) {
  if (child.pid === undefined) return;
  const running = child.exitCode === null && child.signalCode === null;
  const exited = running ? new Promise((r) => child.once('exit', r)) : Promise.resolve();
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  killGroupNow(child);
  await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
}
