// The layer hover's "in this model" lines: the concrete input and output shape of the hovered layer in each model of
// the file that runs it (from the shape flow), or PyTorch's error when that layer is the one that fails.
import type { FileShapes } from '../core/shapes';
import { code, escapeMarkdown } from './markdown';

const fmt = (s: readonly number[]): string => `[${s.join(', ')}]`;

/** Markdown lines for the layer whose constructor call starts at `start` (offset in the analysed text). */
export function modelShapeLines(shapes: FileShapes, start: number): string[] {
  const lines: string[] = [];
  for (const l of shapes.layers) {
    if (l.start !== start) continue;
    lines.push(`in **${escapeMarkdown(l.model)}** (${code(l.path)}): input ${fmt(l.input)} → output **${fmt(l.output)}**`);
  }
  for (const m of shapes.models) {
    const e = m.error;
    if (!e?.layer || e.layer.start !== start) continue;
    const fix = e.fix ? ` — Quick Fix: ${escapeMarkdown(e.fix.title)}` : '';
    lines.push(
      `in **${escapeMarkdown(m.className)}** (${code(e.layer.path)}): input ${fmt(e.layer.input)} → $(error) ${code(`${e.type}: ${e.message}`)}${fix}`,
    );
  }
  return lines;
}
