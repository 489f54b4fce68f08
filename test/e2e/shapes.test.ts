// Shape flow e2e: in a real VS Code, a model file shows inlay hints per forward line, a CodeLens on forward, PyTorch's
// error on the nn.Linear line in the Problems panel, and the Quick Fix that repairs it (one undo brings it back).
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useVSCode, type VSCodeSession } from './harness';
import { FC1_LINE, MESSAGE, MODEL, renderedLine, waitForLine } from './shape-steps';

/** Cell editors of a notebook live in an overlay outside the editor part; the workbench may keep a hidden one too. */
const NOTEBOOK = '.notebook-editor:visible .cell-editor-container .monaco-editor';

const NOTEBOOK_JSON = JSON.stringify({
  cells: [
    ['import torch', 'import torch.nn as nn', 'import torch.nn.functional as F'],
    [
      'class Small(nn.Module):',
      '    def __init__(self):',
      '        super().__init__()',
      '        self.conv = nn.Conv2d(1, 8, 3)',
      '        self.fc = nn.Linear(5000, 10)',
      '',
      '    def forward(self, x):',
      '        x = F.relu(self.conv(x))',
      '        x = x.view(x.size(0), -1)',
      '        return self.fc(x)',
    ],
    ['model = Small()', 'images = torch.zeros(2, 1, 28, 28)', 'logits = model(images)'],
  ].map((lines, i) => ({
    cell_type: 'code',
    execution_count: null,
    metadata: {},
    outputs: [],
    source: lines.map((l, k) => (k < lines.length - 1 ? `${l}\n` : l)),
    id: `cell-${i}`,
  })),
  metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' }, language_info: { name: 'python' } },
  nbformat: 4,
  nbformat_minor: 5,
});

/** Rows of the Problems panel as text. */
async function problems(vs: VSCodeSession): Promise<string> {
  const view = vs.page.locator('.part.panel .markers-panel');
  return (await view.innerText()).replace(/\u00a0/g, ' ');
}

