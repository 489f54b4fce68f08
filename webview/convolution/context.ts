// What the panel's templates and helpers may read from <tl-convolution-view>, and the actions they may ask of it.
import type { Conv2dArgs, KernelCandidate, WireTensor } from '../../src/core/protocol/convolution';
import type { Term } from '../../src/core/render/arithmetic';
import type { Cell } from '../common/cell';
import type { Derived, KernelSpec, Layout, TransposedSettings } from './state';

/** Read-only: templates never assign; they call an action, and the panel re-renders from its new state. */
export interface PanelContext {
  readonly panelTitle: string;
  readonly source: WireTensor | null;
  readonly candidates: readonly KernelCandidate[];
  readonly opened: readonly KernelSpec[];
  readonly canInsert: boolean;
  /** The followed literal no longer parses (the panel shows its last good version). */
  readonly sourceError: string | null;
  readonly kernels: readonly KernelSpec[];
  readonly args: Conv2dArgs;
  readonly layout: Layout;
  readonly transposed: TransposedSettings;
  readonly batch: number;
  readonly channel: number;
  readonly outChannel: number;
  readonly step: number;
  readonly playing: boolean;
  readonly editing: boolean;
  readonly hoverInput: Cell | null;
  readonly hoverTerm: number | null;
  /** One cell size for the three grids, so the window and the output cell line up by eye. */
  readonly cellSize: number;
  readonly d: Derived;

  // ---- read from the state ----
  /** (row, col) of the current step on the grid the stepper walks. */
  position(): Cell | null;
  stepCount(): number;
  /** The output cell whose sum is written (the stepped one; in the scatter view the picked or first reached one). */
  outputCell(): Cell | null;
  /** The products summed into that cell, over the input channels of its group. */
  currentTerms(): Term[];
  /** Tooltip of an input-grid cell (a stable function, so grids keep it across renders). */
  readonly describeInput: (r: number, c: number) => string;
  /** Tooltip of one product in the transposed arithmetic line (stable, as describeInput). */
  readonly termTitle: (term: Term) => string;

  // ---- actions ----
  reveal(): void;
  setKernels(kernels: KernelSpec[]): void;
  setArgs(args: Conv2dArgs): void;
  setArgError(problem: string | null): void;
  setTransposed(settings: TransposedSettings): void;
  setLayout(layout: Layout): void;
  setView(batch: number, channel: number, outChannel: number): void;
  setStep(i: number): void;
  togglePlay(): void;
  toggleEditing(): void;
  hoverInputAt(cell: Cell | null): void;
  hoverTermAt(index: number | null): void;
  /** A click on the output grid: step there, or (scatter view) write that cell's sum. */
  selectOutput(cell: Cell): void;
  /** Focuses an element of the panel once it has rendered (e.g. the mode button just chosen by arrow key). */
  focusAfterRender(selector: string): void;
  copyOutput(format: 'torch' | 'json'): void;
  insertOutput(): void;
  copySnippet(): void;
  savePng(): void;
}
