// A restricted unpickler: builds plain data from a pickle and never calls anything; globals go through an allow-list.
import { fail, quote } from './byte-source';
import { isDict, isTuple, type PyDict, type PyGlobal, type PyValue } from './pickle-values';

export * from './pickle-values';

export interface UnpickleHooks {
  /** Returns the global if allowed, else throws naming it; nothing is imported or called either way. */
  global(module: string, name: string): PyGlobal;
  /** What `callable(*args)` means for an allowed global (our own code, not the pickled one). */
  reduce(callable: PyValue, args: PyValue[]): PyValue;
  persistentLoad(pid: PyValue): PyValue;
}

const MARK = Symbol('mark');
type Slot = PyValue | typeof MARK;

/** Unpickles one pickle starting at `start`; returns the value and the offset just after STOP. */
export function unpickle(buf: Uint8Array, hooks: UnpickleHooks, start = 0): { value: PyValue; end: number } {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const stack: Slot[] = [];
  const memo = new Map<number, PyValue>();
  const latin1 = new TextDecoder('latin1');
  const utf8 = new TextDecoder('utf-8');
  let p = start;
  const need = (n: number) => {
    if (!Number.isSafeInteger(n) || n < 0 || p + n > buf.length) fail('the pickle ends early: truncated or corrupt');
  };
  const u8 = () => (need(1), buf[p++]);
  const u16 = () => (need(2), (p += 2), dv.getUint16(p - 2, true));
  const u32 = () => (need(4), (p += 4), dv.getUint32(p - 4, true));
  const bytes = (n: number) => (need(n), (p += n), buf.subarray(p - n, p));
  const line = () => {
    const nl = buf.indexOf(0x0a, p);
    if (nl < 0) fail('the pickle ends early: truncated or corrupt');
    const s = latin1.decode(buf.subarray(p, nl));
    p = nl + 1;
    return s;
  };
  const pop = (): PyValue => {
    const v = stack.pop();
    if (v === undefined || v === MARK) fail('corrupt pickle: stack underflow');
    return v;
  };
  const top = (): PyValue => {
    const v = stack[stack.length - 1];
    if (v === undefined || v === MARK) fail('corrupt pickle: stack underflow');
    return v;
  };
  const popMark = (): PyValue[] => {
    const i = stack.lastIndexOf(MARK);
    if (i < 0) fail('corrupt pickle: no mark');
    const items = stack.splice(i) as PyValue[];
    items.shift();
    return items;
  };
  const memoGet = (k: number) => {
    if (!memo.has(k)) fail(`corrupt pickle: memo entry ${k} missing`);
    return memo.get(k) as PyValue;
  };
  const setItems = (d: PyValue, kv: PyValue[]) => {
    if (!isDict(d)) fail('corrupt pickle: SETITEM(S) on a non-dict');
    if (kv.length % 2) fail('corrupt pickle: odd SETITEMS');
    for (let i = 0; i < kv.length; i += 2) d.entries.push([kv[i], kv[i + 1]]);
  };
  const appendItems = (l: PyValue, items: PyValue[]) => {
    if (!Array.isArray(l)) fail('corrupt pickle: APPEND(S) on a non-list');
    for (const x of items) l.push(x);
  };
  const int = (s: string) => {
    const t = s.trim().replace(/L$/, '');
    if (t === '00') return false;
    if (t === '01') return true;
    if (!/^[-+]?\d+$/.test(t)) fail(`corrupt pickle: bad integer ${quote(t)}`);
    return Number(t);
  };
  for (;;) {
    const op = u8();
    switch (op) {
      case 0x80:
        u8();
        break; // PROTO
      case 0x95:
        bytes(8);
        break; // FRAME: frames are only a buffering hint
      case 0x2e:
        return { value: pop(), end: p }; // STOP
      case 0x28:
        stack.push(MARK);
        break;
      case 0x30:
        pop();
        break; // POP
      case 0x31:
        popMark();
        break; // POP_MARK
      case 0x32:
        stack.push(top());
        break; // DUP
      case 0x4e:
        stack.push(null);
        break;
      case 0x88:
        stack.push(true);
        break;
      case 0x89:
        stack.push(false);
        break;
      case 0x4b:
        stack.push(u8());
        break; // BININT1
      case 0x4d:
        stack.push(u16());
        break; // BININT2
      case 0x4a:
        need(4);
        stack.push(dv.getInt32(p, true));
        p += 4;
        break; // BININT
      case 0x8a:
        stack.push(longLE(bytes(u8())));
        break; // LONG1
      case 0x8b:
        stack.push(longLE(bytes(u32())));
        break; // LONG4
      case 0x47:
        need(8);
        stack.push(dv.getFloat64(p, false));
        p += 8;
        break; // BINFLOAT (big-endian)
      case 0x49:
        stack.push(int(line()));
        break; // INT
      case 0x4c:
        stack.push(int(line()));
        break; // LONG
      case 0x46:
        stack.push(Number.parseFloat(line()));
        break; // FLOAT
      case 0x58:
        stack.push(utf8.decode(bytes(u32())));
        break; // BINUNICODE
      case 0x8c:
        stack.push(utf8.decode(bytes(u8())));
        break; // SHORT_BINUNICODE
      case 0x8d:
        stack.push(utf8.decode(bytes(big64(bytes(8)))));
        break; // BINUNICODE8
      case 0x56:
        stack.push(line());
        break; // UNICODE (raw-unicode-escape; ASCII in practice)
      case 0x54:
        stack.push(latin1.decode(bytes(u32())));
        break; // BINSTRING
      case 0x55:
        stack.push(latin1.decode(bytes(u8())));
        break; // SHORT_BINSTRING
      case 0x42:
        stack.push(bytes(u32()).slice());
        break; // BINBYTES
      case 0x43:
        stack.push(bytes(u8()).slice());
        break; // SHORT_BINBYTES
      case 0x8e:
        stack.push(bytes(big64(bytes(8))).slice());
        break; // BINBYTES8
      case 0x7d:
        stack.push({ kind: 'dict', entries: [] });
        break; // EMPTY_DICT
      case 0x5d:
        stack.push([]);
        break; // EMPTY_LIST
      case 0x29:
        stack.push({ kind: 'tuple', items: [] });
        break; // EMPTY_TUPLE
      case 0x8f:
        stack.push([]);
        break; // EMPTY_SET (as a list)
      case 0x74:
        stack.push({ kind: 'tuple', items: popMark() });
        break; // TUPLE
      case 0x85:
        stack.push({ kind: 'tuple', items: [pop()] });
        break;
      case 0x86: {
        const b = pop();
        const a = pop();
        stack.push({ kind: 'tuple', items: [a, b] });
        break;
      }
      case 0x87: {
        const c = pop();
        const b = pop();
        const a = pop();
        stack.push({ kind: 'tuple', items: [a, b, c] });
        break;
      }
      case 0x6c:
        stack.push(popMark());
        break; // LIST
      case 0x91:
        stack.push(popMark());
        break; // FROZENSET (as a list)
      case 0x64: {
        const kv = popMark();
        const d: PyDict = { kind: 'dict', entries: [] };
        setItems(d, kv);
        stack.push(d);
        break;
      } // DICT
      case 0x61: {
        const v = pop();
        appendItems(top(), [v]);
        break;
      } // APPEND
      case 0x65: {
        const items = popMark();
        appendItems(top(), items);
        break;
      } // APPENDS
      case 0x90: {
        const items = popMark();
        appendItems(top(), items);
        break;
      } // ADDITEMS
      case 0x73: {
        const v = pop();
        const k = pop();
        setItems(top(), [k, v]);
        break;
      } // SETITEM
      case 0x75: {
        const kv = popMark();
        setItems(top(), kv);
        break;
      } // SETITEMS
      case 0x71:
        memo.set(u8(), top());
        break; // BINPUT
      case 0x72:
        memo.set(u32(), top());
        break; // LONG_BINPUT
      case 0x70:
        memo.set(Number(int(line())), top());
        break; // PUT
      case 0x94:
        memo.set(memo.size, top());
        break; // MEMOIZE
      case 0x68:
        stack.push(memoGet(u8()));
        break; // BINGET
      case 0x6a:
        stack.push(memoGet(u32()));
        break; // LONG_BINGET
      case 0x67:
        stack.push(memoGet(Number(int(line()))));
        break; // GET
      case 0x63: {
        const module = line();
        const name = line();
        stack.push(hooks.global(module, name));
        break;
      } // GLOBAL
      case 0x93: {
        const name = pop();
        const module = pop();
        if (typeof module !== 'string' || typeof name !== 'string') fail('corrupt pickle: STACK_GLOBAL needs strings');
        stack.push(hooks.global(module, name));
        break;
      }
      case 0x52: {
        const args = pop();
        const fn = pop();
        stack.push(hooks.reduce(fn, tupleItems(args)));
        break;
      } // REDUCE
      case 0x81: {
        const args = pop();
        const cls = pop();
        stack.push(hooks.reduce(cls, tupleItems(args)));
        break;
      } // NEWOBJ
      case 0x62:
        pop();
        top();
        break; // BUILD: state of allowed objects (e.g. a state_dict's _metadata) is not needed
      case 0x51:
        stack.push(hooks.persistentLoad(pop()));
        break; // BINPERSID
      case 0x50:
        stack.push(hooks.persistentLoad(line()));
        break; // PERSID
      default:
        fail(`the pickle uses opcode 0x${op.toString(16).padStart(2, '0')}, which a tensor checkpoint does not need: refused`);
    }
  }
}

function tupleItems(v: PyValue): PyValue[] {
  if (isTuple(v)) return v.items;
  fail('corrupt pickle: arguments are not a tuple');
}

/** Little-endian two's-complement integer (LONG1/LONG4) as a number (exact up to 2^53). */
function longLE(b: Uint8Array): number {
  if (b.length === 0) return 0;
  if (b.length > 64) fail('the pickle holds an integer too large for a tensor checkpoint');
  let v = 0n;
  for (let i = b.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]);
  if (b[b.length - 1] & 0x80) v -= 1n << BigInt(8 * b.length);
  return Number(v);
}

function big64(b: Uint8Array): number {
  const v = new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0, true);
  return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v);
}
