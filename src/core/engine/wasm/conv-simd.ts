// The conv2d WebAssembly SIMD module built by ./encoder (forward tiles of 4/2/1 channels × 8 pixels, weight-gradient tiles) and its memory.
import { Body, type FuncDef, V128, type WasmApi, type WasmMemory, encodeModule } from './encoder';

export interface Kernels {
  compiled: Compiled;
  memory: WasmMemory;
  exports: Record<string, unknown>;
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

/**
 * One tile loop: `channels` output channels (4, 2 or 1) × 8 pixels, over `rows` output rows; weights laid out [k][channel],
 * splatted on load. Parameters: x (first input pixel), ws (weights), off (tap byte offsets), K taps, out, plane bytes, 8-pixel
 * blocks per row, bias, output rows, and the byte strides of one row step in x and in out. `relaxed`: fused multiply-add.
 */
function tileKernel(name: string, channels: number, relaxed: boolean): FuncDef {
  const f = new Body();
  const [x, ws, off, k, out, plane, blocks, bias, rows, xRowStep, outRowStep] = [
    'x',
    'ws',
    'off',
    'k',
    'out',
    'plane',
    'blocks',
    'bias',
    'rows',
    'xRowStep',
    'outRowStep',
  ].map((n) => f.param(n));
  const [block, tap, at, wp, op, dst, row, xRow, outRow] = ['block', 'tap', 'at', 'wp', 'op', 'dst', 'row', 'xRow', 'outRow'].map((n) =>
    f.local(n),
  );
  // acc[2c] and acc[2c+1]: pixels 0-3 and 4-7 of channel c.
  const acc = Array.from({ length: 2 * channels }, (_, i) => f.local(`acc${i}`, V128));
  const xa = f.local('xa', V128),
    xb = f.local('xb', V128),
    w = f.local('w', V128);
  const madd = (a: number, v: number) => {
    if (relaxed) f.get(w).get(v).get(a).f32x4RelaxedMadd().set(a);
    else f.get(a).get(w).get(v).f32x4Mul().f32x4Add().set(a);
  };
  f.get(x).set(xRow).get(out).set(outRow).i32(0).set(row).block().loop();
  f.get(row).get(rows).geS().brIf(1);
  f.get(xRow).set(x).get(outRow).set(out);
  f.i32(0).set(block).block().loop();
  f.get(block).get(blocks).geS().brIf(1);
  for (let c = 0; c < channels; c++) {
    f.get(bias)
      .loadF32(4 * c)
      .f32x4Splat()
      .tee(acc[2 * c])
      .set(acc[2 * c + 1]);
  }
  f.i32(0).set(tap).get(ws).set(wp).get(off).set(op);
  f.block().loop();
  f.get(tap).get(k).geS().brIf(1);
  f.get(x).get(op).loadI32().add().set(at);
  f.get(at).v128Load(0).set(xa).get(at).v128Load(16).set(xb);
  for (let c = 0; c < channels; c++) {
    f.get(wp)
      .v128Load32Splat(4 * c)
      .set(w);
    madd(acc[2 * c], xa);
    madd(acc[2 * c + 1], xb);
  }
  f.inc(wp, 4 * channels)
    .inc(op, 4)
    .inc(tap, 1)
    .br(0)
    .end()
    .end();
  f.get(out).set(dst);
  for (let c = 0; c < channels; c++) {
    f.get(dst)
      .get(acc[2 * c])
      .v128Store(0)
      .get(dst)
      .get(acc[2 * c + 1])
      .v128Store(16);
    if (c + 1 < channels) f.incBy(dst, plane);
  }
  f.inc(x, 32).inc(out, 32).inc(block, 1).br(0).end().end();
  f.incBy(xRow, xRowStep).incBy(outRow, outRowStep).inc(row, 1).br(0).end().end();
  return { name, body: f };
}

/**
 * Weight gradient of one block of 4 output channels: for each pair of taps q (byte offsets from the i32 table `taps`),
 * Σ over images × rows × 4-pixel blocks of gy·x, written to out[channel·kp + tap] (kp = taps rounded up to even).
 * gy planes of the block start at gy + d0..d3; images advance gy by gyBatch and x by xBatch bytes.
 */
function wgradKernel(relaxed: boolean): FuncDef {
  const f = new Body();
  const [gy, d0, d1, d2, d3, gyBatch, x, xBatch, n, taps, pairs, rows, blocks, gyRowStep, xRowStep, out, kp] = [
    'gy',
    'd0',
    'd1',
    'd2',
    'd3',
    'gyBatch',
    'x',
    'xBatch',
    'n',
    'taps',
    'pairs',
    'rows',
    'blocks',
    'gyRowStep',
    'xRowStep',
    'out',
    'kp',
  ].map((name) => f.param(name));
  const [q, image, row, block, xp, gp, off0, off1, gyImage, xImage] = [
    'q',
    'image',
    'row',
    'block',
    'xp',
    'gp',
    'off0',
    'off1',
    'gyImage',
    'xImage',
  ].map((name) => f.local(name));
  // acc[2c + t]: channel c, tap 2q + t (4 lanes, summed at the end).
  const acc = Array.from({ length: 8 }, (_, i) => f.local(`acc${i}`, V128));
  const x0 = f.local('x0', V128),
    x1 = f.local('x1', V128),
    g = f.local('g', V128);
  f.i32(0).set(q).block().loop();
  f.get(q).get(pairs).geS().brIf(1);
  f.get(taps).get(q).i32(8).mul().add().tee(off0).loadI32(4).set(off1).get(off0).loadI32(0).set(off0);
  for (const a of acc) f.f32(0).f32x4Splat().set(a);
  f.i32(0).set(image).block().loop();
  f.get(image).get(n).geS().brIf(1);
  f.get(gy).get(image).get(gyBatch).mul().add().set(gyImage).get(x).get(image).get(xBatch).mul().add().set(xImage);
  f.i32(0).set(row).block().loop();
  f.get(row).get(rows).geS().brIf(1);
  f.get(gyImage).get(row).get(gyRowStep).mul().add().set(gp).get(xImage).get(row).get(xRowStep).mul().add().set(xp);
  f.i32(0).set(block).block().loop();
  f.get(block).get(blocks).geS().brIf(1);
  f.get(xp).get(off0).add().v128Load().set(x0).get(xp).get(off1).add().v128Load().set(x1);
  [d0, d1, d2, d3].forEach((d, c) => {
    f.get(gp).get(d).add().v128Load().set(g);
    for (const [a, v] of [
      [acc[2 * c], x0],
      [acc[2 * c + 1], x1],
    ]) {
      if (relaxed) f.get(g).get(v).get(a).f32x4RelaxedMadd().set(a);
      else f.get(a).get(g).get(v).f32x4Mul().f32x4Add().set(a);
    }
  });
  f.inc(gp, 16).inc(xp, 16).inc(block, 1).br(0).end().end();
  f.inc(row, 1).br(0).end().end();
  f.inc(image, 1).br(0).end().end();
  // out[c·kp + 2q + t] = horizontal sum of acc[2c + t]
  for (let c = 0; c < 4; c++) {
    for (let t = 0; t < 2; t++) {
      f.get(out)
        .get(kp)
        .i32(4 * c)
        .mul()
        .add()
        .get(q)
        .i32(8)
        .mul()
        .add();
      f.get(acc[2 * c + t]).f32x4ExtractLane(0);
      for (let lane = 1; lane < 4; lane++)
        f.get(acc[2 * c + t])
          .f32x4ExtractLane(lane)
          .f32Add();
      f.storeF32(4 * t);
    }
  }
  f.inc(q, 1).br(0).end().end();
  return { name: 'wgrad4x2', body: f };
}

/** The conv module's functions; `relaxed` builds every tile with f32x4.relaxed_madd. */
export function convFunctions(relaxed: boolean): FuncDef[] {
  return [tileKernel('conv4x8', 4, relaxed), tileKernel('conv2x8', 2, relaxed), tileKernel('conv1x8', 1, relaxed), wgradKernel(relaxed)];
}

/** A one-function module using f32x4.relaxed_madd: it validates only where the runtime has relaxed SIMD. */
function relaxedProbe(): Uint8Array {
  const f = new Body();
  const v = f.local('v', V128);
  f.get(v).get(v).get(v).f32x4RelaxedMadd().set(v);
  return encodeModule([{ name: 'probe', body: f }]);
}

type Compiled = { api: WasmApi; module: object; shared: boolean };
type Flavour = 'simd' | 'relaxed' | 'simd-shared' | 'relaxed-shared';
const modules: Partial<Record<Flavour, Compiled | null>> = {};
const instances: Partial<Record<Flavour, Kernels>> = {};
/** Pages of a shared memory: it grows in place up to this (a shared buffer is never detached), so it is never replaced. */
const SHARED_MAX_PAGES = 2048;

function wasmApi(): WasmApi | null {
  return (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly ?? null;
}

function flavour(relaxed: boolean, shared: boolean): Flavour {
  return `${relaxed ? 'relaxed' : 'simd'}${shared ? '-shared' : ''}` as Flavour;
}

function compile(relaxed: boolean, shared = false): Compiled | null {
  const key = flavour(relaxed, shared);
  if (modules[key] === undefined) {
    try {
      const api = wasmApi();
      if (!api) throw new Error('no WebAssembly');
      if (relaxed && !api.validate(relaxedProbe())) throw new Error('no relaxed SIMD');
      const module = new api.Module(encodeModule(convFunctions(relaxed), shared ? SHARED_MAX_PAGES : undefined));
      modules[key] = { api, module, shared };
    } catch {
      modules[key] = null; // no WebAssembly (SIMD), or a CSP without 'wasm-unsafe-eval', or no shared memory
    }
  }
  return modules[key];
}

/** The best WebAssembly flavour this runtime compiles, or null where none does. Compiles (once) on the first call. */
export function simdFlavour(): 'wasm-relaxed-simd' | 'wasm-simd' | null {
  if (compile(true)) return 'wasm-relaxed-simd';
  return compile(false) ? 'wasm-simd' : null;
}

/** Points `k` at a fresh instance over a new memory of `pages` pages. */
function instantiate(k: Partial<Kernels>, c: Compiled, pages: number): void {
  const memory = new c.api.Memory(c.shared ? { initial: pages, maximum: SHARED_MAX_PAGES, shared: true } : { initial: pages });
  const exp = new c.api.Instance(c.module, { env: { memory } }).exports as Omit<Kernels, 'memory'>;
  Object.assign(k, { memory, exports: exp, conv4x8: exp.conv4x8, conv2x8: exp.conv2x8, conv1x8: exp.conv1x8, wgrad4x2: exp.wgrad4x2 });
  views.delete(k as Kernels);
}

/** The conv kernels (relaxed or plain SIMD; over a shared memory for helper threads), or null where that flavour does not compile. */
export function simdKernels(relaxed = false, shared = false): Kernels | null {
  const key = flavour(relaxed, shared);
  if (!instances[key]) {
    const c = compile(relaxed, shared);
    if (!c) return null;
    const k: Partial<Kernels> = { compiled: c };
    try {
      instantiate(k, c, 16);
    } catch {
      return null; // e.g. shared memory unavailable
    }
    instances[key] = k as Kernels;
  }
  return instances[key]!;
}

/** A call that would need more than this uses the plain-JS kernels instead. */
export const MAX_SIMD_HEAP_BYTES = 128 * 1024 * 1024;

const views = new Map<Kernels, { f32: Float32Array; i32: Int32Array }>();

/**
 * Float32 and Int32 views of the kernels' memory, at least `bytes` long. A bigger memory is a new memory and instance
 * (re-read k's functions after this call), never memory.grow(): growing detaches the old ArrayBuffer, and one detach
 * anywhere in the process makes V8 check for detached buffers on every typed-array access from then on (≈3× slower loops).
 */
export function heapViews(k: Kernels, bytes: number): { f32: Float32Array; i32: Int32Array } {
  const have = k.memory.buffer.byteLength;
  if (have < bytes) {
    const pages = Math.ceil(Math.max(bytes, have * 1.5) / 65536);
    if (k.compiled.shared) k.memory.grow(Math.min(pages, SHARED_MAX_PAGES) - have / 65536);
    else instantiate(k, k.compiled, pages);
  }
  let v = views.get(k);
  if (!v || v.f32.buffer.byteLength !== k.memory.buffer.byteLength) {
    views.set(k, (v = { f32: new Float32Array(k.memory.buffer), i32: new Int32Array(k.memory.buffer) }));
  }
  return v;
}
