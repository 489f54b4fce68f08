// Module-level code of a model file: the tensors it builds and passes to its models (`model(images)`), and the
// constructor arguments it instantiates them with (`MnistNet(9200)`). A tensor the literal evaluator can compute
// (`torch.arange(36.).view(1, 1, 6, 6) / 10.0`) is taken with its values; otherwise the interpreter follows its shape.
import { parseLiteral, type TensorLiteral } from '../literals';
import { Interp, type Expr, type PyModelFile } from '../pymodel';
import { dottedName } from '../pymodel/python-ast';
import type { Value } from '../pymodel/values';
import type { InputSource } from './analyze';
import { elementwise, functionShape, methodShape } from './functional';

/** Module-level code: tensors the file builds and passes to its models, and the constructor arguments it uses. */
export class FileInputs {
  private env?: Map<string, Value>;
  /** Module-level names bound to a tensor the literal evaluator computed, with its values. */
  private readonly literals = new Map<string, TensorLiteral>();
  private readonly interp: Interp;

  constructor(private readonly file: PyModelFile) {
    this.interp = new Interp(
      {
        call: (callee, args, kwargs, site) => {
          if (callee.kind === 'method')
            return callee.receiver.k === 'tensor' ? methodShape(callee.receiver.shape, callee.name, args, kwargs) : undefined;
          if (callee.kind !== 'global') return undefined;
          const t = /^(?:torch|np|numpy)\.(\w+)$/.exec(callee.name);
          if (!t) return undefined;
          const lit = this.literalShape(site.expr.start, site.expr.end);
          if (lit) return { k: 'tensor', shape: lit };
          return callee.name.startsWith('torch.') ? functionShape('torch', t[1], args, kwargs) : undefined;
        },
        tensorBinop: (_op, a, b) => elementwise(a, b),
      },
      file.globals,
    );
  }

  /** The shape of a tensor literal call (`torch.tensor([[...]])`) spanning [start, end), parsed only when asked. */
  private literalShape(start: number, end: number): number[] | undefined {
    const lit = parseLiteral(this.file.text.slice(start, end), { language: 'python', maxElements: 1 << 22 });
    return lit.kind === 'tensor' ? lit.shape : undefined;
  }

  /** Runs the module-level statements once (each on its own: one that fails does not stop the rest). */
  private environment(): Map<string, Value> {
    if (this.env) return this.env;
    this.env = new Map(this.file.globals);
    const frame = { vars: this.env };
    for (const s of this.file.topLevel) {
      if (s.kind !== 'assign') continue;
      if (s.targets.length === 1 && s.targets[0].kind === 'name' && this.file.instances.some((i) => i.line === s.line)) continue;
      if (s.targets.length === 1 && s.targets[0].kind === 'name') {
        const lit = this.literal(s.value);
        if (lit) {
          this.literals.set(s.targets[0].id, lit);
          this.env.set(s.targets[0].id, { k: 'tensor', shape: lit.shape });
          continue;
        }
      }
      try {
        this.interp.run([s], frame);
      } catch {
        // Code we cannot evaluate binds nothing we use.
      }
    }
    return this.env;
  }

  /** The shape of the first tensor the file passes to instance `name`. */
  inputOf(name: string): InputSource | undefined {
    return this.findInput(name).input;
  }

  /** The first tensor the file passes to instance `name`, or why none could be followed (the expression that stopped it). */
  findInput(name: string): { input?: InputSource; why?: string } {
    let why: string | undefined;
    for (const use of this.file.uses) {
      if (use.instance !== name) continue;
      const v = this.evaluate(use.arg, use.line);
      const call = `${name}(${this.file.text.slice(use.arg.start, use.arg.end)}) on line ${use.line}`;
      if (v.k === 'tensor')
        return {
          input: {
            shape: v.shape,
            source: 'file',
            label: `${name}(${dottedName(use.arg) ?? this.file.text.slice(use.arg.start, use.arg.end)}) on line ${use.line}`,
          },
        };
      why ??= `${call}: ${v.k === 'unknown' ? `${v.why} cannot be followed` : 'its argument is not a tensor'}`;
    }
    return { why };
  }

  /** The values of the tensor passed to instance `name`, when the literal evaluator computed it. */
  inputValues(name: string): TensorLiteral | undefined {
    const use = this.file.uses.find((u) => u.instance === name);
    if (!use) return undefined;
    this.environment();
    return use.arg.kind === 'name' ? this.literals.get(use.arg.id) : this.literal(use.arg);
  }

  /** The expression as the literal evaluator computes it (a tensor literal, arange/zeros, .view, arithmetic). */
  private literal(e: Expr): TensorLiteral | undefined {
    if (e.kind !== 'call' && e.kind !== 'binop') return undefined;
    const lit = parseLiteral(this.file.text.slice(e.start, e.end), { language: 'python', maxElements: 1 << 22 });
    return lit.kind === 'tensor' ? lit : undefined;
  }

  constructorArgs(call: { args: Expr[]; kwargs: Record<string, Expr> }): [Value[], Record<string, Value>] {
    const frame = { vars: this.environment() };
    const args = call.args.map((a) => this.interp.eval(a, frame, 0));
    const kwargs = Object.fromEntries(Object.entries(call.kwargs).map(([k, v]) => [k, this.interp.eval(v, frame, 0)]));
    return [args, kwargs];
  }

  private evaluate(e: Expr, line: number): Value {
    try {
      return this.interp.eval(e, { vars: this.environment() }, line);
    } catch {
      return { k: 'unknown', why: 'the model input' };
    }
  }
}
