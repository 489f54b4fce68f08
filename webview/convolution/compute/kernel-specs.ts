// Entries of the panel's kernel list: a preset, a literal of the file, a tensor given by tensorLens.useKernel, or typed cells.
import type { KernelCandidate } from '../../../src/core/protocol/convolution';
import { presetById } from '../../../src/core/render/kernel-presets';

/** One entry of the kernel list: a preset, a literal of the file, a tensor given by tensorLens.useKernel, or cells typed in the panel. */
export interface KernelSpec {
  source: 'preset' | 'literal' | 'opened' | 'custom';
  /** Preset id, variable name or opened tensor's title ('' for custom). */
  id: string;
  label: string;
  /** [kH, kW] (one filter), [C, kH, kW] (C filters) or a full weight [C_out, C_in/groups, kH, kW]. */
  shape: number[];
  data: number[];
}

/** A preset as a kernel-list entry. */
export function presetSpec(id: string): KernelSpec | undefined {
  const p = presetById(id);
  return p && { source: 'preset', id: p.id, label: p.label, shape: [p.rows.length, p.rows[0].length], data: p.rows.flat() };
}

export function candidateSpec(c: KernelCandidate): KernelSpec {
  return { source: 'literal', id: c.name, label: c.name, shape: [...c.shape], data: [...c.data] };
}

/** The one 2-D kernel the cell editor can change, or null (several kernels, a 3-D or 4-D weight). */
export function editableKernel(kernels: readonly KernelSpec[]): KernelSpec | null {
  return kernels.length === 1 && kernels[0].shape.length === 2 ? kernels[0] : null;
}
