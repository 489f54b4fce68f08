// Host → Convolution panel messages: a tensor to show, the followed literal's edits or parse errors, a kernel to use.
import type { ConvolutionHostMessage } from '../../src/core/protocol/convolution';
import type { KernelSpec } from './conv-compute';
import type { ConvolutionView } from './convolution-view';
import { candidateSpec } from './kernel-picker';

export function onHostMessage(v: ConvolutionView, m: ConvolutionHostMessage): void {
  if (m.type === 'show') {
    v.panelTitle = m.title;
    v.candidates = m.candidates;
    v.canInsert = m.canInsert;
    v.sourceError = null;
    const picked = m.kernel ? m.candidates.find((c) => c.name === m.kernel) : undefined;
    if (picked) v.kernels = [candidateSpec(picked)];
    v.batch = v.channel = v.outChannel = v.step = 0;
    v.stopPlaying();
    v.setSource(m.input, true);
  } else if (m.type === 'sourceUpdate') {
    v.panelTitle = m.title;
    v.candidates = m.candidates;
    v.sourceError = null;
    // Literal kernels follow their edits too.
    v.kernels = v.kernels.map((k) => {
      const c = k.source === 'literal' ? m.candidates.find((x) => x.name === k.id) : undefined;
      return c ? candidateSpec(c) : k;
    });
    v.setSource(m.input, false);
  } else if (m.type === 'sourceError') {
    v.sourceError = m.message;
  } else if (m.type === 'useKernel') {
    const spec: KernelSpec = {
      source: 'opened',
      id: m.title,
      label: m.title,
      shape: [...m.kernel.shape],
      data: Array.from(m.kernel.data),
    };
    v.opened = [spec, ...v.opened.filter((o) => o.id !== spec.id)];
    v.editing = false;
    v.outChannel = 0;
    // A layer's weight comes with the layer's arguments: the panel then computes what the layer computes.
    if (m.args) {
      v.args = { ...m.args };
      // Those are a Conv2d layer's arguments (its weight is [C_out, C_in/groups, kH, kW]): show conv2d.
      v.transposed = { ...v.transposed, on: false };
    }
    v.setKernels([spec]);
  }
}
