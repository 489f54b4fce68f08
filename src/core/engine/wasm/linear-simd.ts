// Dense-layer kernels in WebAssembly SIMD built by ./encoder (in_features a multiple of 4); null where wasm is unavailable.
import { Body, type FuncDef, V128, type WasmApi, encodeModule } from './encoder';
import { axpyTileKernel, forwardTileKernel } from './linear-tiles';
import { copyFloats } from '../kernels/conv-shape';

type Fn = (...args: number[]) => void;
interface Kernels {
  fwd4: Fn;
  fwd2: Fn;
  fwd1: Fn;
  axpyRows: Fn;
  fwdTile: Fn;
  axpy8: Fn;
  axpy4: Fn;
  heap: Float32Array;
}

/** Every function of the linear module, in export order. */
export function linearFunctions(): FuncDef[] {
  return [
    forwardKernel('fwd4', 4),
    forwardKernel('fwd2', 2),
    forwardKernel('fwd1', 1),
    axpyRowsKernel(),
    forwardTileKernel(),
    axpyTileKernel('axpy8', 2),
    axpyTileKernel('axpy4', 1),
  ];
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
        module: new api.Module(encodeModule(linearFunctions())),
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
    const { fwd4, fwd2, fwd1, axpyRows, fwdTile, axpy8, axpy4 } = exp;
    kernels = { fwd4, fwd2, fwd1, axpyRows, fwdTile, axpy8, axpy4, heap: new Float32Array(memory.buffer) };
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
  const k = kernelsFor((yAt + n * outF) * 4);
  if (!k) return false;
  const heap = k.heap;
  heap.set(w, wAt);
  copyFloats(heap, xAt, x, 0, n * inF);
  for (let o = 0; o < outF; o++) heap[bAt + o] = b ? b[o] : 0;
  const blocks = inF >> 2,
    row = inF * 4;
  // Groups of 4 rows through the 4×2 tile (each load of W serves 4 rows); the rest row by row. Same sums either way.
  const tiled = n >= 4 && outF >= 2 ? n & ~3 : 0;
  for (let r = 0; r < tiled; r += 4) {
    let o = 0;
    for (; o + 2 <= outF; o += 2)
      k.fwdTile((xAt + r * inF) * 4, (wAt + o * inF) * 4, (bAt + o) * 4, (yAt + r * outF + o) * 4, blocks, row, row, outF * 4);
    if (o < outF) for (let j = 0; j < 4; j++) fwdRow(k, r + j, o);
  }
  for (let r = tiled; r < n; r++) fwdRow(k, r, 0);
  copyFloats(y, 0, heap, yAt, n * outF);
  return true;

  /** Row r's outputs from o on, with the per-row kernels. */
  function fwdRow(k: Kernels, r: number, from: number): void {
    const xr = (xAt + r * inF) * 4,
      yr = yAt + r * outF;
    let o = from;
    for (; o + 4 <= outF; o += 4) k.fwd4(xr, (wAt + o * inF) * 4, (bAt + o) * 4, (yr + o) * 4, blocks, row);
    for (; o + 2 <= outF; o += 2) k.fwd2(xr, (wAt + o * inF) * 4, (bAt + o) * 4, (yr + o) * 4, blocks, row);
    for (; o < outF; o++) k.fwd1(xr, (wAt + o * inF) * 4, (bAt + o) * 4, (yr + o) * 4, blocks, row);
  }
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
  const k = kernelsFor((gxAt + n * inF) * 4);
  if (!k) return false;
  const heap = k.heap;
  heap.set(w, wAt);
  copyFloats(heap, gyAt, gy, 0, n * outF);
  // gx[r, :] = Σ_o gy[r, o]·w[o, :] in o order. Groups of 4 rows: each column strip of W (outF × 8 floats, in L1) serves
  // every group before the next strip, so W streams through the caches once instead of once per row.
  const groups = n >> 2,
    row = inF * 4;
  if (groups > 0) {
    let c = 0;
    for (; c + 8 <= inF; c += 8) k.axpy8((gxAt + c) * 4, gyAt * 4, (wAt + c) * 4, outF, groups, row, outF * 4, 4, row, 0);
    if (c < inF) k.axpy4((gxAt + c) * 4, gyAt * 4, (wAt + c) * 4, outF, groups, row, outF * 4, 4, row, 0);
  }
  for (let r = groups * 4; r < n; r++) {
    heap.fill(0, gxAt + r * inF, gxAt + (r + 1) * inF);
    k.axpyRows((gxAt + r * inF) * 4, (gyAt + r * outF) * 4, wAt * 4, outF, inF >> 2, 0, 4, row);
  }
  copyFloats(gx, 0, heap, gxAt, n * inF);
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
  copyFloats(heap, xAt, x, 0, n * inF);
  copyFloats(heap, gyAt, gy, 0, n * outF);
  // gw[o, :] (+)= Σ_r gy[r, o]·x[r, :] in r order. Groups of 4 output features held in registers over the whole batch, so
  // gw is written once instead of read and written once per batch row.
  const groups = outF >> 2,
    row = inF * 4;
  const tiledRows = groups * 4;
  if (accumulate) heap.set(gw.subarray(0, tiledRows * inF), gwAt);
  if (groups > 0) {
    const init = accumulate ? 1 : 0;
    let c = 0;
    for (; c + 8 <= inF; c += 8) k.axpy8((gwAt + c) * 4, gyAt * 4, (xAt + c) * 4, n, groups, row, 4, outF * 4, row, init);
    if (c < inF) k.axpy4((gwAt + c) * 4, gyAt * 4, (xAt + c) * 4, n, groups, row, 4, outF * 4, row, init);
  }
  if (tiledRows < outF) {
    const rest = gwAt + tiledRows * inF;
    if (accumulate) heap.set(gw.subarray(tiledRows * inF, outF * inF), rest);
    else heap.fill(0, rest, gwAt + outF * inF);
    for (let r = 0; r < n; r++)
      k.axpyRows(rest * 4, (gyAt + r * outF + tiledRows) * 4, (xAt + r * inF) * 4, outF - tiledRows, inF >> 2, row, 4, 0);
  }
  gw.set(heap.subarray(gwAt, gwAt + outF * inF));
  return true;
}
