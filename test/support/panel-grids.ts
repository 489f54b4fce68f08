// Page objects for the Convolution panel's grids, shared by the webview tests (a Page) and the e2e tests (a webview Frame).
import type { Frame, Locator, Page } from 'playwright-core';

export type GridName = 'input-grid' | 'kernel-grid' | 'output-grid';

/** The panel's element and one of its grids, as CSS that pierces shadow roots through Playwright's locators. */
export const PANEL = 'tl-convolution-view';
export const grid = (name: GridName): string => `${PANEL} tl-heatmap-grid.${name}`;

/** The rows of a grid's hidden accessible table of values. */
export function gridRows(scope: Page | Frame, name: GridName): Locator {
  return scope.locator(`${grid(name)} table.values tr`);
}

/** A grid's cell texts, row by row (trimmed), as its accessible table gives them. */
export function gridTexts(scope: Page | Frame, name: GridName): Promise<string[][]> {
  return gridRows(scope, name).evaluateAll((rows) =>
    rows.map((r) => Array.from(r.querySelectorAll('td'), (td) => (td.textContent ?? '').trim())),
  );
}

/** A grid's cell values, row by row. */
export async function gridNumbers(scope: Page | Frame, name: GridName): Promise<number[][]> {
  return (await gridTexts(scope, name)).map((row) => row.map(Number));
}

/** What tests read off a tl-heatmap-grid element in the page (its public properties), for typed evaluate callbacks. */
export interface HeatmapGridElement extends HTMLElement {
  rows: number;
  cols: number;
  cellSize: number;
  current: [number, number] | null;
  window: unknown;
  padMask: Uint8Array;
  /** The cell labels it drew on its canvas, in drawing order, with their font sizes (px), and the values it shows. */
  drawnLabels: string[];
  drawnLabelSizes: number[];
  values: ArrayLike<number>;
  label: string;
  renderRoot: ShadowRoot | HTMLElement;
  valueAt(row: number, col: number): number;
}