describe('Shape flow (code-server)', function () {
  this.timeout(180_000);
  const code = useVSCode({ files: { 'mnist_net.py': MODEL, 'small.ipynb': NOTEBOOK_JSON } });

  it('shows the shape of each forward line as an inlay hint and the model on a CodeLens', async () => {
    const vs = code();
    await vs.openFile('mnist_net.py');
    assert.match(await waitForLine(vs.page, 'x = F.relu(self.conv1(x))', /\[4, 32, 26, 26\]/), /x: \[4, 32, 26, 26\]/);
    assert.match(await renderedLine(vs.page, 'x = F.max_pool2d(x, 2)'), /x: \[4, 64, 12, 12\]/);
    assert.match(await renderedLine(vs.page, 'x = torch.flatten(x, 1)'), /x: \[4, 9216\]/);
    // The failing line and the lines after it have no shape: nothing is guessed past PyTorch's error.
    assert.doesNotMatch(await renderedLine(vs.page, 'x = self.fc1(x)'), /x: \[/);
    const lens = vs.page.locator('.editor-group-container.active .codelens-decoration').filter({ hasText: MESSAGE }).first();
    await lens.waitFor({ timeout: 45_000 });
    assert.match(await lens.innerText(), new RegExp(`\\[4, 1, 28, 28\\] → ✗ line ${FC1_LINE}: mat1 and mat2`));
    await vs.screenshot('shapes-01-hints-and-lens');
  });

  it("puts PyTorch's message on the fc1 line in the Problems panel", async () => {
    const vs = code();
    await vs.page.locator('.editor-group-container.active .squiggly-error').first().waitFor({ timeout: 45_000 });
    await vs.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
    await vs.page.locator('.part.panel .markers-panel').getByText(MESSAGE).first().waitFor({ timeout: 45_000 });
    const text = await problems(vs);
    assert.match(text, /mnist_net\.py/);
    assert.match(text, new RegExp(`${MESSAGE.replace(/[()]/g, '\\$&')}[\\s\\S]*\\[Ln ${FC1_LINE}, Col 9\\]`));
    await vs.screenshot('shapes-02-problems');
  });

  it('applies the Quick Fix "Change in_features to 9216": the error goes, the shapes flow on; one undo brings it back', async () => {
    const vs = code();
    await vs.goTo(FC1_LINE, 12);
    await vs.page.keyboard.press('Control+.');
    const action = vs.page.locator('.action-widget .monaco-list-row', { hasText: 'Change in_features to 9216' }).first();
    await action.waitFor({ timeout: 45_000 });
    // The README's picture (npm run docs:images): hints, the CodeLens, the squiggle, the Problems panel and the Quick Fix.
    await vs.screenshot('shapes-03-quick-fix');
    // The focused row of the lightbulb menu is ours (asserted above by its text); Enter applies it like a user would.
    assert.match((await action.getAttribute('class')) ?? '', /focused/);
    await vs.page.keyboard.press('Enter');
    assert.match(await waitForLine(vs.page, 'self.fc1 = nn.Linear(', /9216/), /self\.fc1 = nn\.Linear\(9216, 128\)/);
    assert.match(await waitForLine(vs.page, 'x = self.fc1(x)', /x: \[4, 128\]/), /x: \[4, 128\]/);
    const lens = vs.page.locator('.editor-group-container.active .codelens-decoration').filter({ hasText: '1,199,882 parameters' }).first();
    await lens.waitFor({ timeout: 45_000 });
    assert.match(await lens.innerText(), /\[4, 1, 28, 28\] → \[4, 10\] · 1,199,882 parameters/);
    await vs.page.locator('.part.panel .markers-panel').getByText(MESSAGE).waitFor({ state: 'detached', timeout: 45_000 });
    assert.doesNotMatch(await problems(vs), /mat1 and mat2/);
    await vs.screenshot('shapes-04-fixed');

    await vs.goTo(FC1_LINE, 12);
    await vs.page.keyboard.press('Control+Z');
    assert.match(await waitForLine(vs.page, 'self.fc1 = nn.Linear(', /9200/), /self\.fc1 = nn\.Linear\(9200, 128\)/);
    await vs.page.locator('.part.panel .markers-panel').getByText(MESSAGE).first().waitFor({ timeout: 45_000 });
    assert.doesNotMatch(await renderedLine(vs.page, 'x = self.fc1(x)'), /x: \[/);
  });

  it('the nn.Linear hover shows the input that layer gets in this model and the error it raises', async () => {
    const vs = code();
    await vs.goTo(12, 1);
    const hover = await vs.hoverAt('nn.Linear(9200, 128)');
    await hover.getByText('mat1 and mat2', { exact: false }).first().waitFor({ timeout: 15_000 });
    const text = (await hover.innerText()).replace(/\u00a0/g, ' ');
    assert.match(text, new RegExp(`in Net \\(fc1\\): input \\[4, 9216\\] → .*RuntimeError: ${MESSAGE.replace(/[()]/g, '\\$&')}`));
    assert.match(text, /Quick Fix: Change in_features to 9216/);
    await vs.screenshot('shapes-05-layer-hover');
    await vs.page.mouse.move(5, 5);
    await vs.page.keyboard.press('Escape');
  });

  it('tensorLens.shapes.* set to false remove the hints, the CodeLens and the diagnostic; removing them brings all back', async () => {
    const vs = code();
    const dir = join(vs.workspace, '.vscode');
    mkdirSync(dir, { recursive: true });
    const settings = join(dir, 'settings.json');
    const lenses = vs.page.locator('.editor-group-container.active .codelens-decoration').filter({ hasText: 'Set input shape' });
    const message = vs.page.locator('.part.panel .markers-panel').getByText(MESSAGE);
    await lenses.first().waitFor({ timeout: 45_000 });
    writeFileSync(
      settings,
      JSON.stringify({
        'tensorLens.shapes.inlayHints': false,
        'tensorLens.shapes.codeLens': false,
        'tensorLens.shapes.diagnostics': false,
      }),
    );
    await waitForLine(vs.page, 'x = F.relu(self.conv1(x))', /^\s*x = F\.relu\(self\.conv1\(x\)\)\s*$/);
    await lenses.first().waitFor({ state: 'detached', timeout: 45_000 });
    await message.first().waitFor({ state: 'detached', timeout: 45_000 });
    await vs.screenshot('shapes-06-switched-off');
    rmSync(settings);
    await waitForLine(vs.page, 'x = F.relu(self.conv1(x))', /x: \[4, 32, 26, 26\]/);
    await lenses.first().waitFor({ timeout: 45_000 });
    await message.first().waitFor({ timeout: 45_000 });
  });

  it("a notebook: the model in one cell, its input in another — hints and the diagnostic land in the model's cell", async () => {
    const vs = code();
    await vs.page.locator('.explorer-folders-view .monaco-list-row[aria-label="small.ipynb"]').first().click();
    await vs.page.locator('.tabs-container .tab.active[data-resource-name="small.ipynb"]').waitFor({ timeout: 45_000 });
    assert.match(await waitForLine(vs.page, 'x = F.relu(self.conv(x))', /x: \[2, 8, 26, 26\]/, NOTEBOOK), /x: \[2, 8, 26, 26\]/);
    assert.match(await renderedLine(vs.page, 'x = x.view(x.size(0), -1)', NOTEBOOK), /x: \[2, 5408\]/);
    const message = 'mat1 and mat2 shapes cannot be multiplied (2x5408 and 5000x10)';
    await vs.page.locator('.part.panel .markers-panel').getByText(message).first().waitFor({ timeout: 45_000 });
    assert.match(
      await problems(vs),
      /small\.ipynb[\s\S]*mat1 and mat2 shapes cannot be multiplied \(2x5408 and 5000x10\)[\s\S]*\[Ln 10, Col 9\]/,
    );
    // The visible lens: a hidden notebook editor's lens can match the text yet render none (innerText '').
    const lens = vs.page.locator('.notebook-editor:visible .codelens-decoration:visible').filter({ hasText: message }).first();
    await lens.waitFor({ timeout: 45_000 });
    assert.match(await lens.innerText(), /\[2, 1, 28, 28\] → ✗ cell 2, line 10: mat1 and mat2/);
    await vs.screenshot('shapes-08-notebook');
  });

  it('"Set input shape…" on the tutorial\'s CNN.forward: the shapes follow the shape typed', async () => {
    const vs = code();
    await vs.openFile('conv2d_intro.py');
    const line =
      vs
        .readWorkspaceFile('conv2d_intro.py')
        .split('\n')
        .findIndex((l) => l.includes('def forward(self, x):')) + 1;
    await vs.goTo(line, 1);
    const lens = vs.page.locator('.editor-group-container.active .codelens-decoration').filter({ hasText: 'needs an input shape' }).first();
    await lens.waitFor({ timeout: 45_000 });
    // The lens names the expression that stopped the search: `image` is the training loop's variable.
    assert.match(await lens.innerText(), /shapes: needs an input shape \(model\(image\) on line \d+: .*"image".*\) · 3,870 parameters/);
    await lens.locator('a', { hasText: 'Set input shape…' }).click();
    const input = vs.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor();
    await input.fill('10x10');
    await vs.page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden' });
    assert.match(
      await waitForLine(vs.page, 'image_tensor = x.view(1, 1, 10, 10)', /image_tensor: \[1, 1, 10, 10\]/),
      /image_tensor: \[1, 1, 10, 10\]/,
    );
    assert.match(await renderedLine(vs.page, 'output = self.relu(self.conv1(image_tensor))'), /output: \[1, 10, 6, 6\]/);
    assert.match(await renderedLine(vs.page, 'return self.linear(output.view(1, -1))'), /→ \[1, 10\]/);
    const summary = vs.page.locator('.editor-group-container.active .codelens-decoration').filter({ hasText: '[10, 10] →' }).first();
    await summary.waitFor({ timeout: 45_000 });
    assert.match(await summary.innerText(), /\[10, 10\] → \[1, 10\] · 3,870 parameters/);
    await vs.screenshot('shapes-07-set-input-shape');
  });
});
