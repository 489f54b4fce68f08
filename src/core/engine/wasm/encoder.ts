// A minimal WebAssembly binary encoder (types, imported memory, functions, exports) plus an instruction builder with SIMD.

// The engine's tsconfig has no DOM lib: the few WebAssembly members the kernels use, looked up at run time.
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
export interface WasmApi {
  Memory: new (d: { initial: number }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (m: object, imports: object) => { exports: unknown };
}

export const I32 = 0x7f,
  F32 = 0x7d,
  V128 = 0x7b;
export type ValType = typeof I32 | typeof F32 | typeof V128;

export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

export function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

const str = (s: string) => [...uleb(s.length), ...[...s].map((c) => c.charCodeAt(0))];
const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];

/** Builds one function body; methods emit instructions and return `this` for chaining. */
export class Body {
  readonly code: number[] = [];
  private emit(...b: number[]): this {
    this.code.push(...b);
    return this;
  }
  get(i: number) {
    return this.emit(0x20, ...uleb(i));
  }
  set(i: number) {
    return this.emit(0x21, ...uleb(i));
  }
  tee(i: number) {
    return this.emit(0x22, ...uleb(i));
  }
  i32(v: number) {
    return this.emit(0x41, ...sleb(v));
  }
  add() {
    return this.emit(0x6a);
  }
  mul() {
    return this.emit(0x6c);
  }
  geS() {
    return this.emit(0x4e);
  }
  loadI32(offset = 0) {
    return this.emit(0x28, 2, ...uleb(offset));
  }
  loadF32(offset = 0) {
    return this.emit(0x2a, 2, ...uleb(offset));
  }
  v128Load(offset = 0) {
    return this.emit(0xfd, ...uleb(0x00), 0, ...uleb(offset));
  }
  v128Load32Splat(offset = 0) {
    return this.emit(0xfd, ...uleb(0x09), 2, ...uleb(offset));
  }
  v128Store(offset = 0) {
    return this.emit(0xfd, ...uleb(0x0b), 0, ...uleb(offset));
  }
  f32x4Splat() {
    return this.emit(0xfd, ...uleb(0x13));
  }
  f32x4Sqrt() {
    return this.emit(0xfd, ...uleb(0xe3));
  }
  f32x4Div() {
    return this.emit(0xfd, ...uleb(0xe7));
  }
  f32(v: number) {
    const b = new Uint8Array(new Float32Array([v]).buffer);
    return this.emit(0x43, ...b);
  }
  f32Ne() {
    return this.emit(0x5c);
  }
  f32Add() {
    return this.emit(0x92);
  }
  storeF32(offset = 0) {
    return this.emit(0x38, 2, ...uleb(offset));
  }
  f32x4ExtractLane(lane: number) {
    return this.emit(0xfd, ...uleb(0x1f), lane);
  }
  if() {
    return this.emit(0x04, 0x40);
  }
  f32x4Add() {
    return this.emit(0xfd, ...uleb(0xe4));
  }
  f32x4Mul() {
    return this.emit(0xfd, ...uleb(0xe6));
  }
  block() {
    return this.emit(0x02, 0x40);
  }
  loop() {
    return this.emit(0x03, 0x40);
  }
  brIf(depth: number) {
    return this.emit(0x0d, ...uleb(depth));
  }
  br(depth: number) {
    return this.emit(0x0c, ...uleb(depth));
  }
  end() {
    return this.emit(0x0b);
  }
  /** local[i] += delta (i32). */
  inc(i: number, delta: number) {
    return this.get(i).i32(delta).add().set(i);
  }
  /** local[i] += local[j] (i32). */
  incBy(i: number, j: number) {
    return this.get(i).get(j).add().set(i);
  }
}

export interface FuncDef {
  name: string;
  params: ValType[];
  locals: ValType[];
  body: Body;
}

/** A module importing `env.memory` and exporting `funcs` (no results: kernels write to memory). Parameters may be i32 or f32. */
export function encodeModule(funcs: FuncDef[]): Uint8Array {
  const types = section(1, vec(funcs.map((f) => [0x60, ...vec(f.params.map((p) => [p])), 0])));
  const imports = section(2, vec([[...str('env'), ...str('memory'), 0x02, 0x00, 1]]));
  const functions = section(3, vec(funcs.map((_, i) => uleb(i))));
  const exports = section(7, vec(funcs.map((f, i) => [...str(f.name), 0x00, ...uleb(i)])));
  const code = section(
    10,
    vec(
      funcs.map((f) => {
        const locals = vec(f.locals.map((t) => [1, t]));
        const body = [...locals, ...f.body.code, 0x0b];
        return [...uleb(body.length), ...body];
      }),
    ),
  );
  return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...types, ...imports, ...functions, ...exports, ...code]);
}
