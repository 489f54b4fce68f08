// Hover settings as plain data (read from `tensorLens.hover.*` by the provider), with the manifest's defaults.
import type { Conv2dArgs } from '../core/protocol/convolution';
import type { HoverSettings } from '../core/protocol/hover-worker';

export type { HoverSettings } from '../core/protocol/hover-worker';

export const DEFAULT_HOVER_SETTINGS: HoverSettings = {
  enabled: true,
  showFeatureMap: true,
  maxElements: 65536,
  kernel: 'x',
  stride: 1,
  padding: 0,
  dilation: 1,
  paddingMode: 'zeros',
};

const MODES: ReadonlyArray<Conv2dArgs['paddingMode']> = ['zeros', 'reflect', 'replicate', 'circular'];

/** Cleans raw configuration values: wrong types and out-of-range numbers fall back to the defaults. */
export function normaliseSettings(raw: Partial<Record<keyof HoverSettings, unknown>>): HoverSettings {
  const d = DEFAULT_HOVER_SETTINGS;
  const bool = (v: unknown, dflt: boolean): boolean => (typeof v === 'boolean' ? v : dflt);
  const int = (v: unknown, dflt: number, min: number): number => (typeof v === 'number' && Number.isInteger(v) && v >= min ? v : dflt);
  const padding = raw.padding === 'same' || raw.padding === 'valid' ? raw.padding : int(raw.padding, d.padding as number, 0);
  return {
    enabled: bool(raw.enabled, d.enabled),
    showFeatureMap: bool(raw.showFeatureMap, d.showFeatureMap),
    maxElements: int(raw.maxElements, d.maxElements, 1),
    kernel: typeof raw.kernel === 'string' && raw.kernel.trim() ? raw.kernel.trim() : d.kernel,
    stride: int(raw.stride, d.stride, 1),
    padding,
    dilation: int(raw.dilation, d.dilation, 1),
    paddingMode: MODES.includes(raw.paddingMode as Conv2dArgs['paddingMode'])
      ? (raw.paddingMode as Conv2dArgs['paddingMode'])
      : d.paddingMode,
  };
}

/** The conv2d arguments the settings describe. */
export function settingsArgs(s: HoverSettings): Conv2dArgs {
  return {
    stride: [s.stride, s.stride],
    padding: typeof s.padding === 'number' ? [s.padding, s.padding] : s.padding,
    dilation: [s.dilation, s.dilation],
    groups: 1,
    paddingMode: s.paddingMode,
    bias: null,
  };
}
