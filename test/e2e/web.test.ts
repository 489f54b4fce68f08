// Tensor Lens in code-server's web worker extension host (the "browser" entry): the features a user of VS Code for the Web gets.
import assert from 'node:assert/strict';
import { useVSCode } from './harness';

/** Moves the extension from the Node host to the web worker host, as a user setting (the manifest's extensionKind stays). */
const WEB_HOST = { 'remote.extensionKind': { 'tensor-lens.tensor-lens': ['ui'] } };

describe('Tensor Lens on the web (code-server web worker host)', function () {
  this.timeout(180_000);
  const code = useVSCode({ width: 1600, height: 900, settings: WEB_HOST });

  it('probe', async () => {
    const vs = code();
    await vs.openFile('conv2d_intro.py');
    await vs.runCommand('Developer: Show Running Extensions');
    await vs.page.waitForTimeout(5000);
    await vs.screenshot('web-probe-running');
    const text = await vs.page.locator('.runtime-extensions-editor').innerText();
    console.log(text.slice(0, 3000));
    const log = await vs.readOutputChannel('Tensor Lens', /activated/);
    console.log(log);
    assert.ok(true);
  });
});
