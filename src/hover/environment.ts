// The hover environment from VS Code: `tensorLens.hover.*` settings, the remembered or configured kernel, the theme kind.
import * as vscode from 'vscode';
import { parseLiteral } from '../core/literals';
import type { RememberedKernel } from '../host/kernel-service';
import type { ThemeKind } from '../core/render/colormap';
import { chooseKernel } from './kernel-choice';
import type { HoverEnvironment } from '../core/protocol/hover-worker';
import { normaliseSettings, type HoverSettings } from './settings';

export function themeKindOf(kind: vscode.ColorThemeKind): ThemeKind {
  switch (kind) {
    case vscode.ColorThemeKind.Light:
      return 'light';
    case vscode.ColorThemeKind.HighContrast:
      return 'high-contrast';
    case vscode.ColorThemeKind.HighContrastLight:
      return 'high-contrast-light';
    default:
      return 'dark';
  }
}

export function readSettings(): HoverSettings {
  const c = vscode.workspace.getConfiguration('tensorLens.hover');
  const keys = ['enabled', 'showFeatureMap', 'maxElements', 'kernel', 'stride', 'padding', 'dilation', 'paddingMode'] as const;
  return normaliseSettings(Object.fromEntries(keys.map((k) => [k, c.get(k)])));
}

/** The environment hovers are answered in; `remembered` is the KernelService's last kernel. */
export function readEnvironment(remembered: RememberedKernel | undefined): HoverEnvironment {
  const settings = readSettings();
  return {
    settings,
    kernel: chooseKernel(settings, remembered, (text) => parseLiteral(text)),
    theme: themeKindOf(vscode.window.activeColorTheme.kind),
    parseMaxElements: vscode.workspace.getConfiguration('tensorLens').get<number>('maxElements'),
  };
}
