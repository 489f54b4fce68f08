// A model of the user's file run on engine tensors (trained by the Training view, explored step by step): the pymodel
// IR's module tree (instantiate) as engine modules, each file class's forward run by the IR's interpreter.
import { F, nn, noGrad, zeros, type Tensor } from '../engine';
import {
  Interp,
  Stop,
  bindParams,
  findMethod,
  instantiate,
  isBuiltinLayer,
  readModelFile,
  type Callee,
  type Frame,
  type Hooks,
  type PyModelFile,
} from '../pymodel';
import { asInt, asPair, type ModuleInstance, type Value } from '../pymodel/values';
import { FirstConvTap } from './first-conv-tap';
import { engineModule } from './ir-module';
import { elementwise } from './elementwise';
import type { StepSink } from './steps';

export interface NamedTensor {
  key: string;
  tensor: Tensor;
}

/** A tensor Value of the interpreter with its engine tensor (kept beside the Value, which only knows the shape). */
const tensors = new WeakMap<object, Tensor>();
const wrap = (t: Tensor): Value => {
  const v: Value = { k: 'tensor', shape: [...t.shape] };
  tensors.set(v, t);
  return v;
};

export class IrNetwork {
  readonly root: ModuleInstance;
  /** In PyTorch's named_parameters() order (each module's own, then its children in registration order). */
  readonly parameters: NamedTensor[] = [];
  readonly buffers: NamedTensor[] = [];
  /** Parameters and buffers in state_dict() order (each layer's parameters, then its buffers). */
  readonly stateTensors: NamedTensor[] = [];
  private readonly engine = new Map<ModuleInstance, nn.Module>();
  private readonly interp: Interp;
  private training = true;
  /** The first Conv2d's activation in the last forward, for the Training view's feature maps. */
  readonly firstConv = new FirstConvTap();
  /** Receives every step of forward in order (leaf modules, functional calls, tensor methods, operators). */
  onStep?: StepSink;

  /** Builds `className(*args)` of the file; throws Stop (with a line) or TorchError for what it cannot build. */
  constructor(
    readonly file: PyModelFile,
    className: string,
    args: Value[] = [],
    kwargs: Record<string, Value> = {},
  ) {
    this.root = instantiate(file, className, args, kwargs);
    this.collect(this.root);
    this.interp = new Interp(this.hooks(), file.globals);
  }

  static fromSource(text: string, className: string, args: Value[] = []): IrNetwork {
    return new IrNetwork(readModelFile(text), className, args);
  }

  private collect(m: ModuleInstance): void {
    if (isBuiltinLayer(m.type)) {
      const mod = engineModule(m);
      this.engine.set(m, mod);
      const prefix = m.path ? `${m.path}.` : '';
      for (const [n, t] of mod.namedParameters()) this.parameters.push({ key: prefix + n, tensor: t });
      for (const [n, t] of mod.namedBuffers()) this.buffers.push({ key: prefix + n, tensor: t });
      this.stateTensors.push(...mod.namedParameters().map(([n, t]) => ({ key: prefix + n, tensor: t })));
      this.stateTensors.push(...mod.namedBuffers().map(([n, t]) => ({ key: prefix + n, tensor: t })));
    }
    for (const [, child] of m.children) this.collect(child);
  }

  get(key: string): Tensor | undefined {
    return [...this.parameters, ...this.buffers].find((p) => p.key === key)?.tensor;
  }

  train(mode = true): void {
    this.training = mode;
    for (const m of this.engine.values()) m.train(mode);
  }

  forward(x: Tensor): Tensor {
    this.firstConv.reset();
    const out = this.callModule(this.root, [wrap(x)], {}, this.root.line);
    const t = out.k === 'tensor' ? tensors.get(out) : undefined;
    if (!t) throw new Stop(out.k === 'unknown' ? out.why : `forward of ${this.root.type} does not return a tensor`, this.root.line);
    return t;
  }

