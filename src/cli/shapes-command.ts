// `tensor-lens shapes`: shape flow as a linter — each model's output shape or PyTorch's exact error at FILE:LINE.
import { resolveModelCall } from '../core/explore/model-call';
import { readModelFile } from '../core/pymodel';
import { analyzeFile, parseShapeText, type ModelReport } from '../core/shapes';
import { UsageError, parseArgs } from './args';
import { ModelFailure, readText } from './io';

/** A variable name no model file uses: the CLI's own instantiation when --model passes constructor arguments. */
const CLI_INSTANCE = '__tensor_lens_cli_model__';

export function shapesCommand(argv: string[], print: (line: string) => void): void {
  const a = parseArgs(argv, ['model', 'input'], ['json']);
  if (a.positionals.length !== 1) throw new UsageError('shapes takes one MODEL.py');
  const path = a.positionals[0];
  let text = readText(path);
  const inputText = a.options.get('input');
  const shape = inputText === undefined ? undefined : parseShapeText(inputText);
  if (inputText !== undefined && !shape) throw new UsageError(`--input takes a shape such as 1x3x224x224 (got "${inputText}")`);
  const spec = a.options.get('model');
  let only: string | undefined;
  if (spec) {
    try {
      only = resolveModelCall(readModelFile(text), spec).className;
    } catch (e) {
      throw new UsageError(`${path}: ${(e as Error).message}`);
    }
    // Constructor arguments on the command line become an instantiation after the file's own code (lines unchanged).
    if (spec.includes('(')) text = `${text}${text.endsWith('\n') ? '' : '\n'}${CLI_INSTANCE} = ${spec.trim()}\n`;
  }
  const classes = [...readModelFile(text).moduleClasses.keys()];
  const inputShapes = shape ? Object.fromEntries((only ? [only] : classes).map((c) => [c, shape])) : undefined;
  const reports = analyzeFile(text, { inputShapes }).models.filter((m) => !only || m.className === only);
  if (a.flags.has('json')) print(JSON.stringify(reports.map(jsonReport), null, 1));
  else for (const r of reports) print(describe(path, r));
  const failed = reports.filter((r) => r.error);
  if (failed.length) throw new ModelFailure('', { cause: 'reported' });
  if (only && reports[0] && !reports[0].output)
    throw new ModelFailure(
      `${path}:${reports[0].classLine}: ${only} was not checked: ${reports[0].notRun ?? reports[0].stop?.why ?? 'no output'}`,
    );
}

function describe(path: string, r: ModelReport): string {
  if (r.error) return `${path}:${r.error.line}: ${r.className}: ${r.error.type}: ${r.error.message}`;
  if (r.output) {
    const params = r.parameters === undefined ? '' : ` · ${r.parameters.toLocaleString('en-US')} parameters`;
    return `${path}:${r.classLine}: ${r.className}: [${r.input!.shape.join(', ')}] → ${r.output}${params}`;
  }
  if (r.stop) return `${path}:${r.stop.line}: ${r.className}: not checked: cannot follow ${r.stop.why}`;
  return `${path}:${r.classLine}: ${r.className}: not checked: ${r.shownAs ? `shown as ${r.shownAs}` : (r.notRun ?? 'no output')}`;
}

function jsonReport(r: ModelReport) {
  return {
    model: r.className,
    line: r.classLine,
    built: r.built ?? null,
    input: r.input?.shape ?? null,
    output: r.output ?? null,
    parameters: r.parameters ?? null,
    error: r.error ? { type: r.error.type, message: r.error.message, line: r.error.line } : null,
    stop: r.stop ?? null,
    notRun: r.notRun ?? null,
  };
}
