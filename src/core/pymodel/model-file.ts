// One Python file read for its models: the nn.Module classes, module-level constants, where models are instantiated
// (`model = Net(9200)`) and where they are called on a tensor (`model(image_tensor)`).
import { dottedName, type Expr } from './python-ast';
import { statements } from './python-source';
import { Interp } from './interp';
import { parseClasses, parseStatement, type ClassDef, type Stmt } from './syntax';
import type { Value } from './values';

export interface Instantiation {
  /** The variable it is assigned to (`model`). */
  name: string;
  className: string;
  call: Extract<Expr, { kind: 'call' }>;
  line: number;
}

export interface ModelUse {
  /** The instance variable called (`model`) and the first argument expression (`image_tensor`). */
  instance: string;
  arg: Expr;
  line: number;
}

export interface PyModelFile {
  text: string;
  classes: ClassDef[];
  /** nn.Module subclasses (directly or through another class of the file), by name. */
  moduleClasses: Map<string, ClassDef>;
  /** Module-level names bound to constants (`NUM_CLASSES = 10`). */
  globals: Map<string, Value>;
  /** Module-level statements outside classes, in order (tensor literals, instantiations, calls). */
  topLevel: Stmt[];
  instances: Instantiation[];
  uses: ModelUse[];
}

const MODULE_BASE = /^(?:torch\.)?(?:nn\.)?Module$/;

/** Reads a file's classes and top-level code; never throws (unreadable statements become "unsupported"). */
export function readModelFile(text: string): PyModelFile {
  const classes = parseClasses(text);
  const moduleClasses = new Map<string, ClassDef>();
  for (let changed = true; changed;) {
    changed = false;
    for (const c of classes) {
      if (moduleClasses.has(c.name)) continue;
      if (c.bases.some((b) => MODULE_BASE.test(b) || moduleClasses.has(b))) {
        moduleClasses.set(c.name, c);
        changed = true;
      }
    }
  }
  const inClass = (offset: number): boolean => classes.some((c) => offset >= c.start && offset <= c.end);
  const topLevel = statements(text)
    .filter((s) => !inClass(s.start) && !/^(?:class|def|async|@)\b/.test(s.text) && !s.text.endsWith(':'))
    .map((s) => parseStatement(text, s));
  const globals = new Map<string, Value>();
  const interp = new Interp({ call: () => undefined }, globals);
  const instances: Instantiation[] = [];
  const uses: ModelUse[] = [];
  for (const s of topLevel) {
    if (s.kind !== 'assign' && s.kind !== 'expr') continue;
    if (s.kind === 'assign' && s.targets.length === 1 && s.targets[0].kind === 'name') {
      const name = s.targets[0].id;
      const call = unwrapModelCall(s.value, moduleClasses);
      if (call) instances.push({ name, className: dottedName(call.fn)!, call, line: s.line });
      else if (s.start === textLineStart(text, s.start)) {
        const v = interp.eval(s.value, { vars: new Map() }, s.line);
        if (v.k !== 'unknown' && v.k !== 'module') globals.set(name, v);
      }
    }
    visitCalls(s.kind === 'assign' ? s.value : s.value, (c) => {
      const callee = c.fn.kind === 'name' ? c.fn.id : undefined;
      if (callee && instances.some((i) => i.name === callee) && c.args[0]) uses.push({ instance: callee, arg: c.args[0], line: s.line });
    });
  }
  return { text, classes, moduleClasses, globals, topLevel, instances, uses };
}

/** `Net(9200)`, `Net().to(device)`, `Net().eval()`: the constructor call of a file class, or undefined. */
function unwrapModelCall(e: Expr, classes: Map<string, ClassDef>): Extract<Expr, { kind: 'call' }> | undefined {
  let cur = e;
  while (cur.kind === 'call' && cur.fn.kind === 'attr' && ['to', 'cuda', 'cpu', 'eval', 'train', 'float', 'double'].includes(cur.fn.attr))
    cur = cur.fn.target;
  if (cur.kind === 'call' && cur.fn.kind === 'name' && classes.has(cur.fn.id)) return cur;
  return undefined;
}

function visitCalls(e: Expr, visit: (c: Extract<Expr, { kind: 'call' }>) => void): void {
  if (e.kind === 'call') {
    visit(e);
    visitCalls(e.fn, visit);
    e.args.forEach((a) => visitCalls(a, visit));
    Object.values(e.kwargs).forEach((a) => visitCalls(a, visit));
  } else if (e.kind === 'attr') visitCalls(e.target, visit);
  else if (e.kind === 'tuple') e.items.forEach((a) => visitCalls(a, visit));
  else if (e.kind === 'binop' || e.kind === 'compare' || e.kind === 'bool') {
    visitCalls(e.left, visit);
    visitCalls(e.right, visit);
  } else if (e.kind === 'index') visitCalls(e.target, visit);
}

function textLineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}
