// A small interpreter over method bodies: evaluates expressions, runs statements, hands unknown calls to its hooks.
import { TorchError } from '../engine/errors';
import { dottedName, type Expr, type Span } from './python-ast';
import type { Stmt } from './syntax';
import { Stop, describeCallee, type Callee, type CallSite, type Frame, type Hooks } from './interp-hooks';
import { arithmetic, callBuiltin, compareValues } from './interp-ops';
import { NONE, asInt, truthy, unknown, type Value } from './values';

/** Evaluates expressions and statements of one file; `globals` are its module-level constants. */
export class Interp {
  constructor(
    private readonly hooks: Hooks,
    private readonly globals: Map<string, Value> = new Map(),
  ) {}

  /** Runs a body; returns the value of its `return` (None when it falls off the end). */
  run(body: Stmt[], frame: Frame): Value {
    const r = this.exec(body, frame);
    return r.returned ? r.value : NONE;
  }

  private exec(body: Stmt[], frame: Frame): { returned: boolean; value: Value } {
    for (const s of body) {
      try {
        const r = this.step(s, frame);
        if (r) return r;
      } catch (e) {
        // The innermost statement that failed names the line (an error inside a sub-module's forward keeps its own).
        if (e instanceof TorchError) e.line ??= s.line;
        throw e;
      }
    }
    return { returned: false, value: NONE };
  }

  private step(s: Stmt, frame: Frame): { returned: boolean; value: Value } | undefined {
    {
      switch (s.kind) {
        case 'pass':
          break;
        case 'unsupported':
          throw new Stop(s.what, s.line);
        case 'return': {
          const value = s.value ? this.eval(s.value, frame, s.line) : NONE;
          this.hooks.statement?.(s, [['return', value]], frame);
          return { returned: true, value };
        }
        case 'if': {
          for (const br of s.branches) {
            const take = br.test ? truthy(this.eval(br.test, frame, br.line)) : true;
            if (take === undefined) throw new Stop('an if that depends on the data', br.line);
            if (take) {
              const r = this.exec(br.body, frame);
              if (r.returned) return r;
              break;
            }
          }
          break;
        }
        case 'expr': {
          // Evaluated even without a statement hook: `layers.append(...)` matters for its effect.
          const value = this.eval(s.value, frame, s.line);
          this.hooks.statement?.(s, [['', value]], frame);
          break;
        }
        case 'augassign': {
          const cur = this.eval(s.target, frame, s.line);
          const value = this.binop(s.op, cur, this.eval(s.value, frame, s.line), s.line);
          this.hooks.statement?.(s, this.assign(s.target, value, frame, s.line), frame);
          break;
        }
        case 'assign': {
          const value = this.eval(s.value, frame, s.line);
          const bound = s.targets.flatMap((t) => this.assign(t, value, frame, s.line));
          this.hooks.statement?.(s, bound, frame);
          break;
        }
      }
    }
    return undefined;
  }

  /** Binds a target (`x`, `a, b`, `self.fc`); returns the names bound, for hints. */
  private assign(target: Expr, value: Value, frame: Frame, line: number): Array<[string, Value]> {
    if (target.kind === 'name') {
      frame.vars.set(target.id, value);
      return [[target.id, value]];
    }
    if (target.kind === 'tuple') {
      if (value.k !== 'tuple' || value.items.length !== target.items.length) {
        const why = value.k === 'unknown' ? value.why : `unpacking ${target.items.length} names from a value we cannot split`;
        return target.items.flatMap((t) => this.assign(t, unknown(why), frame, line));
      }
      return target.items.flatMap((t, i) => this.assign(t, value.items[i], frame, line));
    }
    if (target.kind === 'attr' && target.target.kind === 'name' && target.target.id === 'self' && frame.self) {
      const self = frame.self;
      if (value.k === 'module') {
        const at = self.children.findIndex(([n]) => n === target.attr);
        if (at >= 0) self.children[at] = [target.attr, value.m];
        else self.children.push([target.attr, value.m]);
        self.attrs.delete(target.attr);
      } else {
        const at = self.children.findIndex(([n]) => n === target.attr);
        if (at >= 0 && value.k === 'none') self.children.splice(at, 1);
        self.attrs.set(target.attr, value);
      }
      return [[`self.${target.attr}`, value]];
    }
    return [];
  }

