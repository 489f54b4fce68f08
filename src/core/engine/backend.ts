// The one switch between the plain-JS reference kernels (kernels/) and the WebAssembly SIMD fast path (wasm/), with a record of
// which path ran for each kernel so tests can prove the fast path really ran (a guard that always fell back would fail them).
import type { ConvShape } from './kernels/conv-shape';
import * as ref from './kernels/conv2d';
import * as refBackward from './kernels/conv2d-backward';
import * as refLinear from './kernels/linear';
import { conv2dForwardSimd } from './wasm/conv-simd-forward';
import { conv2dBackwardWeightSimd } from './wasm/conv-simd-weight';
import { simdFlavour } from './wasm/conv-simd';
import { linearBackwardInputSimd, linearBackwardWeightSimd, linearForwardSimd } from './wasm/linear-simd';
import { SimdAdamState } from './wasm/optim-simd';
import { gatherPhases, phaseShape, phaseWeights, scatterPhaseInputGrad, scatterPhaseWeightGrad, usesPhases } from './kernels/conv-phases';
import { outputBuffer, scratchF32, sharedScratchF32 } from './memory';
import { parallelFor } from './parallel';

export type KernelName =
  'conv2dForward' | 'conv2dBackwardWeight' | 'linearForward' | 'linearBackwardInput' | 'linearBackwardWeight' | 'adam';
export type Path = 'simd' | 'js';

const KERNELS: KernelName[] = [
  'conv2dForward',
  'conv2dBackwardWeight',
  'linearForward',
  'linearBackwardInput',
  'linearBackwardWeight',
  'adam',
];
const counts = { simd: zeroCounts(), js: zeroCounts() };

function zeroCounts(): Record<KernelName, number> {
  return Object.fromEntries(KERNELS.map((k) => [k, 0])) as Record<KernelName, number>;
}

/** How many calls of each kernel took each path since the last reset. */
export function pathCounts(): { simd: Record<KernelName, number>; js: Record<KernelName, number> } {
  return { simd: { ...counts.simd }, js: { ...counts.js } };
}

export function resetPathCounts(): void {
  counts.simd = zeroCounts();
  counts.js = zeroCounts();
}

export type BackendName = 'wasm-relaxed-simd' | 'wasm-simd' | 'js';
let requested: BackendName | 'auto' = 'auto';
let chosen: BackendName | undefined;

/**
 * Turns the WebAssembly path off (the webview's CSP forbids compiling it; tests compare it with the reference) or back on.
 * Nothing is compiled until the first kernel call, so turning it off before any call means WebAssembly is never tried.
 */
export function setSimdEnabled(flag: boolean): void {
  useBackend(flag ? 'auto' : 'js');
}

/** Asks for one path ('auto': the best the runtime has); a flavour the runtime lacks falls back to the best it has. */
export function useBackend(name: BackendName | 'auto'): void {
  requested = name;
  chosen = undefined;
}

/** The path in use, decided once (at the first kernel call): relaxed SIMD where the runtime validates it, SIMD, or plain JS. */
export function backendName(): BackendName {
  if (chosen === undefined) {
    const best = requested === 'js' ? null : simdFlavour();
    chosen = requested === 'wasm-simd' && best ? 'wasm-simd' : (best ?? 'js');
  }
  return chosen;
}

const simd = () => backendName() !== 'js';
const relaxed = () => backendName() === 'wasm-relaxed-simd';

function ran(kernel: KernelName, fast: boolean): void {
  counts[fast ? 'simd' : 'js'][kernel]++;
}

const convTaps = (s: ConvShape) => (s.c / s.groups) * s.kH * s.kW;
const convMacs = (s: ConvShape) => s.n * s.o * s.outH * s.outW * convTaps(s);
/** Whether the SIMD forward will split this call across helper threads (the same test conv2dForwardSimd makes). */
const splitsForward = (s: ConvShape) => simd() && s.sW === 1 && parallelFor(convMacs(s), convTaps(s)) !== null;

/** The output array for a conv2d forward: on a SharedArrayBuffer when the call will be split across helper threads. */
export function conv2dOutput(s: ConvShape, size: number): Float32Array {
  return outputBuffer(size, splitsForward(s));
}

const inputSize = (t: ConvShape) => t.n * t.c * t.h * t.w;
const weightSize = (t: ConvShape) => (t.o * t.c * t.kH * t.kW) / t.groups;
/** Strided (dilation 1) calls run on the SIMD path as stride-1 ones over stacked phases (kernels/conv-phases). */
const phased = (s: ConvShape, inputGradient = false) => simd() && usesPhases(s, inputGradient);

