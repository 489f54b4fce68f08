// The Convolution panel's pure derive, without a DOM: PyTorch's outputs through derivePanel, the stepper's sums, selections.
import assert from 'node:assert/strict';
import { DEFAULT_CONV2D_ARGS, type Conv2dArgs, type WireTensor } from '../../../src/core/protocol/convolution';
import type { Term } from '../../../src/core/render/arithmetic';
import { conv2dTerms, describeConv2dInput, fedBy, windowCells } from '../../../webview/convolution/compute/conv2d-panel';
import { derivePanel, positionOf, stepShape, type PanelInputs } from '../../../webview/convolution/compute/derive';
import { presetSpec, type KernelSpec } from '../../../webview/convolution/compute/kernel-specs';
import { transposedOutputCell, transposedTerms } from '../../../webview/convolution/compute/transposed-panel';
import { DEFAULT_KERNELS, DEFAULT_TRANSPOSED } from '../../../webview/convolution/state';
import { assertClose, readGolden, type JsonTensor } from '../engine/golden-helpers';
import { transposedFixture } from '../../webview/fixtures/transposed-fixture';

const custom = (t: JsonTensor): KernelSpec => ({ source: 'custom', id: '', label: 'k', shape: [...t.shape], data: [...t.data] });

const inputs = (source: WireTensor, over: Partial<PanelInputs> = {}): PanelInputs => ({
  source,
  layout: 'chw',
  kernels: DEFAULT_KERNELS,
  args: DEFAULT_CONV2D_ARGS,
  transposed: DEFAULT_TRANSPOSED,
  argError: null,
  batch: 0,
  channel: 0,
  outChannel: 0,
  ...over,
});

/**
 * The stepper's terms summed in float64 (each float32 × float32 product is exact there) against the engine's float32
 * output: K float32 additions are each off by at most half an ulp of the running sum, so |error| ≤ K·2⁻²⁴·Σ|terms|.
 */
function assertTermsSum(terms: Term[], bias: number, value: number, what: string): void {
  const exact = terms.reduce((s, t) => s + t.x * t.w, bias);
  const magnitude = terms.reduce((s, t) => s + Math.abs(t.x * t.w), Math.abs(bias));
  const bound = (terms.length + 1) * 2 ** -24 * magnitude;
  assert.ok(Math.abs(exact - value) <= bound, `${what}: terms sum to ${exact}, the output is ${value} (bound ${bound})`);
}

