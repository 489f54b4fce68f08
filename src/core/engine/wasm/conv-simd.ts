// Stride-1 conv2d forward in WebAssembly SIMD built by ./encoder: 4 channels × 8 pixels (f32x4) per tile; null where wasm is unavailable.
import type { ConvShape } from '../kernels/conv2d';
import { Body, type FuncDef, I32, V128, type WasmApi, type WasmMemory, encodeModule } from './encoder';

interface Kernels {
  memory: WasmMemory;
  conv4x8: (
    x: number,
    ws: number,
    off: number,
    k: number,
    out: number,
    plane: number,
    blocks: number,
    bias: number,
    rows: number,
    xRow: number,
    oRow: number,
  ) => void;
  conv2x8: (
    x: number,
    ws: number,
    off: number,
    k: number,
    out: number,
    plane: number,
    blocks: number,
    bias: number,
    rows: number,
    xRow: number,
    oRow: number,
  ) => void;
  conv1x8: (
    x: number,
    ws: number,
    off: number,
    k: number,
    out: number,
    plane: number,
    blocks: number,
    bias: number,
    rows: number,
    xRow: number,
    oRow: number,
  ) => void;
  wgrad4x2: (
    gy: number,
    d0: number,
    d1: number,
    d2: number,
    d3: number,
    gyBatch: number,
    x: number,
    xBatch: number,
    n: number,
    taps: number,
    pairs: number,
    rows: number,
    blocks: number,
    gyRow: number,
    xRow: number,
    out: number,
    kp: number,
  ) => void;
}

// Parameters of both kernels: x (first input pixel), ws (splatted weights), off (tap byte offsets), K, out, plane bytes, 8-pixel blocks,
// bias, then output rows and the byte strides of one row step in x and in out.
const [X, WS, OFF, K, OUT, PLANE, BLOCKS, BIAS, ROWS, XROW, OROW] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const [B, KK, O, WP, OP, TMP, R, XR, OR] = [11, 12, 13, 14, 15, 16, 17, 18, 19];
const ACC = 20; // v128 locals: ACC.. accumulators, then xa, xb, w

/** One tile loop: `channels` output channels (4, 2 or 1) × 8 pixels, over `rows` output rows; weights laid out [k][channel], splatted on load. */
function tileKernel(name: string, channels: number): FuncDef {
  const xa = ACC + 2 * channels,
    xb = xa + 1,
    w = xb + 1;
  const f = new Body();
  f.get(X).set(XR).get(OUT).set(OR).i32(0).set(R).block().loop();
  f.get(R).get(ROWS).geS().brIf(1);
  f.get(XR).set(X).get(OR).set(OUT);
  f.i32(0).set(B).block().loop();
  f.get(B).get(BLOCKS).geS().brIf(1);
  for (let c = 0; c < channels; c++) {
    f.get(BIAS)
      .loadF32(4 * c)
      .f32x4Splat()
      .tee(ACC + 2 * c)
      .set(ACC + 2 * c + 1);
  }
  f.i32(0).set(KK).get(WS).set(WP).get(OFF).set(OP);
  f.block().loop();
  f.get(KK).get(K).geS().brIf(1);
  f.get(X).get(OP).loadI32().add().set(O);
  f.get(O).v128Load(0).set(xa).get(O).v128Load(16).set(xb);
  for (let c = 0; c < channels; c++) {
    f.get(WP)
      .v128Load32Splat(4 * c)
      .set(w);
    f.get(ACC + 2 * c)
      .get(w)
      .get(xa)
      .f32x4Mul()
      .f32x4Add()
      .set(ACC + 2 * c);
    f.get(ACC + 2 * c + 1)
      .get(w)
      .get(xb)
      .f32x4Mul()
      .f32x4Add()
      .set(ACC + 2 * c + 1);
  }
  f.inc(WP, 4 * channels)
    .inc(OP, 4)
    .inc(KK, 1)
    .br(0)
    .end()
    .end();
  f.get(OUT).set(TMP);
  for (let c = 0; c < channels; c++) {
    f.get(TMP)
      .get(ACC + 2 * c)
      .v128Store(0)
      .get(TMP)
      .get(ACC + 2 * c + 1)
      .v128Store(16);
    if (c + 1 < channels) f.incBy(TMP, PLANE);
  }
  f.inc(X, 32).inc(OUT, 32).inc(B, 1).br(0).end().end();
  f.incBy(XR, XROW).incBy(OR, OROW).inc(R, 1).br(0).end().end();
  return { name, params: Array(11).fill(I32), locals: [...Array(9).fill(I32), ...Array(2 * channels + 3).fill(V128)], body: f };
}

