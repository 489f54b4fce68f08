// Adam's update in WebAssembly SIMD (float32, as PyTorch computes it); moments live in wasm memory for the optimizer's life.
import { Body, F32, I32, V128, type WasmApi, encodeModule } from './encoder';

type AdamFn = (
  p: number,
  g: number,
  m: number,
  v: number,
  groups4: number,
  b1: number,
  b2: number,
  c1: number,
  c2: number,
  negStep: number,
  bc2Sqrt: number,
  eps: number,
  wd: number,
) => void;

/** The Adam update over `groups4` blocks of 4 floats: p, g, m, v are byte addresses, the rest the step's float constants. */
export function adamBody(): Body {
  const f = new Body();
  const [P, G, M, V, N] = ['p', 'g', 'm', 'v', 'groups4'].map((n) => f.param(n, I32));
  const [B1, B2, C1, C2, STEP, BC2, EPS, WD] = ['b1', 'b2', 'c1', 'c2', 'negStep', 'bc2Sqrt', 'eps', 'wd'].map((n) => f.param(n, F32));
  const I = f.local('i', I32);
  const [VB1, VB2, VC1, VC2, VSTEP, VBC2, VEPS, VWD, GV, MV, VV] = [
    'vb1',
    'vb2',
    'vc1',
    'vc2',
    'vStep',
    'vBc2Sqrt',
    'vEps',
    'vWd',
    'gv',
    'mv',
    'vv',
  ].map((n) => f.local(n, V128));
  const splats: [number, number][] = [
    [B1, VB1],
    [B2, VB2],
    [C1, VC1],
    [C2, VC2],
    [STEP, VSTEP],
    [BC2, VBC2],
    [EPS, VEPS],
    [WD, VWD],
  ];
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
  f.get(P)
    .get(P)
    .v128Load()
    .get(VSTEP)
    .get(MV)
    .get(VV)
    .f32x4Sqrt()
    .get(VBC2)
    .f32x4Div()
    .get(VEPS)
    .f32x4Add()
    .f32x4Div()
    .f32x4Mul()
    .f32x4Add()
    .v128Store();
  f.inc(P, 16).inc(G, 16).inc(M, 16).inc(V, 16).inc(I, 1).br(0).end().end();
  return f;
}

let compiled: { api: WasmApi; module: object } | null | undefined;

function adamModule(): { api: WasmApi; module: object } | null {
  if (compiled === undefined) {
    try {
      const api = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
      if (!api) throw new Error('no WebAssembly');
      const bytes = encodeModule([
        {
          name: 'adam',
          body: adamBody(),
        },
      ]);
      const module = new api.Module(bytes);
      new api.Instance(module, { env: { memory: new api.Memory({ initial: 1 }) } }); // fails here without SIMD / under a CSP
      compiled = { api, module };
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

interface Arena {
  adam: AdamFn;
  heap: Float32Array;
  top: number;
  free: { at: number; size: number }[];
}

/**
 * Optimizers share 1 MiB arenas, each a memory sized once and never grown (growing detaches the old ArrayBuffer, and one
 * detach anywhere makes V8 check for detached buffers on every typed-array access from then on, ≈3× slower loops), with
 * a long-lived instance: a fresh instance's first ~1000 calls go through V8's generic JS-to-wasm wrapper (~0.4 µs each).
 * A state bigger than an arena gets a memory of its own. Blocks return to their arena when the optimizer is collected.
 */
const ARENA_FLOATS = 256 * 1024;
const arenas: Arena[] = [];
const released = new FinalizationRegistry<{ arena: Arena; at: number; size: number }>((b) => b.arena.free.push({ at: b.at, size: b.size }));

function newArena(c: { api: WasmApi; module: object }, floats: number): Arena {
  const memory = new c.api.Memory({ initial: Math.max(1, Math.ceil((floats * 4) / 65536)) });
  const adam = (new c.api.Instance(c.module, { env: { memory } }).exports as { adam: AdamFn }).adam;
  return { adam, heap: new Float32Array(memory.buffer), top: 0, free: [] };
}

/** `size` zeroed floats in some arena (first fit among freed blocks, then the arena's unused tail, then a new arena). */
function allocate(c: { api: WasmApi; module: object }, size: number): { arena: Arena; at: number } {
  if (size > ARENA_FLOATS) return { arena: newArena(c, size), at: 0 };
  for (const arena of arenas) {
    const i = arena.free.findIndex((b) => b.size >= size);
    if (i >= 0) {
      const block = arena.free[i];
      if (block.size > size) arena.free[i] = { at: block.at + size, size: block.size - size };
      else arena.free.splice(i, 1);
      arena.heap.fill(0, block.at, block.at + size);
      return { arena, at: block.at };
    }
    if (arena.top + size <= ARENA_FLOATS) {
      arena.top += size;
      return { arena, at: arena.top - size };
    }
  }
  const arena = newArena(c, ARENA_FLOATS);
  arenas.push(arena);
  arena.top = size;
  return { arena, at: 0 };
}

/** Adam's per-parameter state in wasm memory: [param copy | grad copy | m | v], each padded to a multiple of 4 floats. */
export class SimdAdamState {
  private readonly adam: AdamFn;
  private readonly heap: Float32Array;
  private readonly blocks: { at: number; n: number; n4: number }[];

  static create(sizes: number[]): SimdAdamState | null {
    const c = adamModule();
    return c ? new SimdAdamState(c, sizes) : null;
  }

  private constructor(c: { api: WasmApi; module: object }, sizes: number[]) {
    let total = 0;
    for (const n of sizes) total += 4 * ((n + 3) & ~3);
    const { arena, at } = allocate(c, Math.max(4, total));
    if (arenas.includes(arena)) released.register(this, { arena, at, size: Math.max(4, total) });
    this.adam = arena.adam;
    this.heap = arena.heap;
    let top = at;
    this.blocks = sizes.map((n) => {
      const n4 = (n + 3) & ~3;
      const block = { at: top, n, n4 };
      top += 4 * n4;
      return block;
    });
  }

  step(
    index: number,
    param: Float32Array,
    grad: Float32Array,
    c: { b1: number; b2: number; stepSize: number; bc2Sqrt: number; eps: number; wd: number },
  ): void {
    const { at, n, n4 } = this.blocks[index];
    const heap = this.heap;
    heap.set(param, at);
    heap.set(grad, at + n4);
    const bytes = at * 4;
    this.adam(
      bytes,
      bytes + n4 * 4,
      bytes + 2 * n4 * 4,
      bytes + 3 * n4 * 4,
      n4 >> 2,
      c.b1,
      c.b2,
      1 - c.b1,
      1 - c.b2,
      -c.stepSize,
      c.bc2Sqrt,
      c.eps,
      c.wd,
    );
    param.set(heap.subarray(at, at + n));
  }
}
