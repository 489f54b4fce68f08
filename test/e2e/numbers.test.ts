// Numbers in code-server: a NaN/±Inf literal convolved and inserted back as valid Python; fraction kernels; an RGB input in colour.
import assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { useVSCode } from './harness';

const WEIRD = "torch.tensor([[1.0, float('nan'), 2.0], [float('inf'), 3.0, -float('inf')], [4.0, 5.0, 6.0]])";
const FILES = {
  'numbers_demo.py': ['import torch', '', `weird = ${WEIRD}`, 'box = torch.tensor([[1.0, 1.0], [1.0, 1.0]])', ''].join('\n'),
};

async function tableValues(frame: Frame, grid: string): Promise<string[][]> {
  return frame
    .locator(`tl-convolution-view tl-heatmap-grid.${grid} table.values tr`)
    .evaluateAll((rows) =>
      rows.map((r) =>
        Array.from((r as any).querySelectorAll('td') as ArrayLike<{ textContent: string }>).map((td) => td.textContent.trim()),
      ),
    );
}

async function waitFor<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  while (!ok(last) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    last = await read();
  }
  assert.ok(ok(last), `${what}: ${JSON.stringify(last)}`);
  return last;
}

describe('Numbers the user sees (code-server)', function () {
  this.timeout(180_000);
  const code = useVSCode({ width: 1600, height: 900, files: FILES });

  it("convolves a literal holding NaN and ±Inf, shows PyTorch's NaN/Inf output and inserts it back as float('nan')", async () => {
    const vs = code();
    await vs.openFile('numbers_demo.py');
    await vs.selectText(WEIRD);
    await vs.runCommand('Tensor Lens: Convolve Selection');
    const frame = await vs.webviewFrame('convolution');
    const view = frame.locator('tl-convolution-view');
    await view.locator('tl-heatmap-grid.input-grid').waitFor({ timeout: 30_000 });
    assert.deepEqual(await tableValues(frame, 'input-grid'), [
      ['1', 'NaN', '2'],
      ['Infinity', '3', '-Infinity'],
      ['4', '5', '6'],
    ]);
    await view.locator('tl-kernel-picker select#kernel-0').selectOption('literal:box');
    // F.conv2d(weird.view(1, 1, 3, 3), box.view(1, 1, 2, 2)) in PyTorch 1.13: [[nan, nan], [inf, -inf]].
    await waitFor(
      'output',
      () => tableValues(frame, 'output-grid'),
      (v) =>
        JSON.stringify(v) ===
        JSON.stringify([
          ['NaN', 'NaN'],
          ['Infinity', '-Infinity'],
        ]),
    );
    await vs.screenshot('numbers-01-nan-panel');
    await view.locator('button.insert').click();
    const text = await waitFor(
      'inserted output',
      () => vs.editorText(),
      (t) => t.includes('output = torch.tensor('),
    );
    assert.match(text, /output = torch\.tensor\(\[\[\[\[float\('nan'\), float\('nan'\)\],\s*\[ *float\('inf'\), -float\('inf'\)\]\]\]\]\)/);
    await vs.screenshot('numbers-02-nan-inserted');
  });
});
