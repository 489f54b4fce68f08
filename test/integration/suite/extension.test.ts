// Integration checks from inside the extension host: activation, every contributed command, a hover, the Convolution panel, Training view, activation log.
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

  it('registers every command its package.json contributes', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributed = (ext.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
    assert.ok(contributed.length >= 3, `contributes ${contributed.length} commands`);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(
      contributed.filter((id) => !registered.has(id)),
      [],
      'contributed but not registered',
    );
  });

  it("hovers image_tensor's literal with its shape and statistics (VS Code's own hover request)", async () => {
    const text = editor.document.getText();
    const at = editor.document.positionAt(text.indexOf('[1, 1, 1, 1, 1],', text.indexOf('image_tensor = ')) + 3);
    const hovers = await until(async () => {
      const h = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at);
      return h.length ? h : undefined;
    }, 'a hover on image_tensor');
    const markdown = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    // Markdown → plain text: bold, code spans and escapes off.
    const plain = markdown.replace(/[*`\\]/g, '');
    assert.match(plain, /image_tensor · torch\.float32 · shape 1×1×5×5 · min 1 · max 1 · mean 1/);
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

  it('shows the Training view (its focus command exists and runs)', async () => {
    assert.ok((await vscode.commands.getCommands(true)).includes('tensorLens.training.focus'), 'the view is contributed');
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
