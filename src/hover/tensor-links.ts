// "Open in Convolution panel" / "Copy as torch.tensor" links and the file's kernel literals offered as hover kernels.
import { literalAt } from '../core/literals';
import type { LiteralLanguage, TensorLiteral, TextRange } from '../core/literals/types';
import { shortestFloat32 } from '../core/render/decimal';
import { lineOf } from './layer-inputs';
import { commandLink } from './markdown';
import type { KernelOffer } from './tensor-hover';

/** Tensors up to this size travel inside the link; bigger ones are re-read from the document when clicked. */
export const INLINE_LINK_ELEMENTS = 1024;

/** Where a literal lives, for the by-reference commands. */
export interface LiteralRef {
  uri: string;
  /** An offset inside the literal. */
  offset: number;
  title: string;
}

function compact(data: Float32Array): number[] {
  return Array.from(data, (v) => Number(shortestFloat32(v)));
}

export function tensorLinks(lit: TensorLiteral, ref: LiteralRef): string[] {
  const finite = lit.data.every(Number.isFinite);
  if (lit.data.length <= INLINE_LINK_ELEMENTS && finite) {
    const data = compact(lit.data);
    return [
      commandLink('Open in Convolution panel', 'tensorLens.openTensor', { title: ref.title, shape: lit.shape, data }),
      commandLink('Copy as torch.tensor', 'tensorLens.copyTensor', { shape: lit.shape, data, format: 'torch' }),
    ];
  }
  return [
    commandLink('Open in Convolution panel', 'tensorLens.hover.openTensor', ref),
    commandLink('Copy as torch.tensor', 'tensorLens.hover.copyTensor', ref),
  ];
}

const KERNEL_NAME = /["']?([A-Za-z_$][\w$]*(?:kernel|weight)[\w$]*|(?:kernel|weight)[\w$]*)["']?[ \t]*(?::[^=\n]*?)?[=:](?!=)/gi;
const WINDOW = 8000;

/** Literals assigned to names like kernel*, *_kernel, weight* (2-D, or [1, 1, kH, kW]), excluding the hovered one. */
export function kernelOffers(text: string, language: LiteralLanguage, exclude: TextRange, limit = 4): KernelOffer[] {
  const offers: KernelOffer[] = [];
  const seen = new Set<string>();
  KERNEL_NAME.lastIndex = 0;
  for (let m = KERNEL_NAME.exec(text); m && offers.length < limit; m = KERNEL_NAME.exec(text)) {
    const name = m[1];
    const nameAt = m.index + m[0].indexOf(name);
    if (seen.has(name) || (nameAt >= exclude.start && nameAt <= exclude.end)) continue;
    // Parse in a window so each probe costs little on a long file.
    const lineStart = text.lastIndexOf('\n', nameAt) + 1;
    const lit = literalAt(text.slice(lineStart, lineStart + WINDOW), nameAt - lineStart, { language, maxElements: 4096 });
    if (!lit || lit.kind !== 'tensor' || lit.name !== name) continue;
    const start = lit.range.start + lineStart;
    if (start >= exclude.start && start < exclude.end) continue;
    const k = kernelShape(lit.shape);
    if (!k || !lit.data.every(Number.isFinite)) continue;
    seen.add(name);
    offers.push({ name, line: lineOf(text, start), shape: lit.shape, data: compact(lit.data) });
  }
  return offers;
}

/** [kH, kW] of a 2-D kernel or a single-filter [1, 1, kH, kW] / [1, kH, kW] weight, up to 15×15. */
export function kernelShape(shape: readonly number[]): [number, number] | undefined {
  if (shape.length < 2 || shape.slice(0, -2).some((d) => d !== 1)) return undefined;
  const kH = shape[shape.length - 2];
  const kW = shape[shape.length - 1];
  return kH >= 1 && kW >= 1 && kH <= 15 && kW <= 15 ? [kH, kW] : undefined;
}
