// The hover environment from VS Code: `tensorLens.hover.*` settings, the remembered or configured kernel, the theme kind.
import * as vscode from 'vscode';
import { lastKernel } from '../convolve/kernel-memory';
import { parseLiteral } from '../core/literals';
import type { ThemeKind } from '../core/render/colormap';
import { chooseKernel } from './kernel-choice';
import type { HoverEnvironment } from './service';
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

export function readEnvironment(): HoverEnvironment {
  const settings = readSettings();
  return {
    settings,
    kernel: chooseKernel(settings, lastKernel(), (text) => parseLiteral(text)),
    theme: themeKindOf(vscode.window.activeColorTheme.kind),
    parseMaxElements: vscode.workspace.getConfiguration('tensorLens').get<number>('maxElements'),
  };
}
