// A restricted unpickler: builds plain data from a pickle and never calls anything; globals go through an allow-list.
import { fail } from './byte-source';
import { PickleMachine, appendItems, big64, longLE, setItems, textInt, tupleItems } from './pickle-machine';
import type { PyDict, PyGlobal, PyValue } from './pickle-values';

export * from './pickle-values';

export interface UnpickleHooks {
  /** Returns the global if allowed, else throws naming it; nothing is imported or called either way. */
  global(module: string, name: string): PyGlobal;
  /** What `callable(*args)` means for an allowed global (our own code, not the pickled one). */
  reduce(callable: PyValue, args: PyValue[]): PyValue;
  persistentLoad(pid: PyValue): PyValue;
}

/** Unpickles one pickle starting at `start`; returns the value and the offset just after STOP. */
export function unpickle(buf: Uint8Array, hooks: UnpickleHooks, start = 0): { value: PyValue; end: number } {
  const m = new PickleMachine(buf, start);
  for (;;) {
    const op = m.u8();
    switch (op) {
      case 0x80:
        m.u8();
        break; // PROTO
      case 0x95:
        m.bytes(8);
        break; // FRAME: frames are only a buffering hint
      case 0x2e:
        return { value: m.pop(), end: m.p }; // STOP
      case 0x28:
        m.mark();
        break;
      case 0x30:
        m.pop();
        break; // POP
      case 0x31:
        m.popMark();
        break; // POP_MARK
      case 0x32:
        m.push(m.top());
        break; // DUP
      case 0x4e:
        m.push(null);
        break;
      case 0x88:
        m.push(true);
        break;
      case 0x89:
        m.push(false);
        break;
      case 0x4b:
        m.push(m.u8());
        break; // BININT1
      case 0x4d:
        m.push(m.u16());
        break; // BININT2
      case 0x4a:
        m.push(m.i32());
        break; // BININT
      case 0x8a:
        m.push(longLE(m.bytes(m.u8())));
        break; // LONG1
      case 0x8b:
        m.push(longLE(m.bytes(m.u32())));
        break; // LONG4
      case 0x47:
        m.push(m.f64be());
        break; // BINFLOAT (big-endian)
      case 0x49:
        m.push(textInt(m.line()));
        break; // INT
      case 0x4c:
        m.push(textInt(m.line()));
        break; // LONG
      case 0x46:
        m.push(Number.parseFloat(m.line()));
        break; // FLOAT
      case 0x58:
        m.push(m.utf8(m.u32()));
        break; // BINUNICODE
      case 0x8c:
        m.push(m.utf8(m.u8()));
        break; // SHORT_BINUNICODE
      case 0x8d:
        m.push(m.utf8(big64(m.bytes(8))));
        break; // BINUNICODE8
      case 0x56:
        m.push(m.line());
        break; // UNICODE (raw-unicode-escape; ASCII in practice)
      case 0x54:
        m.push(m.latin1(m.u32()));
        break; // BINSTRING
      case 0x55:
        m.push(m.latin1(m.u8()));
        break; // SHORT_BINSTRING
      case 0x42:
        m.push(m.bytes(m.u32()).slice());
        break; // BINBYTES
      case 0x43:
        m.push(m.bytes(m.u8()).slice());
        break; // SHORT_BINBYTES
      case 0x8e:
        m.push(m.bytes(big64(m.bytes(8))).slice());
        break; // BINBYTES8
      case 0x7d:
        m.push({ kind: 'dict', entries: [] });
        break; // EMPTY_DICT
      case 0x5d:
        m.push([]);
        break; // EMPTY_LIST
      case 0x29:
        m.push({ kind: 'tuple', items: [] });
        break; // EMPTY_TUPLE
      case 0x8f:
        m.push([]);
        break; // EMPTY_SET (as a list)
      case 0x74:
        m.push({ kind: 'tuple', items: m.popMark() });
        break; // TUPLE
      case 0x85:
        m.push({ kind: 'tuple', items: [m.pop()] });
        break;
      case 0x86: {
        const b = m.pop();
        const a = m.pop();
        m.push({ kind: 'tuple', items: [a, b] });
        break;
      }
      case 0x87: {
        const c = m.pop();
        const b = m.pop();
        const a = m.pop();
        m.push({ kind: 'tuple', items: [a, b, c] });
        break;
      }
      case 0x6c:
        m.push(m.popMark());
        break; // LIST
      case 0x91:
        m.push(m.popMark());
        break; // FROZENSET (as a list)
      case 0x64: {
        const kv = m.popMark();
        const d: PyDict = { kind: 'dict', entries: [] };
        setItems(d, kv);
        m.push(d);
        break;
      } // DICT
      case 0x61: {
        const v = m.pop();
        appendItems(m.top(), [v]);
        break;
      } // APPEND
      case 0x65: {
        const items = m.popMark();
        appendItems(m.top(), items);
        break;
      } // APPENDS
      case 0x90: {
        const items = m.popMark();
        appendItems(m.top(), items);
        break;
      } // ADDITEMS
      case 0x73: {
        const v = m.pop();
        const k = m.pop();
        setItems(m.top(), [k, v]);
        break;
      } // SETITEM
      case 0x75: {
        const kv = m.popMark();
        setItems(m.top(), kv);
        break;
      } // SETITEMS
      case 0x71:
        m.put(m.u8());
        break; // BINPUT
      case 0x72:
        m.put(m.u32());
        break; // LONG_BINPUT
      case 0x70:
        m.put(Number(textInt(m.line())));
        break; // PUT
      case 0x94:
        m.put();
        break; // MEMOIZE
      case 0x68:
        m.push(m.get(m.u8()));
        break; // BINGET
      case 0x6a:
        m.push(m.get(m.u32()));
        break; // LONG_BINGET
      case 0x67:
        m.push(m.get(Number(textInt(m.line()))));
        break; // GET
      case 0x63: {
        const module = m.line();
        const name = m.line();
        m.push(hooks.global(module, name));
        break;
      } // GLOBAL
      case 0x93: {
        const name = m.pop();
        const module = m.pop();
        if (typeof module !== 'string' || typeof name !== 'string') fail('corrupt pickle: STACK_GLOBAL needs strings');
        m.push(hooks.global(module, name));
        break;
      }
      case 0x52: {
        const args = m.pop();
        const fn = m.pop();
        m.push(hooks.reduce(fn, tupleItems(args)));
        break;
      } // REDUCE
      case 0x81: {
        const args = m.pop();
        const cls = m.pop();
        m.push(hooks.reduce(cls, tupleItems(args)));
        break;
      } // NEWOBJ
      case 0x62:
        m.pop();
        m.top();
        break; // BUILD: state of allowed objects (e.g. a state_dict's _metadata) is not needed
      case 0x51:
        m.push(hooks.persistentLoad(m.pop()));
        break; // BINPERSID
      case 0x50:
        m.push(hooks.persistentLoad(m.line()));
        break; // PERSID
      default:
        fail(`the pickle uses opcode 0x${op.toString(16).padStart(2, '0')}, which a tensor checkpoint does not need: refused`);
    }
  }
}
