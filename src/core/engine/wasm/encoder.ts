// A minimal WebAssembly binary encoder (types, imported memory, functions, exports) plus an instruction builder with SIMD.

// The engine's tsconfig has no DOM lib: the few WebAssembly members the kernels use, looked up at run time.
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
export interface WasmApi {
  Memory: new (d: { initial: number; maximum?: number; shared?: boolean }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (m: object, imports: object) => { exports: unknown };
  validate(bytes: Uint8Array): boolean;
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

const TYPE_NAMES: Record<ValType, string> = { [I32]: 'i32', [F32]: 'f32', [V128]: 'v128' };

/**
 * Builds one function: named parameters and locals (`param('x')`, `local('acc0', V128)` return the index), then instructions
 * whose methods emit the bytes and a WAT-style text line each, and return `this` for chaining.
 */
export class Body {
  readonly code: number[] = [];
  /** The instructions as WAT text, one per line, indented by block depth. */
  readonly text: string[] = [];
  readonly names: string[] = [];
  readonly types: ValType[] = [];
  params = 0;
  private depth = 1;

  /** Declares the next parameter (all parameters come before any local). */
  param(name: string, type: ValType = I32): number {
    if (this.params !== this.names.length) throw new Error(`param ${name} after a local`);
    this.params++;
    return this.declare(name, type);
  }
  local(name: string, type: ValType = I32): number {
    return this.declare(name, type);
  }
  private declare(name: string, type: ValType): number {
    if (this.names.includes(name)) throw new Error(`local ${name} declared twice`);
    this.names.push(name);
    this.types.push(type);
    return this.names.length - 1;
  }
  private op(text: string, ...b: number[]): this {
    this.code.push(...b);
    this.text.push('  '.repeat(this.depth) + text);
    return this;
  }
  private name(i: number): string {
    if (this.names[i] === undefined) throw new Error(`local ${i} not declared`);
    return '$' + this.names[i];
  }
  get(i: number) {
    return this.op(`local.get ${this.name(i)}`, 0x20, ...uleb(i));
  }
  set(i: number) {
    return this.op(`local.set ${this.name(i)}`, 0x21, ...uleb(i));
  }
  tee(i: number) {
    return this.op(`local.tee ${this.name(i)}`, 0x22, ...uleb(i));
  }
  i32(v: number) {
    return this.op(`i32.const ${v}`, 0x41, ...sleb(v));
  }
  add() {
    return this.op('i32.add', 0x6a);
  }
  mul() {
    return this.op('i32.mul', 0x6c);
  }
  geS() {
    return this.op('i32.ge_s', 0x4e);
  }
  loadI32(offset = 0) {
    return this.op(`i32.load offset=${offset}`, 0x28, 2, ...uleb(offset));
  }
  loadF32(offset = 0) {
    return this.op(`f32.load offset=${offset}`, 0x2a, 2, ...uleb(offset));
  }
  v128Load(offset = 0) {
    return this.op(`v128.load offset=${offset}`, 0xfd, ...uleb(0x00), 0, ...uleb(offset));
  }
  v128Load32Splat(offset = 0) {
    return this.op(`v128.load32_splat offset=${offset}`, 0xfd, ...uleb(0x09), 2, ...uleb(offset));
  }
  v128Store(offset = 0) {
    return this.op(`v128.store offset=${offset}`, 0xfd, ...uleb(0x0b), 0, ...uleb(offset));
  }
  f32x4Splat() {
    return this.op('f32x4.splat', 0xfd, ...uleb(0x13));
  }
  f32x4Sqrt() {
    return this.op('f32x4.sqrt', 0xfd, ...uleb(0xe3));
  }
  f32x4Div() {
    return this.op('f32x4.div', 0xfd, ...uleb(0xe7));
  }
  f32(v: number) {
    const b = new Uint8Array(new Float32Array([v]).buffer);
    return this.op(`f32.const ${v}`, 0x43, ...b);
  }
  f32Ne() {
    return this.op('f32.ne', 0x5c);
  }
  f32Add() {
    return this.op('f32.add', 0x92);
  }
  storeF32(offset = 0) {
    return this.op(`f32.store offset=${offset}`, 0x38, 2, ...uleb(offset));
  }
  f32x4ExtractLane(lane: number) {
    return this.op(`f32x4.extract_lane ${lane}`, 0xfd, ...uleb(0x1f), lane);
  }
  if() {
    this.op('if', 0x04, 0x40);
    this.depth++;
    return this;
  }
  f32x4Add() {
    return this.op('f32x4.add', 0xfd, ...uleb(0xe4));
  }
  f32x4Mul() {
    return this.op('f32x4.mul', 0xfd, ...uleb(0xe6));
  }
  /** a·b + c in one step where the hardware fuses it (relaxed SIMD: the rounding may differ from mul then add). */
  f32x4RelaxedMadd() {
    return this.op('f32x4.relaxed_madd', 0xfd, ...uleb(0x105));
  }
  block() {
    this.op('block', 0x02, 0x40);
    this.depth++;
    return this;
  }
  loop() {
    this.op('loop', 0x03, 0x40);
    this.depth++;
    return this;
  }
  brIf(depth: number) {
    return this.op(`br_if ${depth}`, 0x0d, ...uleb(depth));
  }
  br(depth: number) {
    return this.op(`br ${depth}`, 0x0c, ...uleb(depth));
  }
  end() {
    this.depth--;
    return this.op('end', 0x0b);
  }
  /** memory.copy (dst, src, bytes on the stack): memmove within the one memory. */
  memoryCopy() {
    return this.op('memory.copy', 0xfc, ...uleb(10), 0, 0);
  }
  /** memory.fill (at, byte value, bytes on the stack). */
  memoryFill() {
    return this.op('memory.fill', 0xfc, ...uleb(11), 0);
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
  body: Body;
}

/** A module importing `env.memory` (shared, up to `sharedMaxPages`, if given) and exporting `funcs` (no results: kernels write to memory). */
export function encodeModule(funcs: FuncDef[], sharedMaxPages?: number): Uint8Array {
  const types = section(1, vec(funcs.map((f) => [0x60, ...vec(f.body.types.slice(0, f.body.params).map((p) => [p])), 0])));
  const limits = sharedMaxPages === undefined ? [0x00, 1] : [0x03, 1, ...uleb(sharedMaxPages)];
  const imports = section(2, vec([[...str('env'), ...str('memory'), 0x02, ...limits]]));
  const functions = section(3, vec(funcs.map((_, i) => uleb(i))));
  const exports = section(7, vec(funcs.map((f, i) => [...str(f.name), 0x00, ...uleb(i)])));
  const code = section(
    10,
    vec(
      funcs.map((f) => {
        const locals = vec(f.body.types.slice(f.body.params).map((t) => [1, t]));
        const body = [...locals, ...f.body.code, 0x0b];
        return [...uleb(body.length), ...body];
      }),
    ),
  );
  return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...types, ...imports, ...functions, ...exports, ...code]);
}

/** The module as WAT-style text: what a reviewer reads to see what runs (a test snapshots it). */
export function watListing(funcs: FuncDef[]): string {
  const out = ['(module', '  (import "env" "memory" (memory 1))'];
  for (const f of funcs) {
    const b = f.body;
    const decl = (i: number, kind: string) => `(${kind} $${b.names[i]} ${TYPE_NAMES[b.types[i]]})`;
    const params = b.names.slice(0, b.params).map((_, i) => decl(i, 'param'));
    out.push(`  (func $${f.name} (export "${f.name}") ${params.join(' ')}`);
    for (let i = b.params; i < b.names.length; i++) out.push('    ' + decl(i, 'local'));
    out.push(...b.text.map((line) => '  ' + line), '  )');
  }
  out.push(')');
  return out.join('\n') + '\n';
}