export function conv2dForward(x: Float32Array, w: Float32Array, b: Float32Array | null, s: ConvShape, out: Float32Array): void {
  if (phased(s)) {
    const t = phaseShape(s);
    const xs = scratchF32('phase.x', inputSize(t)),
      ws = scratchF32('phase.w', weightSize(t));
    gatherPhases(x, s, t, xs);
    phaseWeights(w, s, t, ws);
    return conv2dForward(xs, ws, b, t, out);
  }
  // A split call needs an output helper threads can write: an unshared one (a gradient buffer) goes through shared scratch.
  const viaScratch = out.buffer instanceof ArrayBuffer && splitsForward(s);
  const target = viaScratch ? sharedScratchF32('conv.out', out.length) : out;
  const fast = simd() && conv2dForwardSimd(x, w, b, s, target, relaxed());
  ran('conv2dForward', fast);
  if (!fast) ref.conv2dForward(x, w, b, s, out);
  else if (viaScratch) out.set(target);
}

/** Stride 1 goes through conv2dForward (a full correlation with the flipped kernel), so it takes the fast path too. */
export function conv2dBackwardInput(gy: Float32Array, w: Float32Array, s: ConvShape, gx: Float32Array): void {
  if (phased(s, true)) {
    const t = phaseShape(s);
    const ws = scratchF32('phase.w', weightSize(t)),
      gs = scratchF32('phase.gx', inputSize(t));
    phaseWeights(w, s, t, ws);
    refBackward.conv2dBackwardInput(gy, ws, t, gs, conv2dForward);
    return scatterPhaseInputGrad(gs, s, t, gx);
  }
  refBackward.conv2dBackwardInput(gy, w, s, gx, conv2dForward);
}

export function conv2dBackwardWeight(gy: Float32Array, x: Float32Array, s: ConvShape, gw: Float32Array): void {
  if (phased(s)) {
    const t = phaseShape(s);
    const xs = scratchF32('phase.x', inputSize(t)),
      gs = scratchF32('phase.gw', weightSize(t));
    gatherPhases(x, s, t, xs);
    conv2dBackwardWeight(gy, xs, t, gs);
    return scatterPhaseWeightGrad(gs, s, t, gw);
  }
  const fast = simd() && conv2dBackwardWeightSimd(gy, x, s, gw, relaxed());
  ran('conv2dBackwardWeight', fast);
  if (!fast) refBackward.conv2dBackwardWeight(gy, x, s, gw);
}

export const conv2dBackwardBias = refBackward.conv2dBackwardBias;

export function linearForward(
  x: Float32Array,
  w: Float32Array,
  b: Float32Array | null,
  n: number,
  inF: number,
  outF: number,
  y: Float32Array,
): void {
  const fast = simd() && linearForwardSimd(x, w, b, n, inF, outF, y);
  ran('linearForward', fast);
  if (!fast) refLinear.linearForward(x, w, b, n, inF, outF, y);
}

export function linearBackwardInput(gy: Float32Array, w: Float32Array, n: number, inF: number, outF: number, gx: Float32Array): void {
  const fast = simd() && linearBackwardInputSimd(gy, w, n, inF, outF, gx);
  ran('linearBackwardInput', fast);
  if (!fast) refLinear.linearBackwardInput(gy, w, n, inF, outF, gx);
}

/** gw (+)= gyᵀ·x and gb (+)= Σ gy; `accumulate` adds to their contents. */
export function linearBackwardParams(
  gy: Float32Array,
  x: Float32Array,
  n: number,
  inF: number,
  outF: number,
  gw: Float32Array | null,
  gb: Float32Array | null,
  accumulate = false,
): void {
  if (gw) {
    const fast = simd() && linearBackwardWeightSimd(gy, x, n, inF, outF, gw, accumulate);
    ran('linearBackwardWeight', fast);
    if (!fast) refLinear.linearBackwardParams(gy, x, n, inF, outF, gw, null, accumulate);
  }
  if (gb) refLinear.linearBackwardParams(gy, x, n, inF, outF, null, gb, accumulate);
}

/** Adam's moments in wasm memory with a SIMD update, or null for the plain-JS update. */
export function adamState(sizes: number[]): SimdAdamState | null {
  return simd() ? SimdAdamState.create(sizes) : null;
}

/** Records one Adam step and its path (the optimizer runs the update itself). */
export function noteAdamStep(fast: boolean): void {
  ran('adam', fast);
}