  eval(e: Expr, frame: Frame, line: number): Value {
    switch (e.kind) {
      case 'num':
        return e.isInt === false ? { k: 'float', v: e.value } : { k: 'int', v: e.value, src: { start: e.start, end: e.end } };
      case 'str':
        return { k: 'str', v: e.value };
      case 'name':
        return this.lookup(e.id, frame);
      case 'tuple':
        return { k: 'tuple', items: e.items.flatMap((x) => this.spread(x, frame, line)), list: e.list };
      case 'neg': {
        const v = this.eval(e.operand, frame, line);
        if (v.k === 'int' || v.k === 'float') return { k: v.k, v: -v.v };
        // A tensor is negated by the hooks that hold its values (the explorer, training); shape flow keeps its shape.
        if (v.k === 'tensor') return this.hooks.tensorBinop ? this.hooks.tensorBinop('*', { k: 'int', v: -1 }, v, line) : v;
        return unknown(v.k === 'unknown' ? v.why : 'a negated value');
      }
      case 'not': {
        const t = truthy(this.eval(e.operand, frame, line));
        return t === undefined ? unknown('a condition on the data') : { k: 'bool', v: !t };
      }
      case 'bool': {
        const l = this.eval(e.left, frame, line);
        const t = truthy(l);
        if (t === undefined) return unknown('a condition on the data');
        if (e.op === 'and' ? !t : t) return l;
        return this.eval(e.right, frame, line);
      }
      case 'ternary': {
        const t = truthy(this.eval(e.test, frame, line));
        if (t === undefined) return unknown('a conditional expression on the data');
        return this.eval(t ? e.then : e.orElse, frame, line);
      }
      case 'compare':
        return this.compare(e.op, this.eval(e.left, frame, line), this.eval(e.right, frame, line));
      case 'binop':
        return this.binop(e.op, this.eval(e.left, frame, line), this.eval(e.right, frame, line), line);
      case 'attr':
        return this.attribute(e, frame, line);
      case 'index':
        return this.index(this.eval(e.target, frame, line), e.index, frame, line);
      case 'call':
        return this.call(e, frame, line);
      case 'slice':
      case 'starred':
        return unknown('a slice or *-expression here');
    }
  }

  private spread(e: Expr, frame: Frame, line: number): Value[] {
    if (e.kind !== 'starred') return [this.eval(e, frame, line)];
    const v = this.eval(e.value, frame, line);
    return v.k === 'tuple' ? v.items : [unknown(v.k === 'unknown' ? v.why : 'a *-argument we cannot expand')];
  }

  private lookup(id: string, frame: Frame): Value {
    if (id === 'self' && frame.self) return { k: 'module', m: frame.self };
    const v = frame.vars.get(id) ?? this.globals.get(id);
    if (v) return v;
    if (id === 'True' || id === 'False') return { k: 'bool', v: id === 'True' };
    if (id === 'None') return NONE;
    return unknown(`the name "${id}"`);
  }

  private attribute(e: Extract<Expr, { kind: 'attr' }>, frame: Frame, line: number): Value {
    if (this.isGlobalRef(e, frame)) return unknown(`${dottedName(e)}`);
    const target = this.eval(e.target, frame, line);
    if (target.k === 'module') {
      const child = target.m.children.find(([n]) => n === e.attr);
      if (child) return { k: 'module', m: child[1] };
      const attr = target.m.attrs.get(e.attr) ?? target.m.args[e.attr];
      if (attr) return attr;
      if (e.attr === 'training') return { k: 'bool', v: true };
      return unknown(`self.${e.attr}`);
    }
    return this.hooks.attribute?.(target, e.attr, line) ?? unknown(target.k === 'unknown' ? target.why : `the attribute .${e.attr}`);
  }

