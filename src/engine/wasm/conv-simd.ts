// Stride-1 conv2d forward in WebAssembly SIMD built by ./encoder: 4 channels × 8 pixels (f32x4) per tile; null where wasm is unavailable.
import { Body, type FuncDef, I32, V128, encodeModule } from './encoder';

// The engine's tsconfig has no DOM lib: the few WebAssembly members used here, looked up at run time.
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Memory: new (d: { initial: number }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (m: object, imports: object) => { exports: unknown };
}

interface Kernels {
  memory: WasmMemory;
  conv4x8: (x: number, ws: number, off: number, k: number, out: number, plane: number, blocks: number, bias: number) => void;
  conv1x8: (x: number, ws: number, off: number, k: number, out: number, plane: number, blocks: number, bias: number) => void;
}

// Parameters of both kernels: x (first input pixel), ws (splatted weights), off (tap byte offsets), K, out, plane bytes, 8-pixel blocks, bias.
const [X, WS, OFF, K, OUT, PLANE, BLOCKS, BIAS] = [0, 1, 2, 3, 4, 5, 6, 7];
const [B, KK, O, WP, OP, TMP] = [8, 9, 10, 11, 12, 13];
const ACC = 14; // v128 locals: ACC.. accumulators, then xa, xb, w

/** One tile loop: `channels` output channels (1 or 4) × 8 pixels; weights laid out [k][channel][4 lanes]. */
function tileKernel(name: string, channels: number): FuncDef {
  const xa = ACC + 2 * channels, xb = xa + 1, w = xb + 1;
  const f = new Body();
  f.i32(0).set(B).block().loop();
  f.get(B).get(BLOCKS).geS().brIf(1);
  for (let c = 0; c < channels; c++) {
    f.get(BIAS).loadF32(4 * c).f32x4Splat().tee(ACC + 2 * c).set(ACC + 2 * c + 1);
  }
  f.i32(0).set(KK).get(WS).set(WP).get(OFF).set(OP);
  f.block().loop();
  f.get(KK).get(K).geS().brIf(1);
  f.get(X).get(OP).loadI32().add().set(O);
  f.get(O).v128Load(0).set(xa).get(O).v128Load(16).set(xb);
  for (let c = 0; c < channels; c++) {
    f.get(WP).v128Load(16 * c).set(w);
    f.get(ACC + 2 * c).get(w).get(xa).f32x4Mul().f32x4Add().set(ACC + 2 * c);
    f.get(ACC + 2 * c + 1).get(w).get(xb).f32x4Mul().f32x4Add().set(ACC + 2 * c + 1);
  }
  f.inc(WP, 16 * channels).inc(OP, 4).inc(KK, 1).br(0).end().end();
  f.get(OUT).set(TMP);
  for (let c = 0; c < channels; c++) {
    f.get(TMP).get(ACC + 2 * c).v128Store(0).get(TMP).get(ACC + 2 * c + 1).v128Store(16);
    if (c + 1 < channels) f.incBy(TMP, PLANE);
  }
  f.inc(X, 32).inc(OUT, 32).inc(B, 1).br(0).end().end();
  return { name, params: Array(8).fill(I32), locals: [...Array(6).fill(I32), ...Array(2 * channels + 3).fill(V128)], body: f };
}

let kernels: Kernels | null | undefined;
let enabled = true;

/** Turns the SIMD path off (tests compare it with the plain-JS kernels). */
export function setSimdEnabled(flag: boolean): void {
  enabled = flag;
}

export function simdEnabled(): boolean {
  return enabled;
}

export function simdKernels(): Kernels | null {
  if (!enabled) return null;
  if (kernels === undefined) {
    try {
      const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
      if (!wasm) throw new Error('no WebAssembly');
      const memory = new wasm.Memory({ initial: 16 });
      const module = new wasm.Module(encodeModule([tileKernel('conv4x8', 4), tileKernel('conv1x8', 1)]));
      const exp = new wasm.Instance(module, { env: { memory } }).exports as Omit<Kernels, 'memory'>;
      kernels = { memory, conv4x8: exp.conv4x8, conv1x8: exp.conv1x8 };
    } catch {
      kernels = null; // no WebAssembly (SIMD), or a CSP without 'wasm-unsafe-eval'
    }
  }
  return kernels;
}

/** Float32 and Int32 views of the kernels' memory, grown to at least `bytes`. */
export function heapViews(k: Kernels, bytes: number): { f32: Float32Array; i32: Int32Array } {
  const have = k.memory.buffer.byteLength;
  if (have < bytes) k.memory.grow(Math.ceil((bytes - have) / 65536));
  return { f32: new Float32Array(k.memory.buffer), i32: new Int32Array(k.memory.buffer) };
}
