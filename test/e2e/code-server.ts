// Starts and stops a throwaway code-server (own process group, free port, temp user-data and extensions dirs).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** Settings that keep the workbench quiet: no trust prompt, welcome page, tips, update or chat popups. */
export const QUIET_SETTINGS: Record<string, unknown> = {
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

export interface CodeServerProcess {
  port: number;
  url: string;
  child: ChildProcess;
  logFile: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
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

export function writeUserSettings(userDataDir: string, settings: Record<string, unknown>): void {
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
}

function baseArgs(dirs: { userDataDir: string; extensionsDir: string; config: string }): string[] {
  return ['--config', dirs.config, '--user-data-dir', dirs.userDataDir, '--extensions-dir', dirs.extensionsDir];
}

export function installVsix(bin: string, vsix: string, dirs: { userDataDir: string; extensionsDir: string; config: string }): void {
  const r = spawnSync(bin, [...baseArgs(dirs), '--force', '--install-extension', vsix], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0 || !/successfully installed/i.test(r.stdout + r.stderr)) {
    throw new Error(`installing ${vsix} into code-server failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
}

/** Starts code-server and resolves once /healthz answers; retries on another port if the chosen one was taken. */
export async function startCodeServer(bin: string, dirs: { userDataDir: string; extensionsDir: string; config: string; logFile: string }, port?: number): Promise<CodeServerProcess> {
  for (let attempt = 0; ; attempt++) {
    const chosen = port ?? (await freePort());
    const log = createWriteStream(dirs.logFile, { flags: 'a' });
    const child = spawn(
      bin,
      [...baseArgs(dirs), '--auth', 'none', '--bind-addr', `127.0.0.1:${chosen}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened'],
      { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PORT: String(chosen) } },
    );
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    const stop = () => killGroup(child);
    const exitGuard = () => killGroupSync(child);
    process.once('exit', exitGuard);
    const url = `http://127.0.0.1:${chosen}`;
    const ok = await waitForHealth(url, child, 60_000);
    if (ok) {
      return {
        port: chosen,
        url,
        child,
        logFile: dirs.logFile,
        stop: async () => {
          process.removeListener('exit', exitGuard);
          await stop();
        },
      };
    }
    process.removeListener('exit', exitGuard);
    await stop();
    const tail = readFileSync(dirs.logFile, 'utf8').slice(-2000);
    if (port !== undefined || attempt >= 2 || !/EADDRINUSE/.test(tail)) throw new Error(`code-server did not start on port ${chosen}:\n${tail}`);
  }
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

function killGroupSync(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** SIGTERM to code-server's own process group, SIGKILL if it lingers. */
export async function killGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 5000));
  await Promise.race([exited, timer]);
  // The extension host and file watcher share the group; make sure none outlives the server.
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // group already empty
  }
  await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
}
