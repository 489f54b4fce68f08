// The Convolution panel's state changes without a DOM: host messages, kernel-list entries and the grids' cell size.
import assert from 'node:assert/strict';
import { DEFAULT_CONV2D_ARGS, type ConvolutionHostMessage, type KernelCandidate } from '../../../src/core/protocol/convolution';
import { fitCellSize, labelRoom } from '../../../webview/convolution/compute/cell-size';
import { derivePanel, type PanelInputs } from '../../../webview/convolution/compute/derive';
import { reduceHostMessage, type HostMessageState } from '../../../webview/convolution/compute/host-message';
import { candidateSpec, editableKernel, presetSpec } from '../../../webview/convolution/compute/kernel-specs';
import { DEFAULT_KERNELS, DEFAULT_TRANSPOSED, emptyDerived } from '../../../webview/convolution/state';

const candidate = (name: string, data: number[]): KernelCandidate => ({ name, shape: [2, 2], data, line: 3 });

const state = (over: Partial<HostMessageState> = {}): HostMessageState => ({
  panelTitle: 'x (line 1)',
  source: { shape: [2, 2], data: [1, 2, 3, 4] },
  candidates: [],
  canInsert: true,
  sourceError: 'a parse error',
  kernels: DEFAULT_KERNELS,
  opened: [],
  editing: true,
  args: DEFAULT_CONV2D_ARGS,
  transposed: { ...DEFAULT_TRANSPOSED, on: true },
  batch: 2,
  channel: 1,
  outChannel: 3,
  step: 7,
  ...over,
});

describe('host messages as state changes', () => {
  const input = { shape: [3, 3], data: [1, 2, 3, 4, 5, 6, 7, 8, 9] };

  it('show: a new tensor resets the selection and the step, stops playing and derives at once; a named kernel is picked', () => {
    const k = candidate('edge', [1, 0, 0, -1]);
    const m: ConvolutionHostMessage = { type: 'show', title: 'img', input, candidates: [k], canInsert: false, kernel: 'edge' };
    const { patch, then } = reduceHostMessage(state(), m);
    assert.deepEqual(patch, {
      panelTitle: 'img',
      candidates: [k],
      canInsert: false,
      sourceError: null,
      kernels: [candidateSpec(k)],
      batch: 0,
      channel: 0,
      outChannel: 0,
      step: 0,
    });
    assert.deepEqual(then, { kind: 'source', input, now: true, stopPlaying: true });
  });

  it('show without a kernel name keeps the kernels', () => {
    const { patch } = reduceHostMessage(state(), { type: 'show', title: 't', input, candidates: [], canInsert: true });
    assert.equal('kernels' in patch, false);
  });

  it("sourceUpdate: literal kernels follow their edits, the others stay, and the derive may wait (it's typing)", () => {
    const before = candidate('edge', [1, 0, 0, -1]);
    const after = candidate('edge', [2, 0, 0, -2]);
    const x = presetSpec('x')!;
    const s = state({ kernels: [candidateSpec(before), x] });
    const { patch, then } = reduceHostMessage(s, { type: 'sourceUpdate', title: 'img*', input, candidates: [after] });
    assert.deepEqual(patch.kernels, [candidateSpec(after), x]);
    assert.equal(patch.sourceError, null);
    assert.equal('batch' in patch, false);
    assert.deepEqual(then, { kind: 'source', input, now: false, stopPlaying: false });
  });

  it('sourceError only records the message', () => {
    assert.deepEqual(reduceHostMessage(state(), { type: 'sourceError', message: 'bad' }), {
      patch: { sourceError: 'bad' },
      then: { kind: 'none' },
    });
  });

  it("useKernel with a layer's arguments: the kernel is opened (once), the layer's args are used and conv2d is shown", () => {
    const old = { source: 'opened' as const, id: 'conv1.weight', label: 'conv1.weight', shape: [1], data: [0] };
    const args = { ...DEFAULT_CONV2D_ARGS, stride: [2, 2] as [number, number] };
    const kernel = { shape: [1, 1, 2, 2], data: [1, 2, 3, 4] };
    const { patch, then } = reduceHostMessage(state({ opened: [old] }), { type: 'useKernel', title: 'conv1.weight', kernel, args });
    const spec = { source: 'opened', id: 'conv1.weight', label: 'conv1.weight', shape: [1, 1, 2, 2], data: [1, 2, 3, 4] };
    assert.deepEqual(patch, { opened: [spec], editing: false, outChannel: 0, args, transposed: { ...DEFAULT_TRANSPOSED, on: false } });
    assert.notEqual(patch.args, args, 'a copy of the arguments');
    assert.deepEqual(then, { kind: 'kernels', kernels: [spec] });
  });

  it('useKernel without arguments keeps the arguments and the transposed switch', () => {
    const { patch } = reduceHostMessage(state(), { type: 'useKernel', title: 't', kernel: { shape: [2, 2], data: [1, 1, 1, 1] } });
    assert.equal('args' in patch, false);
    assert.equal('transposed' in patch, false);
  });
});