  /** The output shape for one input of `inputShape`, without recording gradients. */
  outputShape(inputShape: number[]): number[] {
    const wasTraining = this.training;
    this.train(false);
    try {
      return [...noGrad(() => this.forward(zeros(inputShape))).shape];
    } finally {
      this.train(wasTraining);
    }
  }

  private callModule(m: ModuleInstance, args: Value[], kwargs: Record<string, Value>, line: number): Value {
    const mod = this.engine.get(m);
    if (mod || m.type === 'Sequential') {
      const input = tensorOf(args[0], `calling ${m.path || m.type}`, line);
      let x = input;
      if (mod) {
        x = mod.forward(x);
        this.firstConv.layer(m, input, x);
      }
      for (const [, child] of m.children) x = tensorOf(this.callModule(child, [wrap(x)], {}, line), `${child.path}`, line);
      // A leaf module (no children: a layer, or an empty nn.Sequential) is a step, as PyTorch's forward hooks see it.
      if (m.children.length === 0)
        this.onStep?.({ kind: 'module', name: m.path, type: m.type, line, module: m, inputs: [input], output: x });
      return wrap(x);
    }
    if (m.type === 'ModuleList') throw new Stop(`calling an nn.ModuleList (${m.path})`, line);
    const cls = m.cls ?? this.file.moduleClasses.get(m.type);
    const forward = cls && findMethod(this.file, cls, 'forward');
    if (!cls || !forward) throw new Stop(`${m.type} has no forward we can read`, line);
    const frame: Frame = { vars: bindParams(forward, args, kwargs, `${m.type}.forward()`, this.interp), self: m };
    const out = this.interp.run(forward.body, frame);
    const t = out.k === 'tensor' ? tensors.get(out) : undefined;
    // A class of the file without sub-modules is a leaf too: PyTorch's forward hooks report it after its own steps.
    if (t && m.children.length === 0 && this.onStep) {
      const inputs = args.flatMap((a) => (a.k === 'tensor' && tensors.get(a) ? [tensors.get(a)!] : []));
      this.onStep({ kind: 'module', name: m.path, type: m.type, line, module: m, inputs, output: t });
    }
    return out;
  }

  private hooks(): Hooks {
    return {
      call: (callee, args, kwargs, site) => this.call(callee, args, kwargs, site.line),
      tensorBinop: (op, a, b, line) => {
        const ta = a.k === 'tensor' ? tensorOf(a, `a ${op} b`, line) : undefined;
        const tb = b.k === 'tensor' ? tensorOf(b, `a ${op} b`, line) : undefined;
        let out: Tensor;
        if (op === '+' && ta && tb) out = F.add(ta, tb);
        else if (this.onStep) out = elementwise(op, ta ?? scalarOf(a, op, line), tb ?? scalarOf(b, op, line), line);
        else throw new Stop(`the "${op}" operator on tensors is not supported for training`, line);
        this.onStep?.({ kind: 'operator', name: op, type: op, line, inputs: [ta, tb].filter((t): t is Tensor => !!t), output: out });
        return wrap(out);
      },
      attribute: (target, attr) => {
        if (target.k !== 'tensor') return undefined;
        if (attr === 'shape') return { k: 'tuple', items: target.shape.map((v) => ({ k: 'int', v })) };
        if (attr === 'ndim') return { k: 'int', v: target.shape.length };
        return undefined;
      },
      statement: (stmt, bound) => {
        for (const [name, v] of bound) if (v.k === 'unknown' && (name !== '' || stmt.kind === 'return')) throw new Stop(v.why, stmt.line);
      },
    };
  }

