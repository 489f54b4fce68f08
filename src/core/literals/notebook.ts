// Jupyter notebooks: literals in each code cell, with the cell index and ranges relative to the cell's text.
import { errorMessage } from '../error-message';
import { scanDocument } from './locate';
import type { CellLiterals, LiteralError, LiteralLanguage, ParseOptions } from './types';

interface RawCell {
  cell_type?: unknown;
  source?: unknown;
}

/** Finds literals in the code cells of an .ipynb file's JSON text. A file that is not a notebook gives an error. */
export function literalsInNotebook(ipynb: string, opts: ParseOptions = {}): CellLiterals[] | LiteralError {
  let doc: { cells?: unknown; metadata?: { language_info?: { name?: unknown }; kernelspec?: { language?: unknown } } };
  try {
    doc = JSON.parse(ipynb);
  } catch (e) {
    const m = /position (\d+)/.exec(String(e));
    const at = m ? Math.min(Number(m[1]), ipynb.length) : 0;
    return notebookError(ipynb, `not a valid notebook: ${errorMessage(e)}`, at);
  }
  if (!doc || typeof doc !== 'object' || !Array.isArray(doc.cells)) return notebookError(ipynb, 'not a valid notebook: no "cells" list', 0);
  const lang = String(doc.metadata?.language_info?.name ?? doc.metadata?.kernelspec?.language ?? 'python').toLowerCase();
  const language: LiteralLanguage = lang === 'javascript' || lang === 'typescript' ? lang : 'python';
  const cells = (doc.cells as RawCell[]).map((c) => ({
    code: c?.cell_type === 'code',
    text: Array.isArray(c?.source) ? c.source.map(String).join('') : typeof c?.source === 'string' ? c.source : '',
  }));
  return findInCells(cells, { language, ...opts });
}

/** The same for cells given as text (e.g. from VS Code's notebook API); every cell is treated as code. */
export function literalsInCells(cells: string[], opts: ParseOptions = {}): CellLiterals[] {
  return findInCells(
    cells.map((text) => ({ code: true, text })),
    { language: 'python', ...opts },
  );
}

function findInCells(cells: { code: boolean; text: string }[], opts: ParseOptions): CellLiterals[] {
  const out: CellLiterals[] = [];
  cells.forEach((cell, cellIndex) => {
    if (!cell.code) return;
    const literals = scanDocument(cell.text, opts).filter((l) => l.kind !== 'error');
    out.push({ cellIndex, text: cell.text, literals: literals as CellLiterals['literals'] });
  });
  return out;
}

function notebookError(text: string, message: string, at: number): LiteralError {
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  return { kind: 'error', message, range: { start: at, end: Math.min(at + 1, text.length) }, line, column: at - before.lastIndexOf('\n') };
}
