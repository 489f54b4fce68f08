// Choosing the explorer's weights and input: workspace files of the right kinds, the seeded init or the file's own
// literal, a shape for a seeded random input, or any file through the open dialog.
import * as vscode from 'vscode';

export interface Source {
  label: string;
  uri?: vscode.Uri;
  /** A literal or a shape typed by the user. */
  text?: string;
  /** Normalise an image with ImageNet's mean/std. */
  normalize?: boolean;
}

type Item = vscode.QuickPickItem & { source?: Source | null; browse?: boolean; shape?: boolean };

async function workspaceFiles(glob: string): Promise<vscode.Uri[]> {
  return vscode.workspace.findFiles(glob, '**/node_modules/**', 200);
}

const fileItem = (uri: vscode.Uri): Item => ({
  label: uri.path.split('/').pop()!,
  description: vscode.workspace.asRelativePath(uri),
  source: { label: uri.path.split('/').pop()!, uri },
});

/** A state-dict file, or null for the seeded fresh init; undefined when cancelled. */
export async function pickWeights(near: vscode.Uri): Promise<Source | null | undefined> {
  const files = await workspaceFiles('**/*.{pt,pth,safetensors,npz,bin}');
  const items: Item[] = [
    { label: '$(refresh) Fresh init (seed 0)', description: "PyTorch's default init rules", source: null },
    ...files.map(fileItem),
    { label: '$(folder-opened) Browse…', browse: true },
  ];
  const pick = await vscode.window.showQuickPick(items, { title: 'Weights for the explorer (a state dict)', matchOnDescription: true });
  if (!pick) return undefined;
  if (pick.browse) return browse(near, { 'State dict': ['pt', 'pth', 'safetensors', 'npz', 'bin'] });
  return pick.source;
}

/** An image or tensor file, a shape, or null for the file's own literal; undefined when cancelled. */
export async function pickInput(near: vscode.Uri): Promise<Source | null | undefined> {
  const files = await workspaceFiles('**/*.{png,jpg,jpeg,npy,npz}');
  const items: Item[] = [
    { label: "$(symbol-array) The file's input", description: 'the literal passed to the model', source: null },
    ...files.map(fileItem),
    ...files
      .filter((u) => /\.(png|jpe?g)$/i.test(u.path))
      .map((u) => ({
        ...fileItem(u),
        label: `${fileItem(u).label} (ImageNet normalised)`,
        source: { label: `${fileItem(u).label} (ImageNet normalised)`, uri: u, normalize: true },
      })),
    { label: '$(dashboard) Random input of a shape…', shape: true },
    { label: '$(folder-opened) Browse…', browse: true },
  ];
  const pick = await vscode.window.showQuickPick(items, { title: 'Input for the explorer', matchOnDescription: true });
  if (!pick) return undefined;
  if (pick.browse) return browse(near, { 'Images and tensors': ['png', 'jpg', 'jpeg', 'npy', 'npz', 'pt', 'safetensors'] });
  if (pick.shape) {
    const text = await vscode.window.showInputBox({ prompt: 'Input shape (a seeded torch.rand tensor)', value: '1x3x224x224' });
    return text ? { label: `random ${text}`, text } : undefined;
  }
  return pick.source;
}

async function browse(near: vscode.Uri, filters: Record<string, string[]>): Promise<Source | undefined> {
  const uris = await vscode.window.showOpenDialog({ canSelectMany: false, defaultUri: vscode.Uri.joinPath(near, '..'), filters });
  return uris?.[0] ? { label: uris[0].path.split('/').pop()!, uri: uris[0] } : undefined;
}