  private call(callee: Callee, args: Value[], kwargs: Record<string, Value>, line: number): Value | undefined {
    if (callee.kind === 'module') return this.callModule(callee.m, args, kwargs, line);
    if (callee.kind === 'method') {
      const r = callee.receiver;
      if (r.k !== 'tensor') return r.k === 'unknown' ? r : undefined;
      const input = tensorOf(r, '', line);
      const out = this.method(input, callee.name, args, kwargs, line);
      const t = out.k === 'tensor' ? tensors.get(out) : undefined;
      if (t && t !== input) this.onStep?.({ kind: 'method', name: `.${callee.name}`, type: callee.name, line, inputs: [input], output: t });
      return out;
    }
    const fn = /^(?:torch\.nn\.functional|nn\.functional|F|functional|torch)\.(\w+)$/.exec(callee.name);
    if (!fn) return undefined;
    const out = this.functional(fn[1], args, kwargs, line);
    const t = out.k === 'tensor' ? tensors.get(out) : undefined;
    if (t && this.onStep)
      this.onStep({ kind: 'function', name: callee.name, type: fn[1], line, inputs: tensorArgs(args, kwargs), output: t });
    return out;
  }

  private functional(name: string, args: Value[], kwargs: Record<string, Value>, line: number): Value {
    const arg = (i: number, key: string): Value | undefined => kwargs[key] ?? args[i];
    const x = () => tensorOf(args[0] ?? kwargs.input, `${name}()`, line);
    const n = (i: number, key: string, fallback: number) => {
      const v = arg(i, key);
      return v && (v.k === 'int' || v.k === 'float') ? v.v : fallback;
    };
    const pair = (i: number, key: string, fallback: [number, number]) => {
      const v = arg(i, key);
      return v && v.k !== 'none' ? (asPair(v) ?? fallback) : fallback;
    };
    switch (name) {
      case 'relu':
      case 'relu_': {
        const input = x();
        const y = F.relu(input);
        this.firstConv.relu(input, y);
        return wrap(y);
      }
      case 'relu6':
        return wrap(F.relu6(x()));
      case 'leaky_relu':
        return wrap(F.leaky_relu(x(), n(1, 'negative_slope', 0.01)));
      case 'elu':
        return wrap(F.elu(x(), n(1, 'alpha', 1)));
      case 'gelu': {
        const approx = arg(1, 'approximate');
        return wrap(F.gelu(x(), approx?.k === 'str' ? (approx.v as 'none' | 'tanh') : 'none'));
      }
      case 'silu':
        return wrap(F.silu(x()));
      case 'sigmoid':
        return wrap(F.sigmoid(x()));
      case 'tanh':
        return wrap(F.tanh(x()));
      case 'softmax':
      case 'log_softmax': {
        const dim = asInt(arg(1, 'dim'));
        if (dim === undefined) throw new Stop(`${name}() needs a constant dim`, line);
        return wrap(name === 'softmax' ? F.softmax(x(), dim) : F.log_softmax(x(), dim));
      }
      case 'dropout': {
        const t = arg(2, 'training');
        const on = this.training && !(t && t.k === 'bool' && !t.v);
        return wrap(F.dropout(x(), n(1, 'p', 0.5), on));
      }
      case 'max_pool2d': {
        const k = pair(1, 'kernel_size', [1, 1]);
        const opts = {
          kernelSize: k,
          stride: pair(2, 'stride', k),
          padding: pair(3, 'padding', [0, 0]),
          dilation: pair(4, 'dilation', [1, 1]),
          ceilMode: arg(5, 'ceil_mode')?.k === 'bool' ? (arg(5, 'ceil_mode') as { v: boolean }).v : false,
        };
        return wrap(F.max_pool2d(x(), opts));
      }
      case 'avg_pool2d': {
        const k = pair(1, 'kernel_size', [1, 1]);
        const b = (i: number, key: string, d: boolean) => {
          const v = arg(i, key);
          return v?.k === 'bool' ? v.v : d;
        };
        return wrap(
          F.avg_pool2d(x(), {
            kernelSize: k,
            stride: pair(2, 'stride', k),
            padding: pair(3, 'padding', [0, 0]),
            ceilMode: b(4, 'ceil_mode', false),
            countIncludePad: b(5, 'count_include_pad', true),
          }),
        );
      }
      case 'adaptive_avg_pool2d': {
        const o = arg(1, 'output_size');
        const size = o?.k === 'tuple' ? o.items.map((v) => (v.k === 'none' ? null : (asInt(v) ?? 1))) : (asInt(o) ?? 1);
        return wrap(F.adaptive_avg_pool2d(x(), size));
      }
      case 'flatten':
        return wrap(F.flatten(x(), n(1, 'start_dim', 0), n(2, 'end_dim', -1)));
      case 'cat':
      case 'concat': {
        const list = arg(0, 'tensors');
        if (!list || list.k !== 'tuple') throw new Stop('torch.cat of something that is not a list of tensors', line);
        return wrap(
          F.cat(
            list.items.map((v) => tensorOf(v, 'torch.cat', line)),
            n(1, 'dim', 0),
          ),
        );
      }
      case 'add':
        return wrap(F.add(x(), tensorOf(arg(1, 'other'), 'torch.add', line)));
      default:
        throw new Stop(`${name}() is not supported for training yet`, line);
    }
  }

