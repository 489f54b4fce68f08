// Shape flow in the editor: inlay hints, CodeLens, diagnostics with Quick Fixes, and "Set input shape…" for model files
// and notebook cells.
import * as vscode from 'vscode';
import { registerCommand } from '../host/commands';
import { parseShapeText } from '../core/shapes';
import { registerDiagnostics } from './diagnostics';
import { ShapeCodeLenses, ShapeInlayHints } from './providers';
import { ShapeStore, ownerUri } from './store';
import { targetEditor } from '../host/target-editor';

const SELECTOR: vscode.DocumentSelector = [
  { language: 'python', scheme: 'file' },
  { language: 'python', scheme: 'untitled' },
  { language: 'python', scheme: 'vscode-remote' },
  { language: 'python', scheme: 'vscode-notebook-cell' },
];

interface SetInputArgs {
  uri: string;
  className: string;
  current?: number[];
}

export function registerShapes(context: vscode.ExtensionContext): void {
  const store = new ShapeStore(context.workspaceState);
  context.subscriptions.push(
    store,
    vscode.languages.registerInlayHintsProvider(SELECTOR, new ShapeInlayHints(store, context.subscriptions)),
    vscode.languages.registerCodeLensProvider(SELECTOR, new ShapeCodeLenses(store, context.subscriptions)),
    registerCommand('tensorLens.setInputShape', 'Set Input Shape', (args?: SetInputArgs) => askInputShape(store, args)),
    registerCommand('tensorLens.shapes.reveal', 'Go to Line', (uri: vscode.Uri, line: number) => reveal(uri, line)),
  );
  registerDiagnostics(context, store);
}

/** Asks for a shape (`4x1x28x28`) and remembers it for the class; from the palette, the class is picked first. */
async function askInputShape(store: ShapeStore, args?: SetInputArgs): Promise<void> {
  let target = args;
  if (!target?.uri || !target.className) {
    const document = modelDocument(store);
    const view = document && store.shapesOf(document);
    if (!document || !view || view.shapes.models.length === 0) {
      void vscode.window.showInformationMessage('Tensor Lens: open a Python file with an nn.Module class to set its input shape.');
      return;
    }
    const pick =
      view.shapes.models.length === 1
        ? view.shapes.models[0]
        : (
            await vscode.window.showQuickPick(
              view.shapes.models.map((m) => ({
                label: m.className,
                description: m.input ? `[${m.input.shape.join(', ')}]` : 'no input shape',
                m,
              })),
              { placeHolder: 'Which model?' },
            )
          )?.m;
    if (!pick) return;
    target = { uri: ownerUri(document), className: pick.className, current: pick.input?.shape };
  }
  const value = await vscode.window.showInputBox({
    title: `Input shape of ${target.className}`,
    prompt:
      "Sizes as PyTorch prints them, e.g. 4x1x28x28 or [4, 1, 28, 28]. Empty to forget it (then a # input: comment or the file's own call applies).",
    value: target.current ? target.current.join('x') : '1x1x28x28',
    validateInput: (v) =>
      v.trim() === '' || parseShapeText(v) ? undefined : 'Sizes like 4x1x28x28: positive whole numbers separated by x or commas',
  });
  if (value === undefined) return;
  await store.setInputShape(target.uri, target.className, value.trim() === '' ? undefined : parseShapeText(value));
}

/**
 * The document whose models the command is for: the target editor's; with none (a walkthrough or webview in front),
 * the one open Python document that has a model, so a button beside the file still finds it.
 */
function modelDocument(store: ShapeStore): vscode.TextDocument | undefined {
  const editor = targetEditor();
  if (editor) return editor.document;
  const withModels = vscode.workspace.textDocuments.filter(
    (d) => d.languageId === 'python' && (store.shapesOf(d)?.shapes.models.length ?? 0) > 0,
  );
  return withModels.length === 1 ? withModels[0] : undefined;
}

async function reveal(uri: vscode.Uri, line: number): Promise<void> {
  const editor = await vscode.window.showTextDocument(uri, { preserveFocus: false });
  const pos = new vscode.Position(line, editor.document.lineAt(line).firstNonWhitespaceCharacterIndex);
  editor.selection = new vscode.Selection(pos, pos);
  editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
