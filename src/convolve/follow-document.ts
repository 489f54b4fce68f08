// Re-reads the followed literal from an edited document: its new values, title and the file's kernel candidates.
import * as vscode from 'vscode';
import type { KernelCandidate, WireTensor } from '../core/protocol/convolution';
import { refind, type Followed } from './follow-literal';
import { finderFor } from './literal-finder';
import { kernelCandidates, lineColumn } from './selection-request';
import type { TensorLiteral } from '../core/literals/types';

export interface FollowResult {
  literal: Followed;
  title: string;
  input: WireTensor;
  candidates: KernelCandidate[];
}

export function maxElements(): number {
  return vscode.workspace.getConfiguration('tensorLens').get<number>('maxElements') ?? 16_777_216;
}

/** The followed literal after an edit, or an error message with its location (the panel keeps the last good tensor). */
export function followEdit(doc: vscode.TextDocument, followed: Followed): FollowResult | { error: string } {
  const text = doc.getText();
  const finder = finderFor(doc.languageId, maxElements());
  const file = vscode.workspace.asRelativePath(doc.uri);
  const found = refind(finder, text, followed);
  if (!found) return { error: `${file}: the literal ${followed.name ? `${followed.name} ` : ''}is gone` };
  if (found.kind === 'error') {
    const at = lineColumn(text, found.range.start);
    return { error: `${file}:${at.line}:${at.column}: ${found.message}` };
  }
  const line = lineColumn(text, found.range.start).line;
  const all = finder.literalsInDocument(text).filter((l): l is TensorLiteral => l.kind === 'tensor');
  return {
    literal: { range: found.range, name: found.name ?? followed.name },
    title: (found.name ?? followed.name) ? `${found.name ?? followed.name} (${file}:${line})` : `${file}:${line}`,
    input: { shape: [...found.shape], data: Array.from(found.data) },
    candidates: kernelCandidates(text, all, found),
  };
}
