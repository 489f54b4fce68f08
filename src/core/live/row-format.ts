// What one row of the Tensors view says after its name, for a tensor, a Conv2d layer, a module or an error.
import { statsOf, type LiveEntry, type LiveMeta } from '../protocol/live-tensor';
import { formatStat, nonFiniteText } from './format';

export interface TensorRow extends LiveEntry {
  pinned?: boolean;
}

/** "float32  cpu  2×3×48×40  −1 … 1  ⚠ 1 NaN", "Conv2d  3 → 8  kernel 3×3  stride 2×2", "Sequential  4 parameters". */
export function rowDescription(row: TensorRow): string {
  if (row.error) return `⚠ ${row.error}`;
  if (row.conv) {
    const c = row.conv;
    const extra = c.paddingMode !== 'zeros' ? `  ${c.paddingMode}` : '';
    return `Conv2d  ${c.inChannels} → ${c.outChannels}  kernel ${c.kernelSize.join('×')}  stride ${c.stride.join('×')}${extra}`;
  }
  if (row.moduleClass) return `${row.moduleClass}  ${row.parameters ?? 0} parameter${row.parameters === 1 ? '' : 's'}`;
  const m = row.meta as LiveMeta;
  const s = statsOf(m);
  const parts = [m.dtype, m.device, m.shape.length ? m.shape.join('×') : 'scalar'];
  if (m.numel > 0 && !Number.isNaN(s.min)) parts.push(`${formatStat(s.min).replace('-', '−')} … ${formatStat(s.max).replace('-', '−')}`);
  const bad = nonFiniteText(s);
  if (bad) parts.push(`⚠ ${bad}`);
  return parts.join('  ');
}
