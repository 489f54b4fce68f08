// `npm run demo`: builds and packages Tensor Lens, then serves it in code-server on http://127.0.0.1:8080 opened on examples/.
// `npm run demo -- --desktop` opens a desktop `code` with --extensionDevelopmentPath instead.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, ensureVsix } from './package.mjs';
import { cacheRoot, installCodeServer } from './install-code-server.mjs';
import {
  QUIET_SETTINGS,
  installUnpackedExtension,
  installVsix,
  startCodeServer,
  writeServerConfig,
  writeUserSettings,
} from './code-server.mjs';

const EXAMPLES = join(ROOT, 'examples');

function ensureNodeModules() {
  const installed = join(ROOT, 'node_modules', '.package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(join(ROOT, 'package-lock.json')).mtimeMs) return;
  console.log('[demo] npm ci …');
  if (spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit' }).status !== 0) throw new Error('npm ci failed');
}

function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

function desktop() {
  const code = which('code');
  if (!code)
    throw new Error('`code` is not on PATH: install VS Code (or run `npm run demo` without --desktop to use code-server in the browser).');
  console.log('[demo] building (development, with source maps) …');
  if (spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' }).status !== 0) throw new Error('build failed');
  console.log(`[demo] ${code} --extensionDevelopmentPath=${ROOT} ${EXAMPLES}`);
  const r = spawnSync(code, ['--new-window', `--extensionDevelopmentPath=${ROOT}`, EXAMPLES], { stdio: 'inherit' });
  process.exit(r.status ?? 0);
}

async function browser() {
  const port = Number(process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`PORT must be a port number, got '${process.env.PORT}'`);
  const bin = installCodeServer();
  const vsix = await ensureVsix();
  // One demo profile in the cache folder (TENSOR_LENS_DEMO_HOME to use another): settings are rewritten each start.
  const home = process.env.TENSOR_LENS_DEMO_HOME ?? join(cacheRoot(), 'demo');
  mkdirSync(home, { recursive: true });
  const dirs = {
    userDataDir: join(home, 'user-data'),
    extensionsDir: join(home, 'extensions'),
    config: join(home, 'config.yaml'),
    logFile: join(home, 'code-server.log'),
  };
  writeServerConfig(dirs.config);
  writeUserSettings(dirs.userDataDir, { ...QUIET_SETTINGS, 'window.restoreWindows': 'all' });
  installVsix(bin, vsix, dirs);
  // code-server has no Python debugger offline: a small bridge (debugger type 'debugpy' over `python3 -m debugpy`) stands in.
  installUnpackedExtension(join(ROOT, 'test', 'e2e', 'fixtures', 'debugpy-attach'), dirs);
  // Nor the Jupyter extension: a bridge with its id runs notebook cells in a real ipykernel and shares it like the real one.
  installUnpackedExtension(join(ROOT, 'test', 'e2e', 'fixtures', 'jupyter-kernels'), dirs);
  let server;
  try {
    server = await startCodeServer(bin, dirs, port, { killOnSignal: false });
  } catch (e) {
    throw new Error(`${e.message}\nIs port ${port} already in use? Choose another one: PORT=8081 npm run demo`);
  }
  const url = `${server.url}/?folder=${encodeURIComponent(EXAMPLES)}`;
  console.log(
    `\nTensor Lens demo is running (code-server log: ${dirs.logFile}).\n\n    ${url}\n\nOpen conv2d_intro.py, select a tensor literal and run "Tensor Lens: Convolve Selection" (F1);\nthe Tensor Lens icon in the activity bar opens the Training view.\nLive tensors (needs python3 with torch and debugpy): open live_tensors_demo.py, set a breakpoint, press F5, then hover x.\nNotebook tensors (needs python3 with torch and ipykernel): open live_tensors_notebook.ipynb, Run All, then hover features.\nPress Ctrl+C to stop.\n`,
  );
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\n[demo] stopping code-server …');
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`[demo] code-server exited (${signal ?? code}); see ${dirs.logFile}`);
    process.exit(1);
  });
}

try {
  ensureNodeModules();
  if (process.argv.includes('--desktop')) desktop();
  else await browser();
} catch (e) {
  console.error(`[demo] ${e instanceof Error ? e.message : e}`);
  process.exit(1);
}
