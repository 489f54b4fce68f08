// `npm test`: installs what is missing, builds, packages, then runs the unit, webview and e2e layers with mocha and sums them up.
// Usage: node scripts/test.mjs [unit] [webview] [e2e] [--no-typecheck]   (no layer names = all layers, plus typecheck and lint)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, ensureVsix } from './package.mjs';
import { installCodeServer } from './install-code-server.mjs';
import { parseMochaSummary } from './mocha-summary.mjs';

const LAYERS = {
  unit: { glob: 'test/unit/**/*.test.ts', timeout: 20_000, needs: [] },
  webview: { glob: 'test/webview/**/*.test.ts', timeout: 60_000, needs: ['build', 'chromium'] },
  e2e: { glob: 'test/e2e/**/*.test.ts', timeout: 180_000, needs: ['chromium', 'code-server', 'vsix'] },
};

const args = process.argv.slice(2);
const chosen = args.filter((a) => !a.startsWith('--'));
for (const name of chosen) {
  if (!(name in LAYERS)) {
    console.error(`unknown test layer '${name}' (expected: ${Object.keys(LAYERS).join(', ')})`);
    process.exit(2);
  }
}
const layers = chosen.length > 0 ? chosen : Object.keys(LAYERS);
const typecheck = chosen.length === 0 && !args.includes('--no-typecheck');
const needs = new Set(layers.flatMap((l) => LAYERS[l].needs));

function step(title) {
  console.log(`\n━━ ${title}`);
}

function ensureNodeModules() {
  const installed = join(ROOT, 'node_modules', '.package-lock.json');
  const lock = join(ROOT, 'package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  step('npm ci (node_modules missing or older than package-lock.json)');
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm ci failed');
}

function chromiumPath() {
  return process.env.CHROME_PATH ?? '/usr/bin/chromium';
}

function ensureChromium() {
  if (existsSync(chromiumPath())) return;
  const how = process.env.CHROME_PATH
    ? `CHROME_PATH is set to ${process.env.CHROME_PATH}, which does not exist.`
    : '/usr/bin/chromium is missing and CHROME_PATH is not set.';
  throw new Error(
    `${how}\nThe webview and e2e tests drive Chromium with playwright-core. Install it with:\n` +
      '    sudo apt-get install -y chromium\n' +
      'or point CHROME_PATH at any Chromium/Chrome binary:  CHROME_PATH=/path/to/chrome npm test',
  );
}

function runMocha(layer) {
  const { glob, timeout } = LAYERS[layer];
  const mocha = join(ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js');
  return new Promise((resolveRun) => {
    const child = spawn(
      process.execPath,
      [mocha, '--config', '.mocharc.json', '--forbid-only', '--forbid-pending', '--timeout', String(timeout), '--color', glob],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      out += d;
      process.stderr.write(d);
    });
    child.on('close', (code) => resolveRun({ code: code ?? 1, ...parseMochaSummary(out) }));
  });
}

async function main() {
  const started = Date.now();
  ensureNodeModules();
  if (needs.has('chromium')) ensureChromium();
  if (needs.has('code-server')) {
    step('code-server cache');
    console.log(installCodeServer());
  }
  let failures = 0;
  let typecheckFailed = false;
  let lintFailed = false;
  if (typecheck) {
    step('typecheck');
    typecheckFailed = spawnSync('npm', ['run', '--silent', 'typecheck'], { cwd: ROOT, stdio: 'inherit' }).status !== 0;
    if (typecheckFailed) failures++;
    console.log(typecheckFailed ? 'typecheck FAILED' : 'typecheck clean');
    step('lint (eslint + prettier --check)');
    lintFailed = spawnSync('npm', ['run', '--silent', 'lint'], { cwd: ROOT, stdio: 'inherit' }).status !== 0;
    if (lintFailed) failures++;
    console.log(lintFailed ? 'lint FAILED' : 'lint clean');
  }
  if (needs.has('build')) {
    step('build');
    const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('build failed');
  }
  if (needs.has('vsix')) {
    step('package .vsix');
    await ensureVsix({ force: true });
  }
  let passed = 0;
  const lines = [];
  for (const layer of layers) {
    step(`${layer} tests (${LAYERS[layer].glob})`);
    const r = await runMocha(layer);
    // A layer that crashed before mocha's summary (syntax error, missing file), or ran no test at all, counts as one failure.
    const crashed = r.code !== 0 && r.failed === 0;
    const empty = r.passed + r.failed === 0;
    const failed = r.failed + (crashed || empty ? 1 : 0);
    passed += r.passed;
    failures += failed;
    lines.push(
      `  ${layer.padEnd(8)} ${r.passed} passed, ${failed} failed${r.pending ? `, ${r.pending} pending` : ''}${crashed ? ' (mocha exited with an error)' : empty ? ' (no test ran: counted as a failure)' : ''}`,
    );
  }
  step(`summary (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  console.log(lines.join('\n'));
  if (typecheckFailed) console.log('  typecheck FAILED (counted as one failure)');
  if (lintFailed) console.log('  lint FAILED (counted as one failure)');
  console.log(`${passed} passed, ${failures} failed`);
  process.exit(failures > 0 ? 1 : 0);
}

main().catch((e) => {
  console.error(`\n${e instanceof Error ? e.message : e}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
