// Binds the literal parser (src/literals) to a document's language and the tensorLens.maxElements limit.
import { literalAt, literalsInDocument, parseSelection } from '../core/literals/index';
import type { LiteralLanguage } from '../core/literals/types';
import type { LiteralFinder } from './selection-request';

export function literalLanguage(languageId: string): LiteralLanguage {
  switch (languageId) {
    case 'python':
      return 'python';
    case 'javascript':
    case 'javascriptreact':
      return 'javascript';
    case 'typescript':
    case 'typescriptreact':
      return 'typescript';
    case 'json':
    case 'jsonc':
      return 'json';
    default:
      return 'auto';
  }
}

export function finderFor(languageId: string, maxElements?: number): LiteralFinder {
  const opts = { language: literalLanguage(languageId), maxElements };
  return {
    parseSelection(text) {
      const r = parseSelection(text, opts);
      return [...r.literals, ...r.errors];
    },
    literalAt: (text, offset) => literalAt(text, offset, opts) ?? null,
    literalsInDocument: (text) => literalsInDocument(text, opts),
  };
}