describe('derivePanel (conv2d) against PyTorch', () => {
  interface SeedCase {
    name: string;
    image: number[][];
    kernel: number[][];
    stride: number;
    padding: number;
    output: JsonTensor;
  }
  for (const c of readGolden<{ cases: SeedCase[] }>('seed_examples.json').cases) {
    it(`${c.name}: the tutorial's 2-D literal and kernel give PyTorch's output, and each step's terms sum to its cell`, () => {
      const H = c.image.length;
      const W = c.image[0].length;
      const args: Conv2dArgs = { ...DEFAULT_CONV2D_ARGS, stride: [c.stride, c.stride], padding: [c.padding, c.padding] };
      const kernel = { shape: [c.kernel.length, c.kernel[0].length], data: c.kernel.flat() };
      const { d, sel } = derivePanel(inputs({ shape: [H, W], data: c.image.flat() }, { kernels: [custom(kernel)], args }), 'dark');
      assert.equal(d.error, undefined);
      assert.deepEqual(d.output?.shape, c.output.shape);
      assertClose(d.output!.data, c.output, c.name);
      const shape = stepShape(d, DEFAULT_TRANSPOSED);
      assert.deepEqual(shape, c.output.shape.slice(-2));
      for (let step = 0; step < shape![0] * shape![1]; step++) {
        const at = positionOf(step, shape);
        assertTermsSum(conv2dTerms(d, sel, 1, at), 0, d.outPlane![step], `${c.name} step ${step}`);
        assert.equal(windowCells(d, at).length, c.kernel.length * c.kernel[0].length);
      }
    });
  }

  interface ConvCase {
    name: string;
    args: {
      stride: [number, number];
      padding: [number, number] | 'same' | 'valid';
      dilation: [number, number];
      groups: number;
      padding_mode: Conv2dArgs['paddingMode'];
    };
    input: JsonTensor;
    weight: JsonTensor;
    bias: JsonTensor | null;
    output: JsonTensor;
  }
  const unbiased = readGolden<{ cases: ConvCase[] }>('conv2d.json').cases.filter((c) => c.bias === null);
  it('finds the bias-free conv2d cases (the filter itself can fail)', () => assert.ok(unbiased.length >= 10, `${unbiased.length} cases`));
  for (const c of unbiased) {
    it(`${c.name}: a 4-D weight with the case's arguments gives PyTorch's output and the last batch item's sums`, () => {
      const args: Conv2dArgs = {
        stride: c.args.stride,
        padding: c.args.padding,
        dilation: c.args.dilation,
        groups: c.args.groups,
        paddingMode: c.args.padding_mode,
        bias: null,
      };
      const N = c.input.shape.length === 4 ? c.input.shape[0] : 1;
      const Cout = c.weight.shape[0];
      const x = inputs(c.input, { kernels: [custom(c.weight)], args, batch: N + 5, outChannel: Cout - 1 });
      const { d, sel } = derivePanel(x, 'light');
      assert.equal(d.error, undefined, d.error);
      assertClose(d.output!.data, c.output, c.name);
      // A batch beyond the tensor is clamped to the last item; the last output channel is kept.
      assert.deepEqual(sel, { batch: N - 1, channel: 0, outChannel: Cout - 1 });
      const shape = stepShape(d, DEFAULT_TRANSPOSED)!;
      for (const step of [0, shape[0] * shape[1] - 1]) {
        assertTermsSum(conv2dTerms(d, sel, args.groups, positionOf(step, shape)), 0, d.outPlane![step], `${c.name} step ${step}`);
      }
    });
  }
});

