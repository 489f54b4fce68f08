// The bench's peers (tfjs, onnxruntime-node) live in bench/package.json, apart from the extension's dependencies: the
// first `npm run bench` installs them into bench/node_modules, and the runners load them from there.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const BENCH_DIR = __dirname;

/** Installs bench/package.json's packages when bench/node_modules is missing or older than bench/package-lock.json. */
export function ensurePeers(): void {
  const installed = path.join(BENCH_DIR, 'node_modules', '.package-lock.json');
  const lock = path.join(BENCH_DIR, 'package-lock.json');
  if (fs.existsSync(installed) && fs.statSync(installed).mtimeMs >= fs.statSync(lock).mtimeMs) return;
  console.log('installing the bench peers (tfjs, onnxruntime-node) into bench/node_modules, once …');
  // onnxruntime-node ships its CPU binary; without this its install script would download GPU builds from the network.
  const env = { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip' };
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: BENCH_DIR, stdio: 'inherit', env });
  if (r.status !== 0) throw new Error('npm ci in bench/ failed: the bench needs its peers (see bench/package.json)');
}
