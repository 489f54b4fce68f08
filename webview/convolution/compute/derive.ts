// Everything the panel draws, derived from its state in one pure step (conv2d, or conv_transpose2d with the switch on).
import type { ThemeKind } from '../../../src/core/render/colormap';
import { scaleFor } from '../../../src/core/render/colormap';
import { channelsFirst } from '../../../src/core/render/rgb';
import type { WireTensor } from '../../../src/core/protocol/convolution';
import type { Cell } from '../../common/cell';
import { emptyDerived, type DeriveSettings, type Derived, type Layout, type Selection, type TransposedMode } from '../state';
import { channelsOf, convInput } from './conv2d';
import { deriveConv2d } from './conv2d-panel';
import { deriveTransposed, transposedStepShape } from './transposed-panel';

export interface PanelInputs extends DeriveSettings, Selection {
  source: WireTensor | null;
  layout: Layout;
}

/** The derived values, and the selection clamped to the tensors (a batch, channel or output channel that no longer exists). */
export function derivePanel(x: Readonly<PanelInputs>, theme: ThemeKind): { d: Derived; sel: Selection } {
  const d = emptyDerived();
  const sel: Selection = { batch: x.batch, channel: x.channel, outChannel: x.outChannel };
  if (!x.source) return { d, sel };
  const shaped = x.layout === 'hwc' && x.source.shape.length === 3 ? channelsFirst(x.source.shape, x.source.data) : x.source;
  const input = convInput(shaped);
  if ('error' in input) return { d: { ...d, inputError: input.error }, sel };
  d.input = input;
  const [H, W] = input.shape.slice(-2);
  d.N = input.shape.length === 4 ? input.shape[0] : 1;
  d.C = input.shape[input.shape.length - 3];
  sel.batch = Math.min(sel.batch, d.N - 1);
  sel.channel = Math.min(sel.channel, d.C - 1);
  d.scales.input = scaleFor(input.data, theme);
  if (d.C === 3) d.rgb = { data: channelsOf(input, sel.batch, 3), H, W };
  if (x.transposed.on) deriveTransposed(x, sel, d, theme);
  else deriveConv2d(x, sel, d, theme);
  return { d, sel };
}

/** Rows × columns the stepper walks: the output cells, or the input cells of the transposed scatter view. */
export function stepShape(d: Derived, transposed: { on: boolean; mode: TransposedMode }): [number, number] | null {
  if (transposed.on) return transposedStepShape(d, transposed.mode);
  return d.g ? [d.g.Hout, d.g.Wout] : null;
}

/** (row, col) of step i on a rows × columns grid walked row by row. */
export function positionOf(step: number, shape: [number, number] | null): Cell | null {
  return shape && shape[0] > 0 && shape[1] > 0 ? [Math.floor(step / shape[1]), step % shape[1]] : null;
}
