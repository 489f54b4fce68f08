// Answers hovers without vscode: finds the literal under the cursor, composes its Markdown and caches by document version.
import { literalAt, literalsInDocument } from '../core/literals';
import type { HoverAnswer, HoverDocument, HoverEnvironment } from '../core/protocol/hover-worker';
import type { LayerCall, Literal, LiteralError, LiteralLanguage, TensorLiteral } from '../core/literals/types';
import { lineOf, type DocModel } from './layer-inputs';
import { composeLayerHover } from './layer-hover';
import { modelShapeLines } from './model-shapes';
import { analyzeFileCached } from '../core/shapes';
import { escapeMarkdown } from './markdown';
import { tensorStats } from './stats';
import { composeTensorHover, type TensorHoverParts } from './tensor-hover';
import { renderTensorImages, renderTensorImagesInBackground, type TensorImages } from './tensor-images';
import { kernelOffers, tensorLinks } from './tensor-links';
import { yieldToEventLoop } from '../host/platform/timers';

export interface HoverResult {
  answer: HoverAnswer;
  /** Set when images are being prepared: resolves to the complete answer (also cached for the next hover). */
  complete?: Promise<HoverAnswer>;
}

interface DocEntry {
  version: number;
  /** Complete tensor answers (layer answers are recomposed: they may contain tensor literals). */
  answers: HoverAnswer[];
  tensors: TensorLiteral[];
  model?: { model: DocModel; layers: LayerCall[]; cellOffset: number };
  images: Map<string, Promise<TensorImages>>;
}

/** Lets other host work run between chunks of a background render. */
export const yieldToHost = yieldToEventLoop;

export function languageOf(languageId: string): LiteralLanguage {
  if (languageId === 'python') return 'python';
  if (languageId === 'json' || languageId === 'jsonc') return 'json';
  if (languageId === 'javascript' || languageId === 'javascriptreact') return 'javascript';
  if (languageId === 'typescript' || languageId === 'typescriptreact') return 'typescript';
  return 'auto';
}

export class HoverService {
  private readonly docs = new Map<string, DocEntry>();

  constructor(
    private readonly yieldNow: () => Promise<void> = yieldToHost,
    private readonly maxDocs = 16,
  ) {}

  /** Settings, kernel or theme changed: every cached answer is stale. */
  clear(): void {
    this.docs.clear();
  }

  forget(uri: string): void {
    this.docs.delete(uri);
  }

  /** A complete tensor answer already made for this version at this offset. */
  cached(doc: Pick<HoverDocument, 'uri' | 'version'>, offset: number): HoverAnswer | undefined {
    const e = this.docs.get(doc.uri);
    return e?.version === doc.version ? e.answers.find((a) => a.range.start <= offset && offset <= a.range.end) : undefined;
  }

  /** Keeps a complete tensor answer made elsewhere (the hover worker) for the next hover. */
  remember(doc: Pick<HoverDocument, 'uri' | 'version'>, answer: HoverAnswer): void {
    if (answer.kind === 'tensor') this.entry(doc).answers.push(answer);
  }

  provide(doc: HoverDocument, offset: number, env: HoverEnvironment): HoverResult | undefined {
    if (!env.settings.enabled) return undefined;
    const entry = this.entry(doc);
    const cached = entry.answers.find((a) => a.range.start <= offset && offset <= a.range.end);
    if (cached) return { answer: cached };
    // Tensor literals never contain other literals, so a parsed one answers for every offset inside it.
    const found =
      entry.tensors.find((t) => t.range.start <= offset && offset <= t.range.end) ??
      literalAt(doc.text, offset, { language: doc.language, maxElements: env.parseMaxElements });
    if (!found) return undefined;
    if (found.kind === 'error') return { answer: errorAnswer(doc, found) };
    if (found.kind === 'layer') return { answer: this.layerAnswer(doc, entry, found) };
    return this.tensorResult(doc, entry, found, env);
  }

