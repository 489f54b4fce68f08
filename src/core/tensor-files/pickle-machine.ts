// The unpickler's state: a bounds-checked cursor over the pickle's bytes, the value stack with its marks, and the memo.
import { fail, quote } from './byte-source';
import { isDict, isTuple, type PyValue } from './pickle-values';

const MARK = Symbol('mark');
type Slot = PyValue | typeof MARK;

const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8');

/** Reads the pickle from `p` on; every read checks the bounds and every stack access checks for underflow and marks. */
export class PickleMachine {
  private readonly dv: DataView;
  private readonly stack: Slot[] = [];
  private readonly memo = new Map<number, PyValue>();

  constructor(
    private readonly buf: Uint8Array,
    public p: number,
  ) {
    this.dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  private need(n: number): void {
    if (!Number.isSafeInteger(n) || n < 0 || this.p + n > this.buf.length) fail('the pickle ends early: truncated or corrupt');
  }

  u8(): number {
    this.need(1);
    return this.buf[this.p++];
  }
  u16(): number {
    this.need(2);
    this.p += 2;
    return this.dv.getUint16(this.p - 2, true);
  }
  u32(): number {
    this.need(4);
    this.p += 4;
    return this.dv.getUint32(this.p - 4, true);
  }
  i32(): number {
    this.need(4);
    this.p += 4;
    return this.dv.getInt32(this.p - 4, true);
  }
  /** BINFLOAT is big-endian. */
  f64be(): number {
    this.need(8);
    this.p += 8;
    return this.dv.getFloat64(this.p - 8, false);
  }
  bytes(n: number): Uint8Array {
    this.need(n);
    this.p += n;
    return this.buf.subarray(this.p - n, this.p);
  }
  latin1(n: number): string {
    return latin1.decode(this.bytes(n));
  }
  utf8(n: number): string {
    return utf8.decode(this.bytes(n));
  }
  /** One newline-terminated text argument (protocol 0 opcodes), without the newline. */
  line(): string {
    const nl = this.buf.indexOf(0x0a, this.p);
    if (nl < 0) fail('the pickle ends early: truncated or corrupt');
    const s = latin1.decode(this.buf.subarray(this.p, nl));
    this.p = nl + 1;
    return s;
  }

  push(v: PyValue): void {
    this.stack.push(v);
  }
  mark(): void {
    this.stack.push(MARK);
  }
  pop(): PyValue {
    const v = this.stack.pop();
    if (v === undefined || v === MARK) fail('corrupt pickle: stack underflow');
    return v;
  }
  top(): PyValue {
    const v = this.stack[this.stack.length - 1];
    if (v === undefined || v === MARK) fail('corrupt pickle: stack underflow');
    return v;
  }
  /** The values above the topmost mark, removing them and the mark. */
  popMark(): PyValue[] {
    const i = this.stack.lastIndexOf(MARK);
    if (i < 0) fail('corrupt pickle: no mark');
    const items = this.stack.splice(i) as PyValue[];
    items.shift();
    return items;
  }

  /** Memoizes the top of the stack under `k` (MEMOIZE passes the memo's size). */
  put(k: number = this.memo.size): void {
    this.memo.set(k, this.top());
  }
  get(k: number): PyValue {
    if (!this.memo.has(k)) fail(`corrupt pickle: memo entry ${k} missing`);
    return this.memo.get(k) as PyValue;
  }
}

export function setItems(d: PyValue, kv: PyValue[]): void {
  if (!isDict(d)) fail('corrupt pickle: SETITEM(S) on a non-dict');
  if (kv.length % 2) fail('corrupt pickle: odd SETITEMS');
  for (let i = 0; i < kv.length; i += 2) d.entries.push([kv[i], kv[i + 1]]);
}

export function appendItems(l: PyValue, items: PyValue[]): void {
  if (!Array.isArray(l)) fail('corrupt pickle: APPEND(S) on a non-list');
  for (const x of items) l.push(x);
}

/** A protocol-0 INT/LONG argument ("01"/"00" are True/False). */
export function textInt(s: string): number | boolean {
  const t = s.trim().replace(/L$/, '');
  if (t === '00') return false;
  if (t === '01') return true;
  if (!/^[-+]?\d+$/.test(t)) fail(`corrupt pickle: bad integer ${quote(t)}`);
  return Number(t);
}

export function tupleItems(v: PyValue): PyValue[] {
  if (isTuple(v)) return v.items;
  fail('corrupt pickle: arguments are not a tuple');
}

/** Little-endian two's-complement integer (LONG1/LONG4) as a number (exact up to 2^53). */
export function longLE(b: Uint8Array): number {
  if (b.length === 0) return 0;
  if (b.length > 64) fail('the pickle holds an integer too large for a tensor checkpoint');
  let v = 0n;
  for (let i = b.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]);
  if (b[b.length - 1] & 0x80) v -= 1n << BigInt(8 * b.length);
  return Number(v);
}

export function big64(b: Uint8Array): number {
  const v = new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0, true);
  return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v);
}
