// Drill-down from one output channel of a Conv2d step to the Convolution panel: the layer's real input (batch element
// 0, the channels of its group), weight[c], bias[c] and the layer's stride/padding/dilation/padding mode.
import { asInt, asPair, type Value } from '../pymodel/values';
import type { DrillDown } from '../protocol/explore';
import type { ExploreStep } from './explore-model';

const pair = (v: Value | undefined, d: [number, number]): [number, number] => (v && v.k !== 'none' ? (asPair(v) ?? d) : d);

/** The computation behind output channel `c` of a Conv2d step; throws for a step that is not a Conv2d. */
export function convDrillDown(
  step: ExploreStep,
  c: number,
  weight: Float32Array,
  weightShape: readonly number[],
  bias: Float32Array | undefined,
): DrillDown {
  const m = step.module;
  if (!m || m.type !== 'Conv2d') throw new Error(`step ${step.index} (${step.name}) is not a Conv2d`);
  const [cOut, cInG, kh, kw] = weightShape;
  if (!(c >= 0 && c < cOut)) throw new Error(`${step.name} has no output channel ${c}`);
  const groups = asInt(m.args.groups) ?? 1;
  const x = step.inputs[0];
  const [, cIn, h, w] = x.shape;
  const g = Math.floor(c / (cOut / groups));
  const plane = h * w;
  const input = Array.from(x.data.subarray(g * cInG * plane, (g + 1) * cInG * plane));
  const kernel = Array.from(weight.subarray(c * cInG * kh * kw, (c + 1) * cInG * kh * kw));
  const padding = m.args.padding?.k === 'str' ? (m.args.padding.v as 'same' | 'valid') : pair(m.args.padding, [0, 0]);
  const mode = m.args.padding_mode?.k === 'str' ? m.args.padding_mode.v : 'zeros';
  const channels = groups > 1 ? `, input channels ${g * cInG}–${(g + 1) * cInG - 1} (group ${g})` : '';
  return {
    title: `${step.name} input (batch 0${channels}${cIn !== cInG ? '' : ''})`,
    input: { shape: [1, cInG, h, w], data: input },
    kernel: { title: `${step.name}.weight[${c}]`, shape: [1, cInG, kh, kw], data: kernel },
    args: {
      stride: pair(m.args.stride, [1, 1]),
      padding,
      dilation: pair(m.args.dilation, [1, 1]),
      groups: 1,
      paddingMode: mode as DrillDown['args']['paddingMode'],
      bias: bias ? bias[c] : null,
    },
  };
}