/**
 * Weight gradient of one block of 4 output channels: for each pair of taps q (byte offsets from the i32 table `taps`),
 * Σ over images × rows × 4-pixel blocks of gy·x, written to out[channel·kp + tap] (kp = taps rounded up to even).
 * gy planes of the block start at gy + d0..d3; images advance gy by gyBatch and x by xBatch bytes.
 */
function wgradKernel(): FuncDef {
  const [GY, D0, D1, D2, D3, GYB, XX, XB, NN, TAPS, PAIRS, ROWS, BL, GYROW, XROW, OUTP, KP] = [...Array(17).keys()];
  const [Q, NI, R, BB, XP, GOFF, O0, O1, GN, XN] = [17, 18, 19, 20, 21, 22, 23, 24, 25, 26];
  const A = 27,
    X0 = A + 8,
    X1 = X0 + 1,
    GV = X1 + 1;
  const f = new Body();
  f.i32(0).set(Q).block().loop();
  f.get(Q).get(PAIRS).geS().brIf(1);
  f.get(TAPS).get(Q).i32(8).mul().add().tee(O0).loadI32(4).set(O1).get(O0).loadI32(0).set(O0);
  for (let i = 0; i < 8; i++)
    f.f32(0)
      .f32x4Splat()
      .set(A + i);
  f.i32(0).set(NI).block().loop();
  f.get(NI).get(NN).geS().brIf(1);
  f.get(GY).get(NI).get(GYB).mul().add().set(GN).get(XX).get(NI).get(XB).mul().add().set(XN);
  f.i32(0).set(R).block().loop();
  f.get(R).get(ROWS).geS().brIf(1);
  f.get(GN).get(R).get(GYROW).mul().add().set(GOFF).get(XN).get(R).get(XROW).mul().add().set(XP);
  f.i32(0).set(BB).block().loop();
  f.get(BB).get(BL).geS().brIf(1);
  f.get(XP).get(O0).add().v128Load().set(X0).get(XP).get(O1).add().v128Load().set(X1);
  [D0, D1, D2, D3].forEach((d, c) => {
    f.get(GOFF).get(d).add().v128Load().set(GV);
    f.get(A + 2 * c)
      .get(GV)
      .get(X0)
      .f32x4Mul()
      .f32x4Add()
      .set(A + 2 * c);
    f.get(A + 2 * c + 1)
      .get(GV)
      .get(X1)
      .f32x4Mul()
      .f32x4Add()
      .set(A + 2 * c + 1);
  });
  f.inc(GOFF, 16).inc(XP, 16).inc(BB, 1).br(0).end().end();
  f.inc(R, 1).br(0).end().end();
  f.inc(NI, 1).br(0).end().end();
  // out[c·kp + 2q + t] = horizontal sum of accumulator (c, t)
  for (let c = 0; c < 4; c++) {
    for (let t = 0; t < 2; t++) {
      f.get(OUTP)
        .get(KP)
        .i32(4 * c)
        .mul()
        .add()
        .get(Q)
        .i32(8)
        .mul()
        .add();
      f.get(A + 2 * c + t).f32x4ExtractLane(0);
      for (let lane = 1; lane < 4; lane++)
        f.get(A + 2 * c + t)
          .f32x4ExtractLane(lane)
          .f32Add();
      f.storeF32(4 * t);
    }
  }
  f.inc(Q, 1).br(0).end().end();
  return { name: 'wgrad4x2', params: Array(17).fill(I32), locals: [...Array(10).fill(I32), ...Array(11).fill(V128)], body: f };
}

let kernels: Kernels | null | undefined;
let compiled: { api: WasmApi; module: object } | null = null;
let enabled = true;

/** Turns the SIMD path off (tests compare it with the plain-JS kernels). */
export function setSimdEnabled(flag: boolean): void {
  enabled = flag;
}

export function simdEnabled(): boolean {
  return enabled;
}