  private index(target: Value, index: Expr, frame: Frame, line: number): Value {
    if (target.k === 'tuple' || target.k === 'module') {
      const items = target.k === 'tuple' ? target.items : target.m.children.map(([, m]): Value => ({ k: 'module', m }));
      if (index.kind === 'slice') {
        const lo = index.lo ? asInt(this.eval(index.lo, frame, line)) : 0;
        const hi = index.hi ? asInt(this.eval(index.hi, frame, line)) : items.length;
        if (lo === undefined || hi === undefined || index.step) return unknown('a slice we cannot evaluate');
        return { k: 'tuple', items: items.slice(lo < 0 ? items.length + lo : lo, hi < 0 ? items.length + hi : hi) };
      }
      const i = asInt(this.eval(index, frame, line));
      if (i === undefined) return unknown('an index we cannot evaluate');
      return items[i < 0 ? items.length + i : i] ?? unknown('an index out of range');
    }
    if (target.k === 'tensor') return unknown('indexing a tensor');
    return target.k === 'unknown' ? target : unknown('indexing this value');
  }

  /** `nn.Conv2d`, `F.relu`, `torch.cat`, `BasicBlock`: a dotted name whose root is not a local name or self. */
  private isGlobalRef(e: Expr, frame: Frame): boolean {
    const name = dottedName(e);
    if (!name) return false;
    const root = name.split('.')[0];
    return root !== 'self' && !frame.vars.has(root) && !this.globals.has(root);
  }

  private call(e: Extract<Expr, { kind: 'call' }>, frame: Frame, line: number): Value {
    const args = e.args.flatMap((a) => this.spread(a, frame, line));
    const kwargs: Record<string, Value> = {};
    const kwargSpans: Record<string, Span> = {};
    for (const [k, v] of Object.entries(e.kwargs)) {
      kwargs[k] = this.eval(v, frame, line);
      kwargSpans[k] = { start: v.start, end: v.end };
    }
    const site: CallSite = { expr: e, line, argSpans: e.args.map((a) => ({ start: a.start, end: a.end })), kwargSpans };
    let callee: Callee;
    if (this.isGlobalRef(e.fn, frame)) callee = { kind: 'global', name: dottedName(e.fn)! };
    else if (e.fn.kind === 'attr') {
      const receiver = this.eval(e.fn.target, frame, line);
      const child = receiver.k === 'module' ? receiver.m.children.find(([n]) => n === (e.fn as { attr: string }).attr) : undefined;
      const attr = receiver.k === 'module' && !child ? receiver.m.attrs.get(e.fn.attr) : undefined;
      // `self.rnn(x)` where self.rnn is something we could not build: say what it is.
      if (attr?.k === 'unknown') return attr;
      callee = child ? { kind: 'module', m: child[1] } : { kind: 'method', receiver, name: e.fn.attr };
    } else {
      const fn = this.eval(e.fn, frame, line);
      if (fn.k !== 'module') return unknown(fn.k === 'unknown' ? fn.why : 'calling this value');
      callee = { kind: 'module', m: fn.m };
    }
    const hooked = this.hooks.call(callee, args, kwargs, site, frame);
    if (hooked) return hooked;
    return callBuiltin(callee, args) ?? unknown(describeCallee(callee));
  }

  compare(op: string, a: Value, b: Value): Value {
    return compareValues(op, a, b);
  }

  binop(op: string, a: Value, b: Value, line: number): Value {
    if (a.k === 'tensor' || b.k === 'tensor') {
      if (this.hooks.tensorBinop) return this.hooks.tensorBinop(op, a, b, line);
      return unknown('tensor arithmetic');
    }
    return arithmetic(op, a, b);
  }
}
