// The interpreter's contract with its hooks: the frame it runs in, what a call site and callee are, and Stop.
import type { Expr, Span } from './python-ast';
import type { Stmt } from './syntax';
import type { ModuleInstance, Value } from './values';

/** Raised to stop the run: the statement at `line` cannot be followed, for the reason `why` ("a for-loop"). */
export class Stop extends Error {
  constructor(
    readonly why: string,
    readonly line: number,
  ) {
    super(why);
  }
}

export type Callee =
  /** A dotted global such as `nn.Conv2d`, `F.relu`, `torch.cat`, `len`, or a class of the file. */
  | { kind: 'global'; name: string }
  /** A method on a value: `x.view`, `layers.append`, `x.size`. */
  | { kind: 'method'; receiver: Value; name: string }
  /** A module called like a function: `self.conv1(x)`. */
  | { kind: 'module'; m: ModuleInstance };

export interface CallSite {
  expr: Extract<Expr, { kind: 'call' }>;
  line: number;
  /** Spans of the argument expressions, by position and keyword. */
  argSpans: Span[];
  kwargSpans: Record<string, Span>;
}

export interface Hooks {
  /** Returns the call's value, or undefined when the hook does not know the callee. */
  call(callee: Callee, args: Value[], kwargs: Record<string, Value>, site: CallSite, frame: Frame): Value | undefined;
  /** Arithmetic involving a tensor (`out + self.shortcut(x)`). */
  tensorBinop?(op: string, a: Value, b: Value, line: number): Value;
  /** Attribute of a non-module value (`x.shape`). */
  attribute?(target: Value, attr: string, line: number): Value | undefined;
  /** After each simple statement ran: the names it bound and their values. */
  statement?(stmt: Stmt, bound: Array<[string, Value]>, frame: Frame): void;
}

export interface Frame {
  vars: Map<string, Value>;
  self?: ModuleInstance;
  /** Set by shape tracing: the class whose forward lines this run annotates. */
  hintClass?: string;
}

/** How a callee is named in an "unknown" reason: `F.relu(…)`, `.view(…)`, or a module's type. */
export function describeCallee(callee: Callee): string {
  if (callee.kind === 'global') return `${callee.name}(…)`;
  if (callee.kind === 'method') return callee.receiver.k === 'unknown' ? callee.receiver.why : `.${callee.name}(…)`;
  return `${callee.m.type}`;
}