/** Points `k` at a fresh instance over a new memory of `pages` pages. */
function instantiate(k: Partial<Kernels>, pages: number): void {
  const memory = new compiled!.api.Memory({ initial: pages });
  const exp = new compiled!.api.Instance(compiled!.module, { env: { memory } }).exports as Omit<Kernels, 'memory'>;
  Object.assign(k, { memory, conv4x8: exp.conv4x8, conv2x8: exp.conv2x8, conv1x8: exp.conv1x8, wgrad4x2: exp.wgrad4x2 });
  views = null;
}

export function simdKernels(): Kernels | null {
  if (!enabled) return null;
  if (kernels === undefined) {
    try {
      const api = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
      if (!api) throw new Error('no WebAssembly');
      compiled = {
        api,
        module: new api.Module(encodeModule([tileKernel('conv4x8', 4), tileKernel('conv2x8', 2), tileKernel('conv1x8', 1), wgradKernel()])),
      };
      const k: Partial<Kernels> = {};
      instantiate(k, 16);
      kernels = k as Kernels;
    } catch {
      kernels = null; // no WebAssembly (SIMD), or a CSP without 'wasm-unsafe-eval'
    }
  }
  return kernels;
}

/** A call that would need more than this uses the plain-JS kernels instead. */
export const MAX_SIMD_HEAP_BYTES = 128 * 1024 * 1024;

let views: { f32: Float32Array; i32: Int32Array } | null = null;

/** dst[at …] = src[from …], len floats: a plain loop for short rows, where set(subarray()) costs more than the copy. */
export function copyFloats(dst: Float32Array, at: number, src: Float32Array, from: number, len: number): void {
  if (len >= 64) dst.set(src.subarray(from, from + len), at);
  else for (let i = 0; i < len; i++) dst[at + i] = src[from + i];
}

/** `rows` rows of `len` floats, src rows `srcStride` apart, dst rows `dstStride` apart; `zeroTail` zeroes dst[len, dstStride). */
export function copyRows(
  dst: Float32Array,
  dstAt: number,
  dstStride: number,
  src: Float32Array,
  srcAt: number,
  srcStride: number,
  rows: number,
  len: number,
  zeroTail = false,
): void {
  for (let r = 0; r < rows; r++) {
    const d = dstAt + r * dstStride,
      from = srcAt + r * srcStride;
    copyFloats(dst, d, src, from, len);
    if (zeroTail) for (let c = len; c < dstStride; c++) dst[d + c] = 0;
  }
}

/** The n·c input planes zero-padded (or cropped) into `hp` rows of `wpx` floats each at f32[at …], as the geometry says. */
export function padInto(f32: Float32Array, at: number, x: Float32Array, s: ConvShape, hp: number, wpx: number): void {
  const c0 = Math.max(0, s.padL),
    c1 = Math.min(wpx, s.w + s.padL);
  for (let p = 0; p < s.n * s.c; p++) {
    for (let r = 0; r < hp; r++) {
      const ir = r - s.padT,
        dst = at + (p * hp + r) * wpx;
      if (ir < 0 || ir >= s.h || c1 <= c0) {
        for (let c = 0; c < wpx; c++) f32[dst + c] = 0;
        continue;
      }
      for (let c = 0; c < c0; c++) f32[dst + c] = 0;
      const src = (p * s.h + ir) * s.w - s.padL;
      copyFloats(f32, dst + c0, x, src + c0, c1 - c0);
      for (let c = c1; c < wpx; c++) f32[dst + c] = 0;
    }
  }
}

/**
 * Float32 and Int32 views of the kernels' memory, at least `bytes` long. A bigger memory is a new memory and instance
 * (re-read k's functions after this call), never memory.grow(): growing detaches the old ArrayBuffer, and one detach
 * anywhere in the process makes V8 check for detached buffers on every typed-array access from then on (≈3× slower loops).
 */
export function heapViews(k: Kernels, bytes: number): { f32: Float32Array; i32: Int32Array } {
  const have = k.memory.buffer.byteLength;
  if (have < bytes) instantiate(k, Math.ceil(Math.max(bytes, have * 1.5) / 65536));
  if (!views) views = { f32: new Float32Array(k.memory.buffer), i32: new Int32Array(k.memory.buffer) };
  return views;
}
