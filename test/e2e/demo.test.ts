// `npm run demo` as a user runs it: serves VS Code with Tensor Lens on the given PORT, opened on examples/, and stops on Ctrl+C.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../scripts/code-server.mjs';
import { launchChromium } from '../webview/harness';
import { ROOT, RESULTS_DIR } from './harness';
import { findWebviewFrame, runCommand, waitForWorkbench } from './workbench';

describe('npm run demo', function () {
  this.timeout(180_000);
  let demo: ChildProcess | undefined;
  let output = '';
  const home = mkdtempSync(join(tmpdir(), 'tensor-lens-demo-test-'));

  after(async () => {
    if (demo?.exitCode === null) demo.kill('SIGKILL');
    rmSync(home, { recursive: true, force: true });
  });

  it('prints the URL of a VS Code that has the Tensor Lens view and commands, and stops on Ctrl+C', async () => {
    const port = await freePort();
    demo = spawn(process.execPath, [join(ROOT, 'scripts', 'demo.mjs')], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), TENSOR_LENS_DEMO_HOME: home },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    demo.stdout?.on('data', (d) => (output += d));
    demo.stderr?.on('data', (d) => (output += d));
    const url = await new Promise<string>((resolveUrl, reject) => {
      const timer = setInterval(() => {
        const m = new RegExp(`http://127\\.0\\.0\\.1:${port}/\\?folder=\\S+`).exec(output);
        if (m) resolveUrl(m[0]);
        else if (demo?.exitCode !== null) reject(new Error(`demo exited early:\n${output}`));
        else return;
        clearInterval(timer);
      }, 200);
    });
    assert.equal(decodeURIComponent(new URL(url).searchParams.get('folder') ?? ''), join(ROOT, 'examples'));

    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(url);
      await waitForWorkbench(page);
      await page.locator('.activitybar .action-item a[aria-label^="Tensor Lens"]').click();
      await (await findWebviewFrame(page, 'training')).locator('tl-training-view').waitFor();
      await page.keyboard.press('F1');
      await page.locator('.quick-input-widget .quick-input-box input').fill('>Tensor Lens: Convolve Selection');
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Tensor Lens: Convolve Selection' }).first().waitFor();
      await page.screenshot({ path: join(RESULTS_DIR, 'demo-workbench.png') });
      await page.keyboard.press('Escape');
      await runCommand(page, 'Tensor Lens: Show Log');
    } finally {
      await browser.close();
    }

    const exited = new Promise<number | null>((r) => demo?.once('exit', (code) => r(code)));
    demo.kill('SIGINT');
    assert.equal(await exited, 0);
    await assert.rejects(fetch(`http://127.0.0.1:${port}/healthz`), 'code-server is gone after Ctrl+C');
  });
});
