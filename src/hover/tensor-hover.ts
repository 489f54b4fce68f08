// Markdown of a tensor literal's hover: title with stats, heatmap ⊛ kernel → feature map, captions and command links.
import type { TensorLiteral } from '../core/literals/types';
import { kernelCaption, type HoverKernel } from './kernel-choice';
import { code, commandLink, escapeMarkdown, imgTag, shapeText } from './markdown';
import { formatStat, nonFiniteText, type TensorStats } from './stats';
import type { DrawnImage, TensorImages } from './tensor-images';

/** A kernel literal elsewhere in the file (a variable named like kernel_x or weights) the hover can switch to. */
export interface KernelOffer {
  name: string;
  line: number;
  shape: number[];
  data: number[];
}

export interface TensorHoverParts {
  literal: TensorLiteral;
  stats: TensorStats;
  /** 'pending': being prepared in the background; 'off': not drawn. */
  images: TensorImages | 'pending' | 'off';
  kernel?: HoverKernel | { error: string };
  offers: KernelOffer[];
  /** Prebuilt "Open in Convolution panel" / "Copy as torch.tensor" links. */
  links: string[];
}

/** "torch.float32", "np.int64", or the plain dtype for JSON/JS literals. */
export function dtypeText(lit: TensorLiteral): string {
  if (lit.syntax.startsWith('torch')) return `torch.${lit.dtype}`;
  if (lit.syntax.startsWith('np')) return `np.${lit.dtype}`;
  if (lit.syntax.startsWith('tf')) return `tf.${lit.dtype}`;
  return lit.dtype;
}

export function titleLine(lit: TensorLiteral, s: TensorStats): string {
  const parts = [lit.name ? `**${escapeMarkdown(lit.name)}**` : '**tensor**', code(dtypeText(lit)), `shape ${shapeText(lit.shape)}`];
  if (s.count > 0) parts.push(`min ${formatStat(s.min)}`, `max ${formatStat(s.max)}`, `mean ${formatStat(s.mean)}`);
  else parts.push('empty');
  const bad = nonFiniteText(s);
  if (bad) parts.push(`⚠ ${bad}`);
  return parts.join(' · ');
}

function rangeText(img: DrawnImage): string {
  return `${formatStat(img.scale.lo)} … ${formatStat(img.scale.hi)}`;
}

function downsampleNote(what: string, img: DrawnImage, H: number, W: number): string | undefined {
  if (img.step === 1) return undefined;
  return `${what} ${H}×${W} drawn as ${img.rows}×${img.cols} means of ${img.step}×${img.step} blocks`;
}

function planeLabel(images: TensorImages): string {
  const p = images.plane;
  return p.index.length ? `[${p.index.join(', ')}] ${p.H}×${p.W}` : `${p.H}×${p.W}`;
}

/** The images row as an HTML table: input, ⊛, feature map, each with its legend and range beneath. */
function imagesBlock(parts: TensorHoverParts, images: TensorImages): string[] {
  const cells: string[] = [];
  const below: string[] = [];
  const notes: string[] = [];
  if (images.input) {
    cells.push(imgTag(images.input.uri, images.input.width, images.input.height, `heatmap of ${planeLabel(images)}`));
    below.push(`${imgTag(images.input.legendUri, images.input.width, 4, 'legend')}<br>${rangeText(images.input)}`);
    const note = downsampleNote('input', images.input, images.plane.H, images.plane.W);
    if (note) notes.push(note);
  }
  const fm = images.featureMap;
  if (fm && !('error' in fm) && fm.image) {
    cells.push('⊛', imgTag(fm.image.uri, fm.image.width, fm.image.height, `feature map ${fm.H}×${fm.W}`));
    below.push('', `${imgTag(fm.image.legendUri, fm.image.width, 4, 'legend')}<br>${rangeText(fm.image)}`);
    const note = downsampleNote('feature map', fm.image, fm.H, fm.W);
    if (note) notes.push(note);
  }
  const lines: string[] = [];
  if (cells.length) {
    lines.push(
      `<table><tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr><tr>${below.map((c) => `<td>${c}</td>`).join('')}</tr></table>`,
    );
  }
  const input = `input ${planeLabel(images)}`;
  if (fm && parts.kernel && !('error' in parts.kernel)) {
    const kernel = `⊛ ${escapeMarkdown(kernelCaption(parts.kernel))}`;
    if ('error' in fm) lines.push(`${input} ${kernel} → $(error) ${code(fm.error)}`);
    else lines.push(`${input} ${kernel} → feature map ${fm.H}×${fm.W}`);
  } else lines.push(input);
  if (notes.length) lines.push(`_${notes.join('; ')}_`);
  return lines;
}

/** The whole hover as Markdown (with inline HTML for the images). */
export function composeTensorHover(parts: TensorHoverParts): string {
  const lines: string[] = [titleLine(parts.literal, parts.stats)];
  if (parts.images === 'pending')
    lines.push('$(loading~spin) _Preparing the heatmap and feature map in the background — hover again in a moment._');
  else if (parts.images !== 'off') lines.push(...imagesBlock(parts, parts.images));
  if (parts.kernel && 'error' in parts.kernel) lines.push(`$(warning) ${escapeMarkdown(parts.kernel.error)}`);
  const footer = [...parts.links];
  if (parts.offers.length) {
    const inUse = parts.kernel && !('error' in parts.kernel) ? parts.kernel.label : undefined;
    const offers = parts.offers.map((o) =>
      o.name === inUse
        ? `${escapeMarkdown(o.name)} ✓`
        : commandLink(
            o.name,
            'tensorLens.hover.useKernel',
            { label: o.name, shape: o.shape, data: o.data },
            `Use ${o.name} (${shapeText(o.shape)}, line ${o.line}) as the hover kernel`,
          ),
    );
    footer.push(`kernels here: ${offers.join(' · ')}`);
  }
  if (footer.length) lines.push(footer.join(' · '));
  return lines.join('\n\n');
}
