// Dense-layer kernels in WebAssembly SIMD built by ./encoder (in_features a multiple of 4); null where wasm is unavailable.
import { Body, type FuncDef, V128, type WasmApi, encodeModule } from './encoder';
import { copyFloats } from '../kernels/conv-shape';

type Fn = (...args: number[]) => void;
interface Kernels {
  fwd4: Fn;
  fwd2: Fn;
  fwd1: Fn;
  axpyRows: Fn;
  heap: Float32Array;
}

/** y[c] = b[c] + Σ x[i]·w[c, i] for `channels` rows of w (4, 2 or 1) sharing each load of x; 4 lanes, summed at the end. */
export function forwardKernel(name: string, channels: number): FuncDef {
  const f = new Body();
  const [X, W, B, Y, BLOCKS, ROW] = ['x', 'w', 'b', 'y', 'blocks', 'rowBytes'].map((n) => f.param(n));
  const [I, XP, WP] = ['i', 'xp', 'wp'].map((n) => f.local(n));
  const acc = Array.from({ length: channels }, (_, c) => f.local(`acc${c}`, V128));
  const XV = f.local('xv', V128);
  for (let c = 0; c < channels; c++) f.f32(0).f32x4Splat().set(acc[c]);
  f.get(X).set(XP).get(W).set(WP).i32(0).set(I).block().loop();
  f.get(I).get(BLOCKS).geS().brIf(1);
  f.get(XP).v128Load().set(XV);
  for (let c = 0; c < channels; c++) {
    f.get(acc[c]).get(WP).get(ROW).i32(c).mul().add().v128Load().get(XV).f32x4Mul().f32x4Add().set(acc[c]);
  }
  f.inc(XP, 16).inc(WP, 16).inc(I, 1).br(0).end().end();
  for (let c = 0; c < channels; c++) {
    f.get(Y).get(acc[c]).f32x4ExtractLane(0);
    for (let lane = 1; lane < 4; lane++) f.get(acc[c]).f32x4ExtractLane(lane).f32Add();
    f.get(B)
      .loadF32(4 * c)
      .f32Add()
      .storeF32(4 * c);
  }
  return { name, body: f };
}

/** For r < rows: dst_r += s_r·src_r over `blocks` blocks of 4 floats; dst_r, s_r, src_r advance by their byte steps per r. */
export function axpyRowsKernel(): FuncDef {
  const f = new Body();
  const [DST, S, SRC, ROWS, BLOCKS, ROWB, SSTEP, SRCSTEP] = ['dst', 's', 'src', 'rows', 'blocks', 'dstStep', 'sStep', 'srcStep'].map((n) =>
    f.param(n),
  );
  const [R, I, DP, SP] = ['r', 'i', 'dp', 'sp'].map((n) => f.local(n));
  const G = f.local('g', V128);
  f.i32(0).set(R).block().loop();
  f.get(R).get(ROWS).geS().brIf(1);
  f.get(S).loadF32().f32x4Splat().set(G);
  f.get(DST).get(R).get(ROWB).mul().add().set(DP).get(SRC).get(R).get(SRCSTEP).mul().add().set(SP).i32(0).set(I).block().loop();
  f.get(I).get(BLOCKS).geS().brIf(1);
  f.get(DP).get(DP).v128Load().get(G).get(SP).v128Load().f32x4Mul().f32x4Add().v128Store();
  f.inc(DP, 16).inc(SP, 16).inc(I, 1).br(0).end().end();
  f.incBy(S, SSTEP).inc(R, 1).br(0).end().end();
  return { name: 'axpyRows', body: f };
}

let compiled: { api: WasmApi; module: object } | null | undefined;
let kernels: Kernels | null = null;

/** Kernels over a memory of at least `bytes`; a bigger need gets a new memory and instance (never grow: see conv-simd). */
function kernelsFor(bytes: number): Kernels | null {
  if (bytes > 64 * 1024 * 1024) return null;
  if (compiled === undefined) {
    try {
      const api = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
      if (!api) throw new Error('no WebAssembly');
      compiled = {
        api,
        module: new api.Module(
          encodeModule([forwardKernel('fwd4', 4), forwardKernel('fwd2', 2), forwardKernel('fwd1', 1), axpyRowsKernel()]),
        ),
      };
    } catch {
      compiled = null; // no WebAssembly (SIMD), or a CSP without 'wasm-unsafe-eval'
    }
  }
  if (!compiled) return null;
  if (!kernels || kernels.heap.byteLength < bytes) {
    const pages = Math.ceil(Math.max(bytes, (kernels?.heap.byteLength ?? 0) * 1.5, 65536) / 65536);
    const memory = new compiled.api.Memory({ initial: pages });
    const exp = new compiled.api.Instance(compiled.module, { env: { memory } }).exports as Omit<Kernels, 'heap'>;
    kernels = { fwd4: exp.fwd4, fwd2: exp.fwd2, fwd1: exp.fwd1, axpyRows: exp.axpyRows, heap: new Float32Array(memory.buffer) };
  }
  return kernels;
}