  private entry(doc: Pick<HoverDocument, 'uri' | 'version'>): DocEntry {
    let e = this.docs.get(doc.uri);
    if (!e || e.version !== doc.version) {
      e = { version: doc.version, answers: [], tensors: [], images: new Map() };
      this.docs.delete(doc.uri);
      this.docs.set(doc.uri, e);
      if (this.docs.size > this.maxDocs) this.docs.delete(this.docs.keys().next().value as string);
    }
    return e;
  }

  private tensorResult(doc: HoverDocument, entry: DocEntry, lit: TensorLiteral, env: HoverEnvironment): HoverResult {
    if (!entry.tensors.includes(lit)) entry.tensors.push(lit);
    const kernel = env.settings.showFeatureMap ? env.kernel : undefined;
    const usable = kernel && !('error' in kernel) ? kernel : undefined;
    const line = lineOf(doc.text, lit.range.start);
    const parts: TensorHoverParts = {
      literal: lit,
      stats: tensorStats(lit.data),
      images: 'off',
      kernel,
      offers: env.settings.showFeatureMap ? kernelOffers(doc.text, doc.language, lit.range) : [],
      links: tensorLinks(lit, { uri: doc.uri, offset: lit.range.start, title: `${lit.name ?? 'tensor'} (${doc.label}:${line})` }),
    };
    const finish = (images: TensorImages): HoverAnswer => {
      const answer: HoverAnswer = { markdown: composeTensorHover({ ...parts, images }), range: lit.range, kind: 'tensor' };
      if (this.docs.get(doc.uri) === entry) entry.answers.push(answer);
      return answer;
    };
    if (lit.data.length <= env.settings.maxElements) return { answer: finish(renderTensorImages(lit.shape, lit.data, usable, env.theme)) };
    const key = `${lit.range.start}:${lit.range.end}`;
    let job = entry.images.get(key);
    if (!job) {
      job = renderTensorImagesInBackground(lit.shape, lit.data, usable, env.theme, this.yieldNow);
      entry.images.set(key, job);
    }
    const complete = job.then(finish);
    complete.catch(() => entry.images.delete(key));
    return { answer: { markdown: composeTensorHover({ ...parts, images: 'pending' }), range: lit.range, kind: 'tensor' }, complete };
  }

  private layerAnswer(doc: HoverDocument, entry: DocEntry, layer: LayerCall): HoverAnswer {
    const text = doc.context?.text ?? doc.text;
    if (!entry.model || entry.model.model.text !== text) {
      const literals = literalsInDocument(text, { language: doc.language }).filter((l): l is Literal => l.kind !== 'error');
      entry.model = {
        model: { text, literals, where: whereIn(text, doc.context?.cells) },
        layers: literals.filter((l): l is LayerCall => l.kind === 'layer'),
        cellOffset: doc.context?.offset ?? 0,
      };
    }
    const { model, layers, cellOffset } = entry.model!;
    const start = layer.range.start + cellOffset;
    const index = layers.findIndex((l) => l.range.start === start);
    let markdown =
      index >= 0 ? composeLayerHover(model, layers, index) : composeLayerHover({ text: doc.text, literals: [layer] }, [layer], 0);
    if (doc.language === 'python') {
      const inModels = modelShapeLines(analyzeFileCached(text), start);
      if (inModels.length) markdown += `\n\n${inModels.join('  \n')}`;
    }
    return { markdown, range: layer.range, kind: 'layer' };
  }
}

/** "cell 3, line 2" inside a notebook's joined cells; undefined (plain line numbers) otherwise. */
function whereIn(text: string, cells: Array<{ start: number; label: string }> | undefined): ((offset: number) => string) | undefined {
  if (!cells?.length) return undefined;
  return (offset) => {
    const cell = cells.filter((c) => c.start <= offset).pop() ?? cells[0];
    return `${cell.label}, line ${lineOf(text.slice(cell.start), offset - cell.start)}`;
  };
}

function errorAnswer(doc: HoverDocument, err: LiteralError): HoverAnswer {
  return {
    markdown: `$(error) Tensor Lens: ${escapeMarkdown(`${doc.label}:${err.line}:${err.column}: ${err.message}`)}`,
    range: err.range,
    kind: 'error',
  };
}
