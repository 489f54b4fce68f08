// Adam's update in WebAssembly SIMD (float32, as PyTorch computes it); moments live in wasm memory for the optimizer's life.
import { Body, F32, I32, V128, encodeModule } from './encoder';
import { simdEnabled } from './conv-simd';

interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Memory: new (d: { initial: number }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (m: object, imports: object) => { exports: unknown };
}
type AdamFn = (p: number, g: number, m: number, v: number, groups4: number,
  b1: number, b2: number, c1: number, c2: number, negStep: number, bc2Sqrt: number, eps: number, wd: number) => void;

const [P, G, M, V, N] = [0, 1, 2, 3, 4];
const [B1, B2, C1, C2, STEP, BC2, EPS, WD] = [5, 6, 7, 8, 9, 10, 11, 12];
const I = 13; // i32 loop counter; v128 locals follow
const [VB1, VB2, VC1, VC2, VSTEP, VBC2, VEPS, VWD, GV, MV, VV] = [14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24];

function adamBody(): Body {
  const f = new Body();
  const splats: [number, number][] = [[B1, VB1], [B2, VB2], [C1, VC1], [C2, VC2], [STEP, VSTEP], [BC2, VBC2], [EPS, VEPS], [WD, VWD]];
  for (const [from, to] of splats) f.get(from).f32x4Splat().set(to);
  f.i32(0).set(I).block().loop();
  f.get(I).get(N).geS().brIf(1);
  f.get(G).v128Load().set(GV);
  // grad += weight_decay · param (only when weight_decay ≠ 0, as PyTorch)
  f.get(WD).f32(0).f32Ne().if().get(GV).get(VWD).get(P).v128Load().f32x4Mul().f32x4Add().set(GV).end();
  // m = β1·m + (1−β1)·g ; v = β2·v + (1−β2)·g·g
  f.get(M).get(M).v128Load().get(VB1).f32x4Mul().get(VC1).get(GV).f32x4Mul().f32x4Add().tee(MV).v128Store();
  f.get(V).get(V).v128Load().get(VB2).f32x4Mul().get(VC2).get(GV).f32x4Mul().get(GV).f32x4Mul().f32x4Add().tee(VV).v128Store();
  // p += (−step) · m / (√v / √(1−β2ᵗ) + eps)
  f.get(P).get(P).v128Load().get(VSTEP).get(MV).get(VV).f32x4Sqrt().get(VBC2).f32x4Div().get(VEPS).f32x4Add().f32x4Div().f32x4Mul().f32x4Add().v128Store();
  f.inc(P, 16).inc(G, 16).inc(M, 16).inc(V, 16).inc(I, 1).br(0).end().end();
  return f;
}

let state: { memory: WasmMemory; adam: AdamFn } | null | undefined;

function kernel(): { memory: WasmMemory; adam: AdamFn } | null {
  if (!simdEnabled()) return null;
  if (state === undefined) {
    try {
      const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
      if (!wasm) throw new Error('no WebAssembly');
      const memory = new wasm.Memory({ initial: 1 });
      const bytes = encodeModule([{ name: 'adam', params: [I32, I32, I32, I32, I32, ...Array(8).fill(F32)], locals: [I32, ...Array(11).fill(V128)], body: adamBody() }]);
      const exp = new wasm.Instance(new wasm.Module(bytes), { env: { memory } }).exports as { adam: AdamFn };
      state = { memory, adam: exp.adam };
    } catch {
      state = null;
    }
  }
  return state;
}

// First-fit arena over the module's memory: offsets (in floats) stay valid when memory grows.
const free: { at: number; size: number }[] = [];
let top = 0;
const released = new FinalizationRegistry<{ at: number; size: number }>((block) => free.push(block));

function allocate(k: { memory: WasmMemory }, size: number): number {
  const i = free.findIndex((b) => b.size >= size);
  if (i >= 0) return free.splice(i, 1)[0].at;
  const at = top;
  top += size;
  const need = top * 4 - k.memory.buffer.byteLength;
  if (need > 0) k.memory.grow(Math.ceil(need / 65536));
  return at;
}

/** Adam's per-parameter state in wasm memory: [param copy | grad copy | m | v], each padded to a multiple of 4 floats. */
export class SimdAdamState {
  private readonly k: { memory: WasmMemory; adam: AdamFn };
  private readonly blocks: { at: number; n: number; n4: number }[];

  static create(sizes: number[], owner: object): SimdAdamState | null {
    const k = kernel();
    return k ? new SimdAdamState(k, sizes, owner) : null;
  }

  private constructor(k: { memory: WasmMemory; adam: AdamFn }, sizes: number[], owner: object) {
    this.k = k;
    this.blocks = sizes.map((n) => {
      const n4 = (n + 3) & ~3;
      const at = allocate(k, 4 * n4);
      new Float32Array(k.memory.buffer, at * 4, 4 * n4).fill(0);
      released.register(owner, { at, size: 4 * n4 });
      return { at, n, n4 };
    });
  }

  step(index: number, param: Float32Array, grad: Float32Array, c: { b1: number; b2: number; stepSize: number; bc2Sqrt: number; eps: number; wd: number }): void {
    const { at, n, n4 } = this.blocks[index];
    const heap = new Float32Array(this.k.memory.buffer);
    heap.set(param, at);
    heap.set(grad, at + n4);
    const bytes = at * 4;
    this.k.adam(bytes, bytes + n4 * 4, bytes + 2 * n4 * 4, bytes + 3 * n4 * 4, n4 >> 2, c.b1, c.b2, 1 - c.b1, 1 - c.b2, -c.stepSize, c.bc2Sqrt, c.eps, c.wd);
    param.set(heap.subarray(at, at + n));
  }
}
