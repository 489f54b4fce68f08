// `npm run test:integration`: runs test/integration/suite inside a downloaded desktop VS Code with @vscode/test-electron.
// Needs network access to download VS Code (not available on our build machines; see CONTRIBUTING.md).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { runTests } from '@vscode/test-electron';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = join(ROOT, 'out', 'integration');

await esbuild.build({
  entryPoints: [join(ROOT, 'test/integration/suite/index.ts'), join(ROOT, 'test/integration/suite/extension.test.ts')],
  outdir: OUT,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});

const base = mkdtempSync(join(tmpdir(), 'tensor-lens-integration-'));
const workspace = join(base, 'workspace');
cpSync(join(ROOT, 'examples'), workspace, { recursive: true });
const userDataDir = join(base, 'user-data');
try {
  await runTests({
    version: process.env.VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: join(OUT, 'index.js'),
    extensionTestsEnv: { TENSOR_LENS_USER_DATA: userDataDir },
    launchArgs: [
      workspace,
      '--disable-extensions',
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      `--user-data-dir=${userDataDir}`,
    ],
  });
} catch (e) {
  console.error(`integration tests failed: ${e instanceof Error ? e.message : e}`);
  process.exitCode = 1;
} finally {
  rmSync(base, { recursive: true, force: true });
}