describe('kernel-list entries', () => {
  it('a preset is its rows as a 2-D kernel; an unknown id is undefined', () => {
    assert.deepEqual(presetSpec('x'), {
      source: 'preset',
      id: 'x',
      label: presetSpec('x')!.label,
      shape: [3, 3],
      data: [1, 0, 0, 0, -1, 0, 0, 0, 1],
    });
    assert.equal(presetSpec('nope'), undefined);
    assert.deepEqual(DEFAULT_KERNELS, [presetSpec('x')]);
  });

  it('only one 2-D kernel is editable cell by cell', () => {
    const x = presetSpec('x')!;
    assert.equal(editableKernel([x]), x);
    assert.equal(editableKernel([x, x]), null);
    assert.equal(editableKernel([{ ...x, shape: [1, 3, 3] }]), null);
  });
});

describe('cell size of the three grids', () => {
  const inputsOf = (data: number[]): PanelInputs => ({
    source: { shape: [5, 5], data },
    layout: 'chw',
    kernels: DEFAULT_KERNELS,
    args: DEFAULT_CONV2D_ARGS,
    transposed: DEFAULT_TRANSPOSED,
    argError: null,
    batch: 0,
    channel: 0,
    outChannel: 0,
  });
  const derived = (data: number[]) => derivePanel(inputsOf(data), 'dark').d;

  it("the kernel's two-character -1 needs 22 px (7.8 px a character + 6); −0.00012 (8 characters) needs 69 px", () => {
    assert.equal(labelRoom(derived(Array(25).fill(1))), Math.ceil(2 * 7.8 + 6));
    assert.equal(labelRoom(derived(Array(25).fill(-0.000123456))), Math.ceil(8 * 7.8 + 6));
  });

  it('5 + 3 + 3 columns get 40 px cells, side by side or (300 px) wrapped; 40 + 3 + 38 columns shrink to fit 600 px, or wrap at 1500 px', () => {
    const d = derived(Array(25).fill(1));
    assert.equal(fitCellSize(d, 1200), 40);
    assert.equal(fitCellSize(d, 300), 40);
    assert.equal(fitCellSize(emptyDerived(), 1200), 40);
    const big = derivePanel({ ...inputsOf(Array(1600).fill(1)), source: { shape: [40, 40], data: Array(1600).fill(1) } }, 'dark').d;
    // Below 6 px a cell keeps its fraction (no labels are drawn at that size anyway).
    assert.equal(fitCellSize(big, 600), (600 - 140) / 81);
    // 1360 px / 81 columns is too small for 40 px labels side by side: one grid a row, 1452 px / 40 columns.
    assert.equal(fitCellSize(big, 1500), 36);
  });
});
