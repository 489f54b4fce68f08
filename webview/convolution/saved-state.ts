// The Convolution panel's saved webview state: kernels, arguments, the transposed switch and (when small) the tensor itself.
import { DEFAULT_CONV2D_ARGS, type KernelCandidate, type WireTensor } from '../../src/core/protocol/convolution';
import { allFinite } from '../../src/core/protocol/wire';
import { loadState, saveState } from '../common/vscode-api';
import { DEFAULT_KERNELS, DEFAULT_TRANSPOSED, type PanelSettings, type PanelSource } from './state';

interface Saved extends Omit<PanelSettings, 'transposed'> {
  transposed?: PanelSettings['transposed'];
  /** The tensor itself when small, so a reloaded panel shows at once (the host re-sends it anyway). */
  shown?: { title: string; input: WireTensor; candidates: KernelCandidate[]; canInsert: boolean };
}

const SAVE_LIMIT = 65_536;

export function loadPanel(): PanelSettings & Pick<Saved, 'shown'> {
  const saved = loadState<Saved>('convolution', { kernels: DEFAULT_KERNELS, args: DEFAULT_CONV2D_ARGS });
  return {
    kernels: saved.kernels.length > 0 ? saved.kernels : DEFAULT_KERNELS,
    args: saved.args,
    transposed: { ...DEFAULT_TRANSPOSED, ...saved.transposed },
    shown: saved.shown,
  };
}

export function savePanel(v: Readonly<PanelSettings & PanelSource>): void {
  // Saved state is JSON (NaN/±Inf would come back as null): such tensors wait for the host to re-send them instead.
  const small = v.source && v.source.data.length <= SAVE_LIMIT && allFinite(v.source.data);
  const shown =
    small && v.source
      ? { title: v.panelTitle, input: v.source, candidates: v.candidates.filter((c) => allFinite(c.data)), canInsert: v.canInsert }
      : undefined;
  const kernels = v.kernels.every((k) => allFinite(k.data)) ? v.kernels : DEFAULT_KERNELS;
  saveState<Saved>('convolution', { kernels, args: v.args, transposed: v.transposed, shown });
}
