// Module-level code of a model file: the tensors it builds and passes to its models (`model(images)`), and the
// constructor arguments it instantiates them with (`MnistNet(9200)`).
import { parseLiteral } from '../literals';
import { Interp, type Expr, type PyModelFile } from '../pymodel';
import { dottedName } from '../pymodel/python-ast';
import type { Value } from '../pymodel/values';
import type { InputSource } from './analyze';
import { functionShape, methodShape } from './functional';

/** Module-level code: tensors the file builds and passes to its models, and the constructor arguments it uses. */
export class FileInputs {
  private env?: Map<string, Value>;
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
    for (const use of this.file.uses) {
      if (use.instance !== name) continue;
      const v = this.evaluate(use.arg, use.line);
      if (v.k === 'tensor')
        return {
          shape: v.shape,
          source: 'file',
          label: `${name}(${dottedName(use.arg) ?? this.file.text.slice(use.arg.start, use.arg.end)}) on line ${use.line}`,
        };
    }
    return undefined;
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
