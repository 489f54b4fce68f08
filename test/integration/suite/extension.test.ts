// Integration checks from inside the extension host: activation, commands, Convolution panel, Training view, activation log.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'tensor-lens.tensor-lens';

async function until<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function findFiles(dir: string, name: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return findFiles(path, name);
    return entry === name ? [path] : [];
  });
}

describe('Tensor Lens in the extension host', () => {
  let editor: vscode.TextEditor;

  before(async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the examples workspace is open');
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'conv2d_intro.py'));
    editor = await vscode.window.showTextDocument(doc);
  });

  it('activates when a Python file is opened', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    await until(() => (ext.isActive ? true : undefined), 'activation');
  });

  it('registers its commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['tensorLens.convolveSelection', 'tensorLens.trainExample', 'tensorLens.showLog'])
      assert.ok(commands.includes(id), id);
  });

  it('opens the Convolution panel for a selected literal', async () => {
    const text = editor.document.getText();
    const start = text.indexOf('[', text.indexOf('kernel_tensor = torch.tensor('));
    const end = text.indexOf('], dtype', start) + 1;
    editor.selection = new vscode.Selection(editor.document.positionAt(start), editor.document.positionAt(end));
    await vscode.commands.executeCommand('tensorLens.convolveSelection');
    const tab = await until(
      () =>
        vscode.window.tabGroups.all
          .flatMap((g) => g.tabs)
          .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('tensorLens.convolution')),
      'the Convolution webview tab',
    );
    assert.equal(tab.label, 'Convolution');
  });

  it('shows the Training view', async () => {
    await vscode.commands.executeCommand('tensorLens.training.focus');
  });

  it('logs its activation time to the Tensor Lens output channel, under 200 ms', async () => {
    await vscode.commands.executeCommand('tensorLens.showLog');
    const userData = process.env.TENSOR_LENS_USER_DATA ?? '';
    const line = await until(() => {
      for (const file of findFiles(join(userData, 'logs'), 'Tensor Lens.log')) {
        const m = /Tensor Lens activated in ([\d.]+) ms/.exec(readFileSync(file, 'utf8'));
        if (m) return m;
      }
      return undefined;
    }, 'the activation line in Tensor Lens.log');
    assert.ok(Number(line[1]) <= 200, `activation took ${line[1]} ms`);
  });
});