describe('derivePanel: states the panel shows instead of an output', () => {
  const five: WireTensor = { shape: [5, 5], data: Array.from({ length: 25 }, (_, i) => i) };

  it('no tensor: an empty derive and the selection unchanged', () => {
    const { d, sel } = derivePanel(inputs(five, { source: null, batch: 3 }), 'dark');
    assert.equal(d.input, undefined);
    assert.equal(sel.batch, 3);
  });

  it("a 1-D tensor: the panel's one-line reason", () => {
    const { d } = derivePanel(inputs({ shape: [4], data: [1, 2, 3, 4] }), 'dark');
    assert.equal(d.inputError, 'Convolution needs a 2-D, 3-D or 4-D tensor; this one has shape [4].');
  });

  it('an invalid argument field: the weight and padded plane are drawn, the output waits', () => {
    const { d } = derivePanel(inputs(five, { argError: 'stride height is blank' }), 'dark');
    assert.equal(d.waiting, 'stride height is blank');
    assert.equal(d.output, undefined);
    assert.deepEqual(d.weight?.shape, [1, 1, 3, 3]);
    assert.equal(d.padded?.rows, 5);
  });

  it("PyTorch's refusal (kernel larger than the input) is the error, and the input is still drawn", () => {
    const { d } = derivePanel(inputs({ shape: [2, 2], data: [1, 2, 3, 4] }), 'dark');
    assert.match(d.error ?? '', /^RuntimeError: /);
    assert.equal(d.output, undefined);
    assert.equal(d.padded?.cols, 2);
  });

  it('reflect padding PyTorch refuses draws the input without padding and says so', () => {
    const args: Conv2dArgs = { ...DEFAULT_CONV2D_ARGS, padding: [5, 5], paddingMode: 'reflect' };
    const { d } = derivePanel(inputs(five, { args }), 'dark');
    assert.ok(d.error);
    assert.equal(d.paddingRefused, true);
    assert.deepEqual([d.padded?.rows, d.padded?.cols], [5, 5]);
  });

  it('H×W×C layout reads a [4, 4, 3] array channels-last: channel 2 is every third value, and the picture has 3 channels', () => {
    const data = Array.from({ length: 48 }, (_, i) => i);
    const { d } = derivePanel(
      inputs({ shape: [4, 4, 3], data }, { layout: 'hwc', channel: 2, kernels: [presetSpec('identity')!] }),
      'dark',
    );
    assert.deepEqual(d.input?.shape, [3, 4, 4]);
    assert.deepEqual(Array.from(d.padded!.values.slice(0, 4)), [2, 5, 8, 11]);
    assert.deepEqual(d.rgb && [d.rgb.H, d.rgb.W, d.rgb.data.length], [4, 4, 48]);
  });

  it('one 2-D kernel on 3 channels derives both groupings: the summed map is the sum of the per-channel maps', () => {
    const data = Array.from({ length: 3 * 16 }, (_, i) => (i * 7) % 5);
    const { d } = derivePanel(inputs({ shape: [3, 4, 4], data }), 'dark');
    const b = d.both!;
    assert.deepEqual([b.H, b.W], [2, 2]);
    for (let i = 0; i < 4; i++) assert.equal(b.summed[i], b.perChannel[i] + b.perChannel[4 + i] + b.perChannel[8 + i]);
  });

  it('tooltips name the input cell or the padding it copies, and count the outputs it feeds', () => {
    const args: Conv2dArgs = { ...DEFAULT_CONV2D_ARGS, padding: [1, 1], paddingMode: 'replicate' };
    const { d } = derivePanel(inputs(five, { args }), 'dark');
    assert.equal(describeConv2dInput(d, args, 1, 1), 'input[0, 0] = 0 · feeds 4 outputs');
    assert.equal(describeConv2dInput(d, args, 0, 0), 'padding (replicate, copies input[0, 0]) = 0 · feeds 1 output');
    assert.equal(fedBy(d, [3, 3]).length, 9);
  });
});

describe('derivePanel (conv_transpose2d) against PyTorch', () => {
  for (const c of transposedFixture.cases.filter((x) => x.output)) {
    it(`${c.name}: the output PyTorch gives, and in both views every output cell's terms sum to it`, () => {
      const a = c.args;
      const args: Conv2dArgs = {
        ...DEFAULT_CONV2D_ARGS,
        stride: [a.stride, a.stride],
        padding: [a.padding, a.padding],
        dilation: [a.dilation, a.dilation],
        bias: a.bias,
      };
      for (const mode of ['zero-inserted', 'scatter'] as const) {
        const transposed = { on: true, mode, outputPadding: [a.output_padding, a.output_padding] as [number, number] };
        const { d } = derivePanel(inputs(c.input, { kernels: [custom(c.kernel)], args, transposed }), 'dark');
        assert.equal(d.error, undefined, d.error);
        assertClose(d.output!.data, c.output!, `${c.name} (${mode})`);
        const [Ho, Wo] = c.output!.shape.slice(-2);
        const shape = stepShape(d, transposed)!;
        for (let oy = 0; oy < Ho; oy++)
          for (let ox = 0; ox < Wo; ox++) {
            // The scatter view steps input cells; an output cell picked at step 0 is the one written.
            const cell = transposedOutputCell(d, mode, positionOf(0, shape), 0, { step: 0, cell: [oy, ox] });
            assert.deepEqual(mode === 'scatter' ? cell : [oy, ox], [oy, ox]);
            assertTermsSum(transposedTerms(d, mode, [oy, ox]), a.bias ?? 0, d.outPlane![oy * Wo + ox], `${c.name} ${mode} [${oy}, ${ox}]`);
          }
      }
    });
  }
});
