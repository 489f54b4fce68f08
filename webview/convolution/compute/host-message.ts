// Host → Convolution panel messages as state changes: a tensor to show, the followed literal's edits or parse errors, a kernel to use.
import type { ConvolutionHostMessage, WireTensor } from '../../../src/core/protocol/convolution';
import { candidateSpec, type KernelSpec } from './kernel-specs';
import type { PanelSettings, PanelSource, Selection, TransposedSettings } from '../state';

/** The part of the panel's state a host message can change. */
export interface HostMessageState extends PanelSource, PanelSettings, Selection {
  sourceError: string | null;
  opened: KernelSpec[];
  editing: boolean;
  step: number;
}

/** What the panel does after taking the patch: show a new input (now, or debounced when slow), or use new kernels. */
export type HostFollowUp =
  { kind: 'source'; input: WireTensor; now: boolean; stopPlaying: boolean } | { kind: 'kernels'; kernels: KernelSpec[] } | { kind: 'none' };

export function reduceHostMessage(
  s: Readonly<HostMessageState>,
  m: ConvolutionHostMessage,
): { patch: Partial<HostMessageState>; then: HostFollowUp } {
  if (m.type === 'show') {
    const picked = m.kernel ? m.candidates.find((c) => c.name === m.kernel) : undefined;
    return {
      patch: {
        panelTitle: m.title,
        candidates: m.candidates,
        canInsert: m.canInsert,
        sourceError: null,
        ...(picked ? { kernels: [candidateSpec(picked)] } : {}),
        batch: 0,
        channel: 0,
        outChannel: 0,
        step: 0,
      },
      then: { kind: 'source', input: m.input, now: true, stopPlaying: true },
    };
  }
  if (m.type === 'sourceUpdate') {
    // Literal kernels follow their edits too.
    const kernels = s.kernels.map((k) => {
      const c = k.source === 'literal' ? m.candidates.find((x) => x.name === k.id) : undefined;
      return c ? candidateSpec(c) : k;
    });
    return {
      patch: { panelTitle: m.title, candidates: m.candidates, sourceError: null, kernels },
      then: { kind: 'source', input: m.input, now: false, stopPlaying: false },
    };
  }
  if (m.type === 'sourceError') return { patch: { sourceError: m.message }, then: { kind: 'none' } };
  const spec: KernelSpec = { source: 'opened', id: m.title, label: m.title, shape: [...m.kernel.shape], data: Array.from(m.kernel.data) };
  const patch: Partial<HostMessageState> = { opened: [spec, ...s.opened.filter((o) => o.id !== spec.id)], editing: false, outChannel: 0 };
  // A layer's weight comes with the layer's arguments: the panel then computes what the layer computes.
  if (m.args) {
    patch.args = { ...m.args };
    // Those are a Conv2d layer's arguments (its weight is [C_out, C_in/groups, kH, kW]): show conv2d.
    patch.transposed = { ...s.transposed, on: false } satisfies TransposedSettings;
  }
  return { patch, then: { kind: 'kernels', kernels: [spec] } };
}