  private method(t: Tensor, name: string, args: Value[], kwargs: Record<string, Value>, line: number): Value {
    const ints = (values: Value[]): number[] => {
      const list = values.length === 1 && values[0].k === 'tuple' ? values[0].items : values;
      return list.map((v) => {
        const i = asInt(v);
        if (i === undefined) throw new Stop(`.${name}() with a size that is not a constant`, line);
        return i;
      });
    };
    switch (name) {
      case 'view':
      case 'reshape':
        return wrap(t.view(...ints(args)));
      case 'flatten': {
        const [s = 0, e = -1] = ints(args);
        return wrap(F.flatten(t, asInt(kwargs.start_dim) ?? s, asInt(kwargs.end_dim) ?? e));
      }
      case 'size': {
        if (args.length === 0) return { k: 'tuple', items: t.shape.map((v) => ({ k: 'int', v })) };
        const d = asInt(args[0]) ?? 0;
        return { k: 'int', v: t.shape[d < 0 ? d + t.ndim : d] };
      }
      case 'dim':
        return { k: 'int', v: t.ndim };
      case 'relu': {
        const y = F.relu(t);
        this.firstConv.relu(t, y);
        return wrap(y);
      }
      case 'sigmoid':
        return wrap(F.sigmoid(t));
      case 'tanh':
        return wrap(F.tanh(t));
      case 'contiguous':
      case 'float':
        return wrap(t);
      default:
        throw new Stop(`the tensor method .${name}() is not supported for training yet`, line);
    }
  }

  /** Parameters and buffers by PyTorch's state_dict keys. */
  state(): Record<string, { shape: number[]; data: number[] }> {
    const out: Record<string, { shape: number[]; data: number[] }> = {};
    for (const { key, tensor: t } of [...this.parameters, ...this.buffers]) out[key] = { shape: [...t.shape], data: Array.from(t.data) };
    return out;
  }
}

/** The tensors among a call's arguments (a list's items too: torch.cat), in order. */
function tensorArgs(args: Value[], kwargs: Record<string, Value>): Tensor[] {
  const out: Tensor[] = [];
  const visit = (v: Value): void => {
    const t = v.k === 'tensor' ? tensors.get(v) : undefined;
    if (t) out.push(t);
    else if (v.k === 'tuple') v.items.forEach(visit);
  };
  [...args, ...Object.values(kwargs)].forEach(visit);
  return out;
}

function scalarOf(v: Value, op: string, line: number): number {
  if (v.k === 'int' || v.k === 'float') return v.v;
  if (v.k === 'bool') return v.v ? 1 : 0;
  throw new Stop(v.k === 'unknown' ? v.why : `"${op}" between a tensor and this value`, line);
}

function tensorOf(v: Value | undefined, what: string, line: number): Tensor {
  const t = v && v.k === 'tensor' ? tensors.get(v) : undefined;
  if (t) return t;
  if (v?.k === 'tensor') throw new Stop(`${what}: a tensor made inside forward is not supported for training`, line);
  throw new Stop(v?.k === 'unknown' ? v.why : `${what} on something that is not a tensor`, line);
}
