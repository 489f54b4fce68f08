// Explain this layer without VS Code: pull a live nn.Conv2d, its weights and input, run our engine and compare with PyTorch.
import { errorMessage } from '../error-message';
import { conv2d, noGrad, Tensor } from '../engine';
import { isLiveError, type LiveConv2dArgs, type LiveEntry, type LiveSlice } from '../protocol/live-tensor';
import { formatStat } from './format';
import type { LiveSession } from './live-session';

/** What compareLayer needs of a paused frame. */
export interface LayerFrame {
  live: LiveSession;
  frameId: number;
}

export interface LayerComparison {
  conv: LiveConv2dArgs;
  input: LiveSlice;
  weight: LiveSlice;
  bias: LiveSlice | null;
  torch: LiveSlice;
  ours: Float32Array;
  /** Largest |ours − PyTorch| over the output. */
  maxAbsDiff: number;
}

/** Our engine's conv2d on the module's real arguments and weights (3-D input is unbatched, as in PyTorch). */
export function engineOutput(conv: LiveConv2dArgs, input: LiveSlice, weight: LiveSlice, bias: LiveSlice | null): Float32Array {
  return noGrad(() => {
    const out = conv2d(
      new Tensor(input.data, input.shape),
      new Tensor(weight.data, weight.shape),
      bias ? new Tensor(bias.data, bias.shape) : null,
      {
        stride: conv.stride,
        padding: conv.padding,
        dilation: conv.dilation,
        groups: conv.groups,
        paddingMode: conv.paddingMode,
      },
    );
    return Float32Array.from(out.data);
  });
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (d > worst || Number.isNaN(d)) worst = Number.isNaN(d) ? (Number.isNaN(a[i]) === Number.isNaN(b[i]) ? worst : Infinity) : d;
  }
  return worst;
}

/** Pulls the layer's arguments, weight, bias, input and PyTorch's output from the debuggee and computes ours. */
export async function compareLayer(frame: LayerFrame, module: string, input: string): Promise<LayerComparison | string> {
  const { live, frameId } = frame;
  const layer = await live.convLayer(module, input, frameId);
  if (isLiveError(layer)) return layer.error;
  const [x, w, b] = await Promise.all([
    live.slice(input, frameId),
    live.slice(`(${module}).weight`, frameId),
    layer.conv.bias ? live.slice(`(${module}).bias`, frameId) : Promise.resolve(null),
  ]);
  for (const part of [x, w, b]) if (part && isLiveError(part)) return part.error;
  const [xs, ws, bs] = [x, w, b] as [LiveSlice, LiveSlice, LiveSlice | null];
  let ours: Float32Array;
  try {
    ours = engineOutput(layer.conv, xs, ws, bs);
  } catch (e) {
    return `our engine refused the layer: ${errorMessage(e)}`;
  }
  if (ours.length !== layer.output.data.length) return `our output has ${ours.length} values, PyTorch's ${layer.output.data.length}`;
  return { conv: layer.conv, input: xs, weight: ws, bias: bs, torch: layer.output, ours, maxAbsDiff: maxAbsDiff(ours, layer.output.data) };
}

/** Input candidates for a module: tensor locals (not parameters) whose channel dimension matches in_channels. */
export function inputCandidates(entries: readonly LiveEntry[], inChannels: number): string[] {
  return entries
    .filter(
      (e) =>
        e.meta !== undefined &&
        e.meta.kind !== 'torch.nn.Parameter' &&
        (e.meta.shape.length === 4 || e.meta.shape.length === 3) &&
        e.meta.shape[e.meta.shape.length - 3] === inChannels,
    )
    .map((e) => e.expr);
}

export function summary(module: string, input: string, c: LayerComparison): string {
  const shape = (s: LiveSlice): string => s.shape.join('×');
  const verdict = c.maxAbsDiff <= 1e-5 ? 'matches PyTorch' : 'DIFFERS from PyTorch';
  return (
    `Explain ${module}(${input}): Tensor Lens ${verdict}, largest |difference| ${formatStat(c.maxAbsDiff)} over ${c.ours.length} values ` +
    `(input ${shape(c.input)} ⊛ weight ${shape(c.weight)} → output ${shape(c.torch)})`
  );
}