/** y = x·Wᵀ + b with SIMD; false (nothing written) when not applicable. Layout in floats: w | x | b | y. */
export function linearForwardSimd(
  x: Float32Array,
  w: Float32Array,
  b: Float32Array | null,
  n: number,
  inF: number,
  outF: number,
  y: Float32Array,
): boolean {
  if (inF % 4 !== 0 || inF === 0 || n * outF === 0) return false;
  const wAt = 0,
    xAt = outF * inF,
    bAt = xAt + n * inF,
    yAt = bAt + ((outF + 3) & ~3);
  const k = kernelsFor((yAt + outF) * 4);
  if (!k) return false;
  const heap = k.heap;
  heap.set(w, wAt);
  copyFloats(heap, xAt, x, 0, n * inF);
  for (let o = 0; o < outF; o++) heap[bAt + o] = b ? b[o] : 0;
  const blocks = inF >> 2,
    row = inF * 4;
  for (let r = 0; r < n; r++) {
    let o = 0;
    for (; o + 4 <= outF; o += 4) k.fwd4((xAt + r * inF) * 4, (wAt + o * inF) * 4, (bAt + o) * 4, (yAt + o) * 4, blocks, row);
    for (; o + 2 <= outF; o += 2) k.fwd2((xAt + r * inF) * 4, (wAt + o * inF) * 4, (bAt + o) * 4, (yAt + o) * 4, blocks, row);
    for (; o < outF; o++) k.fwd1((xAt + r * inF) * 4, (wAt + o * inF) * 4, (bAt + o) * 4, (yAt + o) * 4, blocks, row);
    for (let j = 0; j < outF; j++) y[r * outF + j] = heap[yAt + j];
  }
  return true;
}

/** gx = gy·W with SIMD (gx overwritten): rows of W scaled by gy and summed. Layout: w | gy | gx. */
export function linearBackwardInputSimd(
  gy: Float32Array,
  w: Float32Array,
  n: number,
  inF: number,
  outF: number,
  gx: Float32Array,
): boolean {
  if (inF % 4 !== 0 || inF === 0 || outF === 0) return false;
  const wAt = 0,
    gyAt = outF * inF,
    gxAt = gyAt + ((n * outF + 3) & ~3);
  const k = kernelsFor((gxAt + inF) * 4);
  if (!k) return false;
  const heap = k.heap;
  heap.set(w, wAt);
  copyFloats(heap, gyAt, gy, 0, n * outF);
  for (let r = 0; r < n; r++) {
    heap.fill(0, gxAt, gxAt + inF);
    // gx[r, :] += gy[r, o]·w[o, :] for each o: one destination row, outF source rows.
    k.axpyRows(gxAt * 4, (gyAt + r * outF) * 4, wAt * 4, outF, inF >> 2, 0, 4, inF * 4);
    copyFloats(gx, r * inF, heap, gxAt, inF);
  }
  return true;
}

/** gw (+)= gyᵀ·x with SIMD; `accumulate` adds to gw's contents, else overwrites. Layout: gw | x | gy. */
export function linearBackwardWeightSimd(
  gy: Float32Array,
  x: Float32Array,
  n: number,
  inF: number,
  outF: number,
  gw: Float32Array,
  accumulate: boolean,
): boolean {
  if (inF % 4 !== 0 || inF === 0 || outF === 0) return false;
  const gwAt = 0,
    xAt = outF * inF,
    gyAt = xAt + n * inF;
  const k = kernelsFor((gyAt + n * outF) * 4);
  if (!k) return false;
  const heap = k.heap;
  if (accumulate) heap.set(gw, gwAt);
  else heap.fill(0, gwAt, gwAt + outF * inF);
  copyFloats(heap, xAt, x, 0, n * inF);
  copyFloats(heap, gyAt, gy, 0, n * outF);
  for (let r = 0; r < n; r++) k.axpyRows(gwAt * 4, (gyAt + r * outF) * 4, (xAt + r * inF) * 4, outF, inF >> 2, inF * 4, 4, 0);
  gw.set(heap.subarray(gwAt, gwAt + outF * inF));
  return true;
}
