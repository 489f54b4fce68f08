// Which model to build from a name the user gave: `TinyResNet`, or a call with constructor arguments `MnistNet(9200)`;
// a bare name takes the arguments the file itself builds it with (as shape flow does), else none.
import { parseExpr, type PyModelFile } from '../pymodel';
import type { Value } from '../pymodel/values';
import { FileInputs } from '../shapes/file-inputs';

export interface ModelCall {
  className: string;
  args: Value[];
  kwargs: Record<string, Value>;
  /** How it is built, for messages: `MnistNet(9200)`. */
  label: string;
  /** The variable the file assigns it to (`model = MnistNet()`), whose call gives the file's input. */
  instance?: string;
}

/** Resolves `spec` against the file's classes; throws an Error with one sentence when it names no model class. */
export function resolveModelCall(file: PyModelFile, spec: string): ModelCall {
  let expr;
  try {
    expr = parseExpr(spec.trim());
  } catch {
    throw new Error(`"${spec}" is not a class name or a call such as MnistNet(9200)`);
  }
  const call = expr.kind === 'call' ? expr : undefined;
  const name = call ? (call.fn.kind === 'name' ? call.fn.id : undefined) : expr.kind === 'name' ? expr.id : undefined;
  if (!name) throw new Error(`"${spec}" is not a class name or a call such as MnistNet(9200)`);
  if (!file.moduleClasses.has(name)) {
    const known = [...file.moduleClasses.keys()];
    throw new Error(`no nn.Module class named ${name} in the file${known.length ? ` (it has ${known.join(', ')})` : ''}`);
  }
  const inputs = new FileInputs(file);
  const inst =
    file.instances.find((i) => i.className === name && file.uses.some((u) => u.instance === i.name)) ??
    file.instances.find((i) => i.className === name);
  if (call) {
    const [args, kwargs] = inputs.constructorArgs(call);
    return { className: name, args, kwargs, label: spec.trim(), instance: inst?.name };
  }
  if (inst) {
    const [args, kwargs] = inputs.constructorArgs(inst.call);
    return { className: name, args, kwargs, label: file.text.slice(inst.call.start, inst.call.end), instance: inst.name };
  }
  return { className: name, args: [], kwargs: {}, label: `${name}()` };
}
