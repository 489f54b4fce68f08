// The panel's one cell size for its three grids: as large as the labels need (up to 72 px) while the grids fit the panel.
import { cellLabel } from '../../../src/core/render/tensor-format';
import type { Derived } from '../state';

/** Cell size (px) at which the widest value's shortest exact label fits (13 px editor font ≈ 7.8 px a character). */
export function labelRoom(d: Derived): number {
  let chars = 1;
  for (const values of [d.padded?.values, d.kernelPlane, d.outPlane]) {
    if (!values || values.length > 4096) continue;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      let n = chars;
      while (n < 9 && !cellLabel(v, (t) => t.length <= n)) n++;
      chars = Math.max(chars, n);
    }
  }
  return Math.min(72, Math.ceil(chars * 7.8 + 6));
}

/** One cell size for the three grids in a panel `clientWidth` px wide, so the window and the output cell line up by eye. */
export function fitCellSize(d: Derived, clientWidth: number): number {
  const widths = [d.padded?.cols ?? d.input?.shape.at(-1) ?? 5, d.weight?.shape[3] ?? 3, d.outPlane ? (d.output?.shape.at(-1) ?? 3) : 3];
  const cols = widths[0] + widths[1] + widths[2];
  const width = Math.max(200, clientWidth - 140);
  const fit = width / cols;
  // Grow cells (up to 72 px) until every value's label shows at least two significant digits, while the grids fit:
  // side by side when there is room, else wrapped one under the other (each grid as wide as the panel allows).
  const need = fit >= 16 || width / Math.max(...widths) >= 16 ? Math.max(40, labelRoom(d)) : 0;
  const stacked = Math.max(200, clientWidth - 48) / Math.max(...widths);
  const size = fit >= need ? Math.min(fit, need || 40) : stacked >= 16 ? Math.min(stacked, need) : fit;
  return size >= 6 ? Math.floor(size) : Math.max(0.25, size);
}
